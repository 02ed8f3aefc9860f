#pragma once

#include "app/engine/StepLauncher.h"
#include "app/transport/CommandSpec.h"
#include "models/Result.h"

#include <QMap>

#include <functional>

namespace lockstep {

class GateEvaluator;
class Transport;

// The real StepLauncher: ssh and local steps go to their Transport, http steps to the HTTP runner,
// gate steps to the GateEvaluator, manual steps wait for an operator, wait steps for a timer.
class StepDispatcher final : public StepLauncher
{
public:
    // Renders a step's command for an instance (templating, quoting, secrets).
    using CommandRenderer = std::function<Result<CommandSpec>(const StepSpec &, const StepContext &)>;
    // Starts an http step (rendering included).
    using HttpLauncher = std::function<StepExecution *(const StepSpec &, const StepContext &, QObject *)>;

    StepDispatcher();

    void setTransport(StepKind kind, Transport *transport);
    void setGateEvaluator(GateEvaluator *evaluator) { m_gates = evaluator; }
    void setCommandRenderer(CommandRenderer renderer) { m_render = std::move(renderer); }
    void setHttpLauncher(HttpLauncher launcher) { m_http = std::move(launcher); }

    StepExecution *launch(const StepSpec &step, const StepContext &context, QObject *parent) override;

    // The command as written in the runbook, without templating: what runs when no renderer is set.
    static Result<CommandSpec> verbatimCommand(const StepSpec &step, const StepContext &context);

private:
    QMap<StepKind, Transport *> m_transports;
    GateEvaluator *m_gates = nullptr;
    CommandRenderer m_render;
    HttpLauncher m_http;
};

} // namespace lockstep
