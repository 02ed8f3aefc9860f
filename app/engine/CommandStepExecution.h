#pragma once

#include "app/engine/StepExecution.h"
#include "app/transport/CommandSpec.h"

namespace lockstep {

class CommandExecution;

// An ssh or local step: a command on a Transport.
class CommandStepExecution final : public StepExecution
{
    Q_OBJECT
public:
    // Takes ownership of `execution` (reparented to this).
    explicit CommandStepExecution(CommandExecution *execution, QObject *parent);
    void cancel() override;

private:
    void onFinished(const CommandOutcome &outcome);

    CommandExecution *m_execution;
};

} // namespace lockstep
