#include "app/engine/CommandStepExecution.h"

#include "app/transport/CommandExecution.h"

namespace lockstep {

CommandStepExecution::CommandStepExecution(CommandExecution *execution, QObject *parent)
    : StepExecution(parent), m_execution(execution)
{
    m_execution->setParent(this);
    connect(m_execution, &CommandExecution::outputLine, this,
            [this](OutputStream, const QString &line) { emit outputLine(line); });
    connect(m_execution, &CommandExecution::finished, this, &CommandStepExecution::onFinished);
}

void CommandStepExecution::cancel()
{
    m_execution->cancel();
}

void CommandStepExecution::onFinished(const CommandOutcome &outcome)
{
    StepExecutionResult result;
    result.code = outcome.exitCode;
    switch (outcome.kind) {
    case CommandOutcome::Kind::Exited:
        result.outcome = outcome.exitCode == 0 ? StepOutcome::Succeeded : StepOutcome::Failed;
        if (outcome.exitCode != 0)
            result.message = QStringLiteral("exited with %1").arg(outcome.exitCode);
        break;
    case CommandOutcome::Kind::TimedOut:
        result.outcome = StepOutcome::TimedOut;
        result.message = outcome.error.isEmpty() ? QStringLiteral("timed out") : outcome.error;
        break;
    case CommandOutcome::Kind::Cancelled:
        result.outcome = StepOutcome::Cancelled;
        result.message = QStringLiteral("cancelled");
        break;
    case CommandOutcome::Kind::Signalled:
    case CommandOutcome::Kind::FailedToStart:
    case CommandOutcome::Kind::ConnectionLost:
        result.outcome = StepOutcome::Failed;
        result.message = outcome.error;
        break;
    }
    emit finished(result);
}

} // namespace lockstep
