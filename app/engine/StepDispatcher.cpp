#include "app/engine/StepDispatcher.h"

#include "app/engine/CommandStepExecution.h"
#include "app/engine/GateEvaluator.h"
#include "app/engine/GateStepExecution.h"
#include "app/engine/ManualStepExecution.h"
#include "app/engine/TimerStepExecution.h"
#include "app/transport/Transport.h"

namespace lockstep {

StepDispatcher::StepDispatcher() : m_render(&StepDispatcher::verbatimCommand) {}

void StepDispatcher::setTransport(StepKind kind, Transport *transport)
{
    m_transports.insert(kind, transport);
}

Result<CommandSpec> StepDispatcher::verbatimCommand(const StepSpec &step, const StepContext &context)
{
    CommandSpec spec;
    spec.target = step.kind == StepKind::Ssh ? context.instance.sshTarget : QString();
    spec.command = step.command;
    spec.argv = step.argv;
    spec.env = step.env;
    spec.workingDirectory = step.workingDirectory;
    return spec;
}

StepExecution *StepDispatcher::launch(const StepSpec &step, const StepContext &context, QObject *parent)
{
    switch (step.kind) {
    case StepKind::Ssh:
    case StepKind::Local: {
        Transport *transport = m_transports.value(step.kind);
        if (!transport)
            return TimerStepExecution::failed(
                QStringLiteral("no %1 transport is configured").arg(step.kind == StepKind::Ssh ? QStringLiteral("ssh")
                                                                                             : QStringLiteral("local")),
                parent);
        auto spec = m_render(step, context);
        if (!spec)
            return TimerStepExecution::failed(spec.error().toString(), parent);
        return new CommandStepExecution(transport->start(*spec, parent), parent);
    }
    case StepKind::Http:
        if (!m_http)
            return TimerStepExecution::failed(QStringLiteral("no HTTP step runner is configured"), parent);
        return m_http(step, context, parent);
    case StepKind::Manual:
        return new ManualStepExecution(step.prompt.isEmpty() ? step.title : step.prompt, parent);
    case StepKind::Wait:
        return new TimerStepExecution(step.waitFor, {StepOutcome::Succeeded, 0, {}}, parent);
    case StepKind::Gate: {
        if (!m_gates)
            return TimerStepExecution::failed(QStringLiteral("no gate evaluator is configured"), parent);
        const GateSpec *gate = nullptr;
        if (context.runbook)
            for (const GateSpec &g : context.runbook->gates)
                if (g.id == step.gate)
                    gate = &g;
        if (!gate)
            return TimerStepExecution::failed(QStringLiteral("no gate \"%1\" in the runbook").arg(step.gate), parent);
        return new GateStepExecution(m_gates->start(*gate, {context.instance}, {}, QDateTime(), parent), parent);
    }
    }
    return TimerStepExecution::failed(QStringLiteral("unknown step kind"), parent);
}

} // namespace lockstep
