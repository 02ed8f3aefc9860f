#pragma once

#include "app/engine/StepExecution.h"

namespace lockstep {

// A `gate` step (or a between-waves gate): a GateRun from the GateEvaluator.
// An inconclusive gate (no data with `no_data: pause`, or a verdict the gate cannot reach) is never a
// pass or a failure by itself: the step waits for a person (needsOperator), who accepts the result (the
// step succeeds) or rejects it (the step fails), as with a manual step.
class GateStepExecution final : public StepExecution
{
    Q_OBJECT
public:
    // Takes ownership of `run` (reparented to this).
    explicit GateStepExecution(GateRun *run, QObject *parent);
    void cancel() override;
    const GateOutcome &outcome() const { return m_outcome; }

    // While the gate's result waits for a person: the question (empty otherwise).
    bool waitsForOperator() const { return m_waiting; }
    const QString &question() const { return m_question; }
    void accept(const QString &operatorName, const QString &comment);
    void reject(const QString &operatorName, const QString &comment);

signals:
    void needsOperator(const QString &question);

private:
    void finish(const StepExecutionResult &result);

    GateRun *m_run;
    GateOutcome m_outcome;
    bool m_done = false;
    bool m_waiting = false;
    QString m_question;
};

} // namespace lockstep
