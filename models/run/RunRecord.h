#pragma once

#include "models/run/RunState.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace lockstep {

// A run as stored: enough to list it, show it and restore its executor after a crash.
struct RunRecord
{
    qint64 id = 0;
    QString runbookId;
    QString runbookFile;
    QString runbookSource;              // the runbook text the plan was made from
    QString product;
    QString targetVersion;
    QString changeClass;
    QString operatorName;
    RunState state = RunState::Planned;
    QByteArray plan;                    // PlanCodec JSON: waves, instance snapshots, params, window, overrides
    int currentWave = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime finishedAt;
    QString note;                       // why the run is in its state ("failure budget spent in wave 2")
    QDateTime watchStartedAt;           // when the post-rollout watch started; invalid before it
};

} // namespace lockstep
