#pragma once

#include "app/engine/StepExecution.h"

namespace lockstep {

// A `gate` step (or a between-waves gate): a GateRun from the GateEvaluator.
class GateStepExecution final : public StepExecution
{
    Q_OBJECT
public:
    // Takes ownership of `run` (reparented to this).
    explicit GateStepExecution(GateRun *run, QObject *parent);
    void cancel() override;
    const GateOutcome &outcome() const { return m_outcome; }

private:
    void finish(const StepExecutionResult &result);

    GateRun *m_run;
    GateOutcome m_outcome;
    bool m_done = false;
};

} // namespace lockstep
