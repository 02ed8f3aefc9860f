#include "app/steps/ssh/SshStep.h"

#include "app/runbook/Templater.h"
#include "app/steps/StepCheck.h"
#include "app/steps/StepSyntax.h"
#include "app/steps/command/CommandStepSupport.h"

namespace lockstep {

namespace {

void readAction(StepSyntax &s)
{
    s.step.command = s.yaml.string(s.action, s.actionPath).value_or(QString());
    if (s.action.IsScalar() && s.step.command.trimmed().isEmpty())
        s.yaml.error(s.action, s.actionPath, QStringLiteral("the command is empty"));
}

void validate(const StepSpec &step, const QString &path, StepCheck &check)
{
    check.checkTemplate(step.command, path + QLatin1String(".ssh"), StepCheck::Context::Shell);
    CommandStepSupport::validateExpectation(step, path, check);
}

Result<CommandSpec> render(Templater &templater, const StepSpec &step, const StepContext &)
{
    return templater.renderSshCommand(step);
}

StepExecution *launch(const StepSpec &step, const StepContext &context, StepLaunchServices &services, QObject *parent)
{
    return CommandStepSupport::launch(step, context, services, parent, &render);
}

} // namespace

StepKindHandler sshStepKind()
{
    StepKindHandler h;
    h.kind = StepKind::Ssh;
    h.name = QStringLiteral("ssh");
    h.options = {QStringLiteral("expect")};
    h.readAction = &readAction;
    h.readOptions = &CommandStepSupport::readExpectation;
    h.validate = &validate;
    h.launch = &launch;
    return h;
}

} // namespace lockstep
