#pragma once

#include "models/run/RunState.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace lockstep {

// One attempt of one step on one instance: the intent written before it starts, the result after.
struct StepResult
{
    qint64 id = 0;                      // store key of the attempt
    qint64 runId = 0;
    RunPhase phase = RunPhase::Upgrade;
    int wave = 0;                       // -1 for checklist checks
    QString instance;
    QString step;
    int attempt = 1;
    QDateTime startedAt;
    QDateTime finishedAt;
    std::optional<StepOutcome> outcome; // empty: started, no result (in flight, or the console stopped)
    int exitCode = -1;                  // exit code, or HTTP status for http steps
    QString outputTail;                 // the last lines, secrets already redacted
    qint64 durationMs = 0;
    QString note;                       // why it failed, or the operator's reason
    qint64 processGroup = 0;            // local steps: the process group the command runs in (0: none)
    QString processIdentity;            // "host boot-id start-time" of that group's leader (ProcessGroup)

    bool hasResult() const { return outcome.has_value(); }
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::StepResult)
