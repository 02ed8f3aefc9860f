#pragma once

#include "models/run/RunState.h"

#include <QMetaType>
#include <QString>

namespace lockstep {

// Where one instance of a run is, for the progress grid and `lockstep-cli status`.
struct InstanceProgress
{
    QString instance;
    int wave = 0;
    InstanceState state = InstanceState::Pending;
    RunPhase phase = RunPhase::Upgrade;
    QString step;                       // the step running, or the last one that ran
    int stepIndex = 0;                  // position of `step` in the phase's sequence
    int stepCount = 0;
    int attempt = 0;
    QString note;                       // why it failed / was interrupted
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::InstanceProgress)
