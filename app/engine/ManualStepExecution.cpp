#include "app/engine/ManualStepExecution.h"

#include <QTimer>

namespace lockstep {

ManualStepExecution::ManualStepExecution(QString prompt, QObject *parent)
    : StepExecution(parent), m_prompt(std::move(prompt))
{
}

void ManualStepExecution::confirm(const QString &operatorName, const QString &comment)
{
    emit outputLine(QStringLiteral("confirmed by %1: %2").arg(operatorName, comment));
    finish({StepOutcome::Succeeded, 0, {}});
}

void ManualStepExecution::decline(const QString &operatorName, const QString &comment)
{
    emit outputLine(QStringLiteral("declined by %1: %2").arg(operatorName, comment));
    finish({StepOutcome::Failed, 1, QStringLiteral("declined by %1: %2").arg(operatorName, comment)});
}

void ManualStepExecution::cancel()
{
    finish({StepOutcome::Cancelled, -1, QStringLiteral("cancelled")});
}

void ManualStepExecution::finish(StepExecutionResult result)
{
    if (m_done)
        return;
    m_done = true;
    QTimer::singleShot(0, this, [this, result] { emit finished(result); });
}

} // namespace lockstep
