#include "app/steps/StepKinds.h"
#include "app/steps/gate/GateStep.h"
#include "app/steps/http/HttpStep.h"
#include "app/steps/local/LocalStep.h"
#include "app/steps/manual/ManualStep.h"
#include "app/steps/ssh/SshStep.h"
#include "app/steps/wait/WaitStep.h"

namespace lockstep {

// One line per step kind; the order is the order messages list them in ("ssh, local, http ...").
void registerBuiltInStepKinds(QList<StepKindHandler> &table)
{
    registerStepKind(table, sshStepKind());
    registerStepKind(table, localStepKind());
    registerStepKind(table, httpStepKind());
    registerStepKind(table, manualStepKind());
    registerStepKind(table, waitStepKind());
    registerStepKind(table, gateStepKind());
}

} // namespace lockstep
