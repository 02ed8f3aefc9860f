#include "app/engine/CommandStepExecution.h"

#include "app/runbook/CommandCheck.h"
#include "app/transport/CommandExecution.h"

namespace lockstep {

namespace {
constexpr qsizetype kMaxCheckedOutput = 1024 * 1024;
}

CommandStepExecution::CommandStepExecution(CommandExecution *execution, CommandExpectation expect, Redactor redactor,
                                           QObject *parent)
    : StepExecution(parent), m_execution(execution), m_expect(std::move(expect)), m_redactor(std::move(redactor))
{
    m_execution->setParent(this);
    connect(m_execution, &CommandExecution::outputLine, this, [this](OutputStream stream, const QString &line) {
        if (stream == OutputStream::Stdout && !m_expect.outputRegex.isEmpty() && m_stdout.size() < kMaxCheckedOutput)
            m_stdout += line + QLatin1Char('\n');
        emit outputLine(m_redactor.redact(line));
    });
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
        result.message = CommandCheck::check(m_expect, outcome, m_stdout);
        // An HTTP step's own explanation ("expected status 200, got 503 from GET ...") says more.
        if (!result.message.isEmpty() && !outcome.error.isEmpty())
            result.message = outcome.error;
        result.outcome = result.message.isEmpty() ? StepOutcome::Succeeded : StepOutcome::Failed;
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
        result.stopsWave = outcome.hostKeyChanged;
        break;
    }
    result.message = m_redactor.redact(result.message);
    emit finished(result);
}

} // namespace lockstep
