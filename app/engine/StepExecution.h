#pragma once

#include "app/engine/GateEvaluator.h"
#include "models/run/RunState.h"

#include <QObject>
#include <QString>

namespace lockstep {

// How a step execution ended, before the executor turns it into a StepResult.
struct StepExecutionResult
{
    StepOutcome outcome = StepOutcome::Failed;   // Succeeded, Failed, TimedOut or Cancelled
    int code = -1;                               // exit code or HTTP status
    QString message;                             // why it failed, in one line
    bool stopsWave = false;                      // no retry, no further instance of the wave (changed host key)
};

// One step in flight on one instance, whatever its kind. Emits finished() exactly once, never from
// inside the call that created it.
class StepExecution : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Ends the step within 2 s; finished() follows with Cancelled.
    virtual void cancel() = 0;

signals:
    void outputLine(const QString &line);
    void gateMeasured(const lockstep::GateMeasurement &measurement);
    void finished(const lockstep::StepExecutionResult &result);
};

} // namespace lockstep
