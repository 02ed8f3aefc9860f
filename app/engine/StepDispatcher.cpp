#include "app/engine/StepDispatcher.h"

#include "app/engine/CommandStepExecution.h"
#include "app/engine/GateEvaluator.h"
#include "app/engine/GateStepExecution.h"
#include "app/engine/ManualStepExecution.h"
#include "app/engine/TimerStepExecution.h"
#include "app/runbook/Templater.h"
#include "app/transport/HttpStepExecution.h"
#include "app/transport/Transport.h"

namespace lockstep {

namespace {

// Local commands learn which instance and versions they act on, as CI jobs do from their variables:
// wrappers and tools on the operator's machine (kubectl, pulumi...) need no template for it. A step's
// own env: wins.
void addRunEnvironment(CommandSpec &spec, const StepContext &context)
{
    const QMap<QString, QString> vars{
        {QStringLiteral("LOCKSTEP_INSTANCE"), context.instance.name},
        {QStringLiteral("LOCKSTEP_INSTANCE_URL"), context.instance.baseUrl.toString()},
        {QStringLiteral("LOCKSTEP_INSTANCE_API"), context.instance.apiUrl.toString()},
        {QStringLiteral("LOCKSTEP_TARGET_VERSION"), context.targetVersion},
        {QStringLiteral("LOCKSTEP_PREVIOUS_VERSION"), context.previousVersion},
    };
    for (auto it = vars.begin(); it != vars.end(); ++it)
        if (!spec.env.contains(it.key()))
            spec.env.insert(it.key(), it.value());
}

} // namespace

void StepDispatcher::setTransport(StepKind kind, Transport *transport)
{
    m_transports.insert(kind, transport);
}

StepExecution *StepDispatcher::launch(const StepSpec &step, const StepContext &context, QObject *parent)
{
    if (step.kind == StepKind::Wait)
        return new TimerStepExecution(step.waitFor, {StepOutcome::Succeeded, 0, {}}, parent);
    if (step.kind == StepKind::Gate) {
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
    auto templater = Templater::create(tc);
    if (!templater)
        return TimerStepExecution::failed(templater.error().toString(), parent);
    // Every secret of the run, used by this step or not: a step may print one it found on the host.
    const Redactor redactor = templater->redactor();
    auto failed = [&](const Error &error) { return TimerStepExecution::failed(redactor.redact(error.toString()), parent); };

    // A manual step's prompt is rendered like any step ({{version}}, {{instance.name}} …): the operator
    // reads what to do on which instance, never a placeholder.
    if (step.kind == StepKind::Manual) {
        auto prompt = templater->renderDisplay(step.prompt.isEmpty() ? step.title : step.prompt);
        if (!prompt)
            return TimerStepExecution::failed(prompt.error().toString(), parent);
        return new ManualStepExecution(*prompt, parent);
    }
    if (step.kind == StepKind::Http) {
        auto request = templater->renderHttp(step);
        if (!request)
            return failed(request.error());
        // The HTTP execution judges `expect` and `until` itself and reports exit code 0 or 1.
        return new CommandStepExecution(new HttpStepExecution(*request, m_network, parent), {}, redactor, parent);
    }
    Transport *transport = m_transports.value(step.kind);
    if (!transport)
        return TimerStepExecution::failed(QStringLiteral("no %1 transport is configured")
                                              .arg(step.kind == StepKind::Ssh ? QStringLiteral("ssh")
                                                                              : QStringLiteral("local")),
                                          parent);
    auto spec = templater->renderCommand(step);
    if (!spec)
        return failed(spec.error());
    CommandSpec command = *spec;
    if (step.kind == StepKind::Local)
        addRunEnvironment(command, context);
    auto expect = templater->renderCommandExpectation(step);
    if (!expect)
        return failed(expect.error());
    return new CommandStepExecution(transport->start(command, parent), *expect, redactor, parent);
}

} // namespace lockstep
