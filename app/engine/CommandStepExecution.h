#pragma once

#include "app/engine/StepExecution.h"
#include "app/transport/CommandSpec.h"
#include "models/runbook/Runbook.h"
#include "models/secret/Redactor.h"

namespace lockstep {

class CommandExecution;

// An ssh, local or http step: a CommandExecution on a Transport (or an HttpStepExecution), judged by
// its `expect:` (exit codes, output regex) once it ends. Every line and the result's message pass the
// step's Redactor, whatever the transport already did: nothing a step reports quotes a secret.
class CommandStepExecution final : public StepExecution
{
    Q_OBJECT
public:
    // Takes ownership of `execution` (reparented to this). `expect` is rendered (CommandCheck).
    CommandStepExecution(CommandExecution *execution, CommandExpectation expect, Redactor redactor, QObject *parent);
    void cancel() override;

private:
    void onFinished(const CommandOutcome &outcome);

    CommandExecution *m_execution;
    CommandExpectation m_expect;
    Redactor m_redactor;
    QString m_stdout;                   // kept only when an output regex must be checked
};

} // namespace lockstep
