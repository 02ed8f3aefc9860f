#include "app/steps/local/LocalStep.h"

#include "app/engine/StepContext.h"
#include "app/runbook/Templater.h"
#include "app/steps/StepCheck.h"
#include "app/steps/StepSyntax.h"
#include "app/steps/command/CommandStepSupport.h"

#include <QRegularExpression>

namespace lockstep {

namespace {

void readAction(StepSyntax &s)
{
    const YAML::Node &node = s.action;
    const QString &path = s.actionPath;
    StepSpec &step = s.step;
    YamlReader &yaml = s.yaml;
    if (node.IsScalar()) {
        step.command = YamlReader::text(node.Scalar());
        if (step.command.trimmed().isEmpty())
            yaml.error(node, path, QStringLiteral("the command is empty"));
        return;
    }
    if (!yaml.isMap(node, path, QStringLiteral("a shell command or {argv: [...], env: {...}, cwd: ...}")))
        return;
    const YamlReader::Fields f(yaml, node, path,
                               {QStringLiteral("command"), QStringLiteral("argv"), QStringLiteral("env"), QStringLiteral("cwd")});
    if (f.has(QStringLiteral("command")) == f.has(QStringLiteral("argv")))
        yaml.error(node, path, QStringLiteral("a local step has either command: (run by /bin/sh -c) or argv: (no shell)"));
    if (f.has(QStringLiteral("command")))
        step.command = yaml.string(f.get(QStringLiteral("command")), f.path(QStringLiteral("command"))).value_or(QString());
    if (f.has(QStringLiteral("argv"))) {
        step.argv = yaml.stringList(f.get(QStringLiteral("argv")), f.path(QStringLiteral("argv"))).value_or(QStringList());
        if (step.argv.isEmpty() && f.get(QStringLiteral("argv")).IsSequence())
            yaml.error(f.get(QStringLiteral("argv")), f.path(QStringLiteral("argv")), QStringLiteral("argv needs at least the program"));
    }
    if (f.has(QStringLiteral("cwd")))
        step.workingDirectory = yaml.string(f.get(QStringLiteral("cwd")), f.path(QStringLiteral("cwd"))).value_or(QString());
    if (f.has(QStringLiteral("env"))) {
        const YAML::Node e = f.get(QStringLiteral("env"));
        const QString ep = f.path(QStringLiteral("env"));
        if (yaml.isMap(e, ep, QStringLiteral("a mapping of NAME: value"))) {
            static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
            for (auto it = e.begin(); it != e.end(); ++it) {
                if (!yaml.spend(it->first))
                    return;
                const QString name = it->first.IsScalar() ? YamlReader::text(it->first.Scalar()) : QString();
                const QString p = YamlReader::child(ep, name);
                yaml.remember(it->second.IsNull() ? it->first : it->second, p);
                if (!re.match(name).hasMatch()) {
                    yaml.error(it->first, p, QStringLiteral("'%1' is not an environment variable name").arg(name.left(40)));
                    continue;
                }
                if (const auto v = yaml.string(it->second, p))
                    step.env.insert(name, *v);
            }
        }
    }
}

void validate(const StepSpec &step, const QString &path, StepCheck &check)
{
    const QString lp = path + QLatin1String(".local");
    check.checkTemplate(step.command, step.argv.isEmpty() && step.env.isEmpty() && step.workingDirectory.isEmpty()
                                          ? lp : lp + QLatin1String(".command"), StepCheck::Context::Shell);
    for (qsizetype i = 0; i < step.argv.size(); ++i)
        check.checkTemplate(step.argv.at(i), lp + QLatin1String(".argv[") + QString::number(i) + QLatin1Char(']'),
                            StepCheck::Context::Raw);
    for (auto it = step.env.begin(); it != step.env.end(); ++it)
        check.checkTemplate(it.value(), lp + QLatin1String(".env.") + it.key(), StepCheck::Context::Raw);
    check.checkTemplate(step.workingDirectory, lp + QLatin1String(".cwd"), StepCheck::Context::Raw);
    CommandStepSupport::validateExpectation(step, path, check);
}

// Local commands learn which instance and versions they act on, as CI jobs do from their variables:
// wrappers and tools on the operator's machine (kubectl, pulumi...) need no template for it. A step's
// own env: wins.
Result<CommandSpec> render(Templater &templater, const StepSpec &step, const StepContext &context)
{
    auto spec = templater.renderLocalCommand(step);
    if (!spec)
        return spec;
    const QMap<QString, QString> vars{
        {QStringLiteral("LOCKSTEP_INSTANCE"), context.instance.name},
        {QStringLiteral("LOCKSTEP_INSTANCE_URL"), context.instance.baseUrl.toString()},
        {QStringLiteral("LOCKSTEP_INSTANCE_API"), context.instance.apiUrl.toString()},
        {QStringLiteral("LOCKSTEP_TARGET_VERSION"), context.targetVersion},
        {QStringLiteral("LOCKSTEP_PREVIOUS_VERSION"), context.previousVersion},
    };
    for (auto it = vars.begin(); it != vars.end(); ++it)
        if (!spec->env.contains(it.key()))
            spec->env.insert(it.key(), it.value());
    return spec;
}

StepExecution *launch(const StepSpec &step, const StepContext &context, StepLaunchServices &services, QObject *parent)
{
    return CommandStepSupport::launch(step, context, services, parent, &render);
}

} // namespace

StepKindHandler localStepKind()
{
    StepKindHandler h;
    h.kind = StepKind::Local;
    h.name = QStringLiteral("local");
    h.options = {QStringLiteral("expect")};
    h.readAction = &readAction;
    h.readOptions = &CommandStepSupport::readExpectation;
    h.validate = &validate;
    h.launch = &launch;
    return h;
}

} // namespace lockstep
