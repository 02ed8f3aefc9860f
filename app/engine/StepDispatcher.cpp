#include "app/engine/StepDispatcher.h"

#include "app/steps/StepKinds.h"

namespace lockstep {

void StepDispatcher::setTransport(StepKind kind, Transport *transport)
{
    m_transports.insert(kind, transport);
}

Transport *StepDispatcher::transport(StepKind kind) const
{
    return m_transports.value(kind);
}

Result<Templater> StepDispatcher::templater(const StepContext &context) const
{
    TemplateContext tc;
    tc.instance = context.instance;
    tc.version = context.targetVersion;
    tc.previousVersion = context.previousVersion;
    tc.change = context.change;
    tc.params = context.params;
    tc.secrets = m_secrets;
    if (context.runbook)
        for (const ParamSpec &p : context.runbook->params)
            if (p.secret)
                tc.secretParams << p.name;
    return Templater::create(tc);
}

StepExecution *StepDispatcher::launch(const StepSpec &step, const StepContext &context, QObject *parent)
{
    // Each kind renders and starts its own steps (app/steps/<kind>); the dispatcher only provides services.
    return StepKinds::of(step.kind).launch(step, context, *this, parent);
}

} // namespace lockstep
