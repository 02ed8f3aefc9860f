#include "app/engine/TimerStepExecution.h"

namespace lockstep {

TimerStepExecution::TimerStepExecution(std::chrono::milliseconds duration, StepExecutionResult result,
                                       QObject *parent)
    : StepExecution(parent), m_result(std::move(result))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { emit finished(m_result); });
    m_timer.start(duration);
}

TimerStepExecution *TimerStepExecution::failed(const QString &message, QObject *parent)
{
    return new TimerStepExecution(std::chrono::milliseconds(0), {StepOutcome::Failed, -1, message}, parent);
}

void TimerStepExecution::cancel()
{
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    // Queued like every other end, so the executor never sees finished() re-enter its own cancel call.
    QTimer::singleShot(0, this, [this] { emit finished({StepOutcome::Cancelled, -1, QStringLiteral("cancelled")}); });
}

} // namespace lockstep
