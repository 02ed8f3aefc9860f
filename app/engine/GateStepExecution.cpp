#include "app/engine/GateStepExecution.h"

#include <QTimer>

namespace lockstep {

GateStepExecution::GateStepExecution(GateRun *run, QObject *parent) : StepExecution(parent), m_run(run)
{
    m_run->setParent(this);
    connect(m_run, &GateRun::measured, this, &StepExecution::gateMeasured);
    connect(m_run, &GateRun::finished, this, [this](const GateOutcome &outcome) {
        m_outcome = outcome;
        StepExecutionResult result;
        result.message = outcome.summary;
        result.outcome = outcome.state == GateOutcome::State::Passed ? StepOutcome::Succeeded : StepOutcome::Failed;
        if (outcome.state == GateOutcome::State::NeedsOperator)
            result.message = QStringLiteral("inconclusive, the operator decides: ") + outcome.summary;
        finish(result);
    });
}

void GateStepExecution::cancel()
{
    m_run->cancel();
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
