#include "app/steps/gate/GateStep.h"

#include "app/engine/GateEvaluator.h"
#include "app/engine/GateStepExecution.h"
#include "app/engine/StepContext.h"
#include "app/engine/TimerStepExecution.h"
#include "app/steps/StepCheck.h"
#include "app/steps/StepLaunchServices.h"
#include "app/steps/StepSyntax.h"

namespace lockstep {

namespace {

void readAction(StepSyntax &s)
{
    s.step.gate = s.yaml.identifier(s.action, s.actionPath).value_or(QString());
}

void validate(const StepSpec &step, const QString &path, StepCheck &check)
{
    if (!step.gate.isEmpty() && !check.hasGate(step.gate))
        check.error(path + QLatin1String(".gate"), QStringLiteral("gate '%1' is not defined under gates:").arg(step.gate));
}

StepExecution *launch(const StepSpec &step, const StepContext &context, StepLaunchServices &services, QObject *parent)
{
    GateEvaluator *gates = services.gates();
    if (!gates)
        return TimerStepExecution::failed(QStringLiteral("no gate evaluator is configured"), parent);
    const GateSpec *gate = nullptr;
    if (context.runbook)
        for (const GateSpec &g : context.runbook->gates)
            if (g.id == step.gate)
                gate = &g;
    if (!gate)
        return TimerStepExecution::failed(QStringLiteral("no gate \"%1\" in the runbook").arg(step.gate), parent);
    // The instance is judged against its own window before its upgrade started, or against the run's
    // instances nothing changed yet.
    const bool notUpgraded = gate->baseline == QLatin1String("not-upgraded");
    const QList<Instance> baseline = notUpgraded && context.notUpgraded ? context.notUpgraded() : QList<Instance>();
    return new GateStepExecution(gates->start(*gate, {context.instance}, baseline, context.upgradeStarted, parent), parent);
}

} // namespace

StepKindHandler gateStepKind()
{
    StepKindHandler h;
    h.kind = StepKind::Gate;
    h.name = QStringLiteral("gate");
    h.hasTimeout = false;
    h.askAgainOnResume = true;
    h.checkable = false;
    h.measuresHealth = true;
    h.effect = StepKindHandler::Effect::Reads;
    h.defaultTimeout = Millis(0);
    h.readAction = &readAction;
    h.validate = &validate;
    h.launch = &launch;
    return h;
}

} // namespace lockstep
