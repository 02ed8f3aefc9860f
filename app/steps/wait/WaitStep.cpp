#include "app/steps/wait/WaitStep.h"

#include "app/engine/TimerStepExecution.h"
#include "app/steps/StepSyntax.h"

#include <algorithm>

namespace lockstep {

namespace {

void readAction(StepSyntax &s)
{
    s.step.waitFor = s.yaml.duration(s.action, s.actionPath).value_or(Millis(0));
}

StepExecution *launch(const StepSpec &step, const StepContext &, StepLaunchServices &, QObject *parent)
{
    return new TimerStepExecution(step.waitFor, {StepOutcome::Succeeded, 0, {}}, parent);
}

Millis plannedDuration(const StepSpec &step)
{
    return std::max(step.expected, step.waitFor);
}

} // namespace

StepKindHandler waitStepKind()
{
    StepKindHandler h;
    h.kind = StepKind::Wait;
    h.name = QStringLiteral("wait");
    h.hasTimeout = false;
    h.askAgainOnResume = true;
    h.checkable = false;
    h.effect = StepKindHandler::Effect::Reads;
    h.readAction = &readAction;
    h.launch = &launch;
    h.plannedDuration = &plannedDuration;
    return h;
}

} // namespace lockstep
