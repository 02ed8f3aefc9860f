#include "app/engine/GateStepExecution.h"

#include <QTimer>

namespace lockstep {

GateStepExecution::GateStepExecution(GateRun *run, QObject *parent) : StepExecution(parent), m_run(run)
{
    m_run->setParent(this);
    connect(m_run, &GateRun::measured, this, &StepExecution::gateMeasured);
    connect(m_run, &GateRun::finished, this, [this](const GateOutcome &outcome) {
        m_outcome = outcome;
        if (outcome.state == GateOutcome::State::NeedsOperator) {
            // Inconclusive is a question for a person, never a failure (nor a pass) by itself.
            m_waiting = true;
            m_question = QStringLiteral("the gate is inconclusive: %1; accept the result to go on, or reject it to fail "
                                        "the step")
                             .arg(outcome.summary);
            emit outputLine(m_question);
            emit needsOperator(m_question);
            return;
        }
        StepExecutionResult result;
        result.message = outcome.summary;
        result.outcome = outcome.state == GateOutcome::State::Passed ? StepOutcome::Succeeded : StepOutcome::Failed;
        finish(result);
    });
}

void GateStepExecution::accept(const QString &operatorName, const QString &comment)
{
    if (!m_waiting)
        return;
    m_waiting = false;
    emit outputLine(QStringLiteral("inconclusive result accepted by %1: %2").arg(operatorName, comment));
    QTimer::singleShot(0, this, [this, operatorName, comment] {
        finish({StepOutcome::Succeeded, 0,
                QStringLiteral("inconclusive, accepted by %1: %2 (%3)").arg(operatorName, comment, m_outcome.summary)});
    });
}

void GateStepExecution::reject(const QString &operatorName, const QString &comment)
{
    if (!m_waiting)
        return;
    m_waiting = false;
    emit outputLine(QStringLiteral("inconclusive result rejected by %1: %2").arg(operatorName, comment));
    QTimer::singleShot(0, this, [this, operatorName, comment] {
        finish({StepOutcome::Failed, 1,
                QStringLiteral("inconclusive, rejected by %1: %2 (%3)").arg(operatorName, comment, m_outcome.summary)});
    });
}

void GateStepExecution::cancel()
{
    m_run->cancel();
    m_waiting = false;
    // A gate run need not report its own cancellation; the step ends now either way.
    QTimer::singleShot(0, this, [this] { finish({StepOutcome::Cancelled, -1, QStringLiteral("cancelled")}); });
}

void GateStepExecution::finish(const StepExecutionResult &result)
{
    if (m_done)
        return;
    m_done = true;
    emit finished(result);
}

} // namespace lockstep
