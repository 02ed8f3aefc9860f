#pragma once

#include "app/engine/StepExecution.h"

#include <QTimer>

#include <chrono>

namespace lockstep {

// A `wait` step: succeeds after its duration. Also used to report a step that could not start
// (duration 0, a failure), so that finished() never fires inside launch().
class TimerStepExecution final : public StepExecution
{
    Q_OBJECT
public:
    TimerStepExecution(std::chrono::milliseconds duration, StepExecutionResult result, QObject *parent);
    static TimerStepExecution *failed(const QString &message, QObject *parent);
    void cancel() override;

private:
    QTimer m_timer;
    StepExecutionResult m_result;
};

} // namespace lockstep
