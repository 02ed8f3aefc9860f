#include "app/steps/manual/ManualStep.h"

#include "app/engine/ManualStepExecution.h"
#include "app/engine/TimerStepExecution.h"
#include "app/runbook/Templater.h"
#include "app/steps/StepCheck.h"
#include "app/steps/StepLaunchServices.h"
#include "app/steps/StepSyntax.h"

namespace lockstep {

namespace {

void readAction(StepSyntax &s)
{
    s.step.prompt = s.yaml.string(s.action, s.actionPath).value_or(QString());
}

void validate(const StepSpec &step, const QString &path, StepCheck &check)
{
    check.checkTemplate(step.prompt, path + QLatin1String(".manual"), StepCheck::Context::Display);
}

// The prompt is rendered like any step ({{version}}, {{instance.name}} …): the operator reads what to
// do on which instance, never a placeholder.
StepExecution *launch(const StepSpec &step, const StepContext &context, StepLaunchServices &services, QObject *parent)
{
    auto templater = services.templater(context);
    if (!templater)
        return TimerStepExecution::failed(templater.error().toString(), parent);
    auto prompt = templater->renderDisplay(step.prompt.isEmpty() ? step.title : step.prompt);
    if (!prompt)
        return TimerStepExecution::failed(prompt.error().toString(), parent);
    return new ManualStepExecution(*prompt, parent);
}

} // namespace

StepKindHandler manualStepKind()
{
    StepKindHandler h;
    h.kind = StepKind::Manual;
    h.name = QStringLiteral("manual");
    h.hasTimeout = false;
    h.askAgainOnResume = true;
    h.waitsForOperator = true;
    h.effect = StepKindHandler::Effect::ChangesWithUndo;
    h.defaultTimeout = Millis(0);
    h.readAction = &readAction;
    h.validate = &validate;
    h.launch = &launch;
    return h;
}

} // namespace lockstep
