#include "app/runbook/InstanceVariables.h"

#include "app/runbook/TemplateString.h"

#include <QJsonArray>
#include <QJsonObject>

namespace lockstep {

namespace {

const QLatin1String kPrefix("instance.vars.");

void texts(const QJsonValue &value, QStringList &out)
{
    if (value.isString()) {
        out << value.toString();
    } else if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            texts(v, out);
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            texts(it.value(), out);
    }
}

void texts(const HttpExpectation &e, QStringList &out)
{
    out << e.bodyRegex;
    for (const JsonExpectation &j : e.json)
        texts(j.expected, out);
}

// Every string of a step that is rendered as a template.
QStringList templatesOf(const StepSpec &step)
{
    QStringList out{step.title, step.command, step.workingDirectory, step.commandExpect.outputRegex, step.http.url,
                    step.prompt, step.restoreMessage};
    out << step.argv << step.env.values() << step.http.headers.values();
    texts(step.http.body, out);
    texts(step.expect, out);
    if (step.until)
        texts(*step.until, out);
    return out;
}

void collect(const StepSpec &step, const QString &id, QList<InstanceVariables::Use> &uses)
{
    for (const QString &text : templatesOf(step)) {
        if (!text.contains(kPrefix))
            continue;
        const auto tpl = TemplateString::parse(text);
        if (!tpl)
            continue;   // lint reports the broken template itself
        for (const QString &name : tpl->variables())
            if (name.startsWith(kPrefix))
                uses.append({name.mid(kPrefix.size()), id, step.location});
    }
}

} // namespace

QList<InstanceVariables::Use> InstanceVariables::used(const Runbook &runbook)
{
    QList<Use> uses;
    for (const ChecklistItem &item : runbook.checklist)
        if (item.check)
            collect(*item.check, item.id, uses);
    for (const auto *list : {&runbook.steps, &runbook.rollbackSteps})
        for (const StepSpec &step : *list)
            collect(step, step.id, uses);
    return uses;
}

Status InstanceVariables::check(const Runbook &runbook, const QList<Instance> &instances)
{
    QStringList problems;
    QString where;
    QStringList reported;
    for (const Use &use : used(runbook)) {
        if (reported.contains(use.name))
            continue;
        QStringList lacking;
        for (const Instance &i : instances)
            if (!i.vars.contains(use.name))
                lacking << i.name;
        if (lacking.isEmpty())
            continue;
        reported << use.name;
        if (where.isEmpty())
            where = use.location.toString();
        problems << QStringLiteral("{{instance.vars.%1}} of step %2 (%3) has no value for %4")
                        .arg(use.name, use.stepId, use.location.toString(), lacking.join(QStringLiteral(", ")));
    }
    if (problems.isEmpty())
        return okStatus();
    return Error{problems.join(QStringLiteral("; ")), where.isEmpty() ? runbook.file : where,
                 QStringLiteral("give each instance the variable in the inventory (YAML: vars: {%1: ...}; Ansible INI: a "
                                "host or group variable) and import it again")
                     .arg(reported.first())};
}

} // namespace lockstep
