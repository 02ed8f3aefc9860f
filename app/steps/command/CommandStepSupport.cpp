#include "app/steps/command/CommandStepSupport.h"

#include "app/engine/CommandStepExecution.h"
#include "app/engine/StepContext.h"
#include "app/engine/TimerStepExecution.h"
#include "app/steps/StepCheck.h"
#include "app/steps/StepKinds.h"
#include "app/steps/StepLaunchServices.h"
#include "app/steps/StepSyntax.h"
#include "app/transport/Transport.h"

namespace lockstep {

void CommandStepSupport::readExpectation(StepSyntax &s)
{
    if (!s.has("expect"))
        return;
    const YAML::Node node = s.get("expect");
    const QString path = s.at("expect");
    if (!s.yaml.isMap(node, path, QStringLiteral("{exit: [0], output: regex}")))
        return;
    CommandExpectation &expect = s.step.commandExpect;
    const YamlReader::Fields f(s.yaml, node, path, {QStringLiteral("exit"), QStringLiteral("output")});
    if (f.has(QStringLiteral("exit")))
        expect.exitCodes = s.yaml.intList(f.get(QStringLiteral("exit")), f.path(QStringLiteral("exit")), 0, 255).value_or(QList<int>());
    if (f.has(QStringLiteral("output"))) {
        const YAML::Node o = f.get(QStringLiteral("output"));
        if (const auto text = s.yaml.string(o, f.path(QStringLiteral("output")))) {
            s.yaml.checkRegex(o, f.path(QStringLiteral("output")), *text);
            expect.outputRegex = *text;
        }
    }
}

void CommandStepSupport::validateExpectation(const StepSpec &step, const QString &path, StepCheck &check)
{
    check.checkTemplate(step.commandExpect.outputRegex, path + QLatin1String(".expect.output"), StepCheck::Context::Raw);
}

StepExecution *CommandStepSupport::launch(const StepSpec &step, const StepContext &context, StepLaunchServices &services,
                                          QObject *parent, Render render)
{
    auto templater = services.templater(context);
    if (!templater)
        return TimerStepExecution::failed(templater.error().toString(), parent);
    // Every secret of the run, used by this step or not: a step may print one it found on the host.
    const Redactor redactor = templater->redactor();
    Transport *transport = services.transport(step.kind);
    if (!transport)
        return TimerStepExecution::failed(QStringLiteral("no %1 transport is configured").arg(StepKinds::of(step.kind).name),
                                          parent);
    auto spec = render(templater.value(), step, context);
    if (!spec)
        return TimerStepExecution::failed(redactor.redact(spec.error().toString()), parent);
    spec->processStarted = context.processStarted;
    auto expect = templater->renderCommandExpectation(step);
    if (!expect)
        return TimerStepExecution::failed(redactor.redact(expect.error().toString()), parent);
    return new CommandStepExecution(transport->start(*spec, parent), *expect, redactor, parent);
}

} // namespace lockstep
