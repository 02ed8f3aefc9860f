#include "app/runbook/RunbookValidator.h"

#include "app/runbook/BaselineCheck.h"
#include "app/runbook/IrreversibleCheck.h"
#include "app/runbook/TemplateString.h"
#include "app/steps/StepCheck.h"
#include "app/steps/StepKinds.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <functional>

namespace lockstep {

namespace {

using Context = StepCheck::Context;

class Checker final : public StepCheck
{
public:
    Checker(const Runbook &runbook, const QHash<QString, SourceLocation> &locations)
        : m_runbook(runbook), m_locations(locations)
    {
    }

    QList<Diagnostic> run();

private:
    SourceLocation where(QString path) const
    {
        while (!path.isEmpty()) {
            const auto it = m_locations.constFind(path);
            if (it != m_locations.constEnd())
                return *it;
            const qsizetype dot = std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
            path = dot > 0 ? path.left(dot) : QString();
        }
        return SourceLocation{m_runbook.file, 1, 1};
    }
    void error(const QString &path, const QString &message) override
    {
        m_out.append({Diagnostic::Severity::Error, where(path), message, path});
    }

    void checkTemplate(const QString &text, const QString &path, Context context) override;
    void checkJsonTemplates(const QJsonValue &value, const QString &path) override;
    bool hasGate(const QString &id) const override { return m_gateIds.contains(id); }
    void checkStep(const StepSpec &step, const QString &path, const QSet<QString> &stepIds, const QSet<QString> &gateIds);
    void checkCycles(const QList<std::pair<const StepSpec *, QString>> &steps);
    void checkProbesRead(const QList<std::pair<const StepSpec *, QString>> &steps);
    void checkWatch(const QSet<QString> &gateIds);
    void checkRunLevel(const QList<std::pair<const StepSpec *, QString>> &allSteps, const QSet<QString> &stepIds,
                       const QSet<QString> &gateIds);

    const Runbook &m_runbook;
    bool m_runLevel = false;             // checking a step that runs once per run, with no instance
    const QHash<QString, SourceLocation> &m_locations;
    QSet<QString> m_gateIds;
    QList<Diagnostic> m_out;
};

void Checker::checkTemplate(const QString &text, const QString &path, Context context)
{
    const auto tpl = TemplateString::parse(text);
    if (!tpl) {
        error(path, tpl.error().message);
        return;
    }
    // Tracks the shell's quoting through the literal text: a value substituted inside quotes would
    // keep its own quotes literally ('"'1.2.3'"'), so the author must leave quoting to the templater.
    enum class Quote { None, Single, Double } quote = Quote::None;
    for (const TemplateString::Part &part : tpl->parts()) {
        if (!part.variable) {
            if (context != Context::Shell)
                continue;
            for (qsizetype i = 0; i < part.text.size(); ++i) {
                const QChar c = part.text.at(i);
                if (quote == Quote::Single) {
                    if (c == QLatin1Char('\''))
                        quote = Quote::None;
                } else if (c == QLatin1Char('\\')) {
                    ++i;
                } else if (quote == Quote::Double) {
                    if (c == QLatin1Char('"'))
                        quote = Quote::None;
                } else if (c == QLatin1Char('\'')) {
                    quote = Quote::Single;
                } else if (c == QLatin1Char('"')) {
                    quote = Quote::Double;
                }
            }
            continue;
        }
        const QString problem = RunbookValidator::checkVariable(part.text, m_runbook);
        if (!problem.isEmpty()) {
            error(path, problem);
            continue;
        }
        if (m_runLevel && (part.text.startsWith(QLatin1String("instance.")) || part.text == QLatin1String("previous_version"))) {
            error(path, QStringLiteral("{{%1}} names an instance, but this step runs once for the whole run (before:, "
                                       "after:, their undo, or a checklist check with scope: run); use params, "
                                       "version and change, or move the step under steps:")
                            .arg(part.text));
            continue;
        }
        if (context == Context::Shell && quote != Quote::None)
            error(path, QStringLiteral("{{%1}} is inside quotes in a shell command; values are shell-quoted when "
                                       "substituted, so remove the quotes around it")
                            .arg(part.text));
        if (context == Context::Display && part.text.startsWith(QLatin1String("secrets.")))
            error(path, QStringLiteral("{{%1}} would show a secret to operators; secrets may only be used in commands, "
                                       "URLs, headers and bodies")
                            .arg(part.text));
        if (context == Context::Url && part.offset > 0
            && (part.text == QLatin1String("instance.url") || part.text == QLatin1String("instance.api")))
            error(path, QStringLiteral("{{%1}} is a base URL and can only start a URL").arg(part.text));
    }
}

void Checker::checkJsonTemplates(const QJsonValue &value, const QString &path)
{
    if (value.isString()) {
        checkTemplate(value.toString(), path, Context::Json);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            checkJsonTemplates(array.at(i), path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'));
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().contains(QLatin1String("{{")))
                error(path + QLatin1Char('.') + it.key(), QStringLiteral("templates are not allowed in JSON keys"));
            checkJsonTemplates(it.value(), path + QLatin1Char('.') + it.key());
        }
    }
}

void Checker::checkStep(const StepSpec &step, const QString &path, const QSet<QString> &stepIds, const QSet<QString> &gateIds)
{
    const QString p = path + QLatin1Char('.');
    checkTemplate(step.title, p + QLatin1String("title"), Context::Display);
    // The kind's own templates and references.
    if (const StepKindHandler &kind = StepKinds::of(step.kind); kind.validate) {
        m_gateIds = gateIds;
        kind.validate(step, path, *this);
    }
    if (!step.undo.isEmpty() && !stepIds.contains(step.undo))
        error(p + QLatin1String("undo"),
              QStringLiteral("undo names step '%1', which is not defined under steps: or rollback_steps:").arg(step.undo));
    if (!step.probe.isEmpty() && !stepIds.contains(step.probe))
        error(p + QLatin1String("probe"),
              QStringLiteral("probe names step '%1', which is not defined under steps: or rollback_steps:").arg(step.probe));
}

void Checker::checkCycles(const QList<std::pair<const StepSpec *, QString>> &steps)
{
    QHash<QString, std::pair<const StepSpec *, QString>> byId;
    for (const auto &s : steps)
        if (!s.first->id.isEmpty() && !byId.contains(s.first->id))
            byId.insert(s.first->id, s);
    enum Color { White, Grey, Black };
    QHash<QString, Color> color;
    QStringList stack;
    std::function<void(const QString &)> visit = [&](const QString &id) {
        color[id] = Grey;
        stack.append(id);
        const auto &[step, path] = byId.value(id);
        const std::pair<QString, QString> edges[] = {{step->undo, QStringLiteral("undo")}, {step->probe, QStringLiteral("probe")}};
        for (const auto &[target, key] : edges) {
            if (target.isEmpty() || !byId.contains(target))
                continue;
            if (color.value(target, White) == Grey) {
                const QStringList cycle = stack.mid(stack.indexOf(target)) << target;
                error(path + QLatin1Char('.') + key,
                      QStringLiteral("undo/probe references form a cycle: %1").arg(cycle.join(QLatin1String(" -> "))));
            } else if (color.value(target, White) == White) {
                visit(target);
            }
        }
        stack.removeLast();
        color[id] = Black;
    };
    for (const auto &s : steps)
        if (byId.contains(s.first->id) && color.value(s.first->id, White) == White)
            visit(s.first->id);
}

// A probe runs after a crash to find out whether a step took effect: it must not change anything itself.
void Checker::checkProbesRead(const QList<std::pair<const StepSpec *, QString>> &steps)
{
    for (const auto &[step, path] : steps) {
        if (step->probe.isEmpty())
            continue;
        for (const auto &[target, targetPath] : steps) {
            if (target->id != step->probe || target->readOnly)
                continue;
            error(path + QLatin1String(".probe"),
                  QStringLiteral("probe '%1' may change things; a probe only reads (an http GET, or read_only: true)")
                      .arg(step->probe));
            break;
        }
    }
}

QList<Diagnostic> Checker::run()
{
    QList<std::pair<const StepSpec *, QString>> allSteps;
    for (qsizetype i = 0; i < m_runbook.steps.size(); ++i)
        allSteps.append({&m_runbook.steps.at(i), QStringLiteral("steps[%1]").arg(i)});
    for (qsizetype i = 0; i < m_runbook.rollbackSteps.size(); ++i)
        allSteps.append({&m_runbook.rollbackSteps.at(i), QStringLiteral("rollback_steps[%1]").arg(i)});
    const qsizetype instanceSteps = allSteps.size();
    for (const auto &[list, key] : {std::pair{&m_runbook.before, QStringLiteral("before")},
                                    std::pair{&m_runbook.after, QStringLiteral("after")}})
        for (qsizetype i = 0; i < list->size(); ++i)
            allSteps.append({&list->at(i), QStringLiteral("%1[%2]").arg(key, QString::number(i))});

    QSet<QString> stepIds;
    for (const auto &[step, path] : allSteps) {
        if (step->id.isEmpty())
            continue;
        if (stepIds.contains(step->id))
            error(path + QLatin1String(".id"), QStringLiteral("duplicate step id '%1'").arg(step->id));
        stepIds.insert(step->id);
    }
    QSet<QString> gateIds;
    for (qsizetype i = 0; i < m_runbook.gates.size(); ++i) {
        const QString &id = m_runbook.gates.at(i).id;
        if (id.isEmpty())
            continue;
        if (gateIds.contains(id))
            error(QStringLiteral("gates[%1]").arg(i),
                  QStringLiteral("duplicate gate id '%1'; give each gate its own id:").arg(id));
        gateIds.insert(id);
    }
    QSet<QString> checklistIds;
    for (qsizetype i = 0; i < m_runbook.checklist.size(); ++i) {
        const ChecklistItem &item = m_runbook.checklist.at(i);
        const QString path = QStringLiteral("checklist[%1]").arg(i);
        if (!item.id.isEmpty() && checklistIds.contains(item.id))
            error(path + QLatin1String(".id"), QStringLiteral("duplicate checklist id '%1'").arg(item.id));
        checklistIds.insert(item.id);
        checkTemplate(item.title, path + QLatin1String(".title"), Context::Display);
        m_runLevel = item.scope == ChecklistScope::Run;
        if (item.check)
            checkStep(*item.check, path + QLatin1String(".check"), stepIds, gateIds);
        m_runLevel = false;
    }
    for (const auto &[step, path] : allSteps.mid(0, instanceSteps))
        checkStep(*step, path, stepIds, gateIds);
    checkRunLevel(allSteps.mid(instanceSteps), stepIds, gateIds);
    checkCycles(allSteps);
    checkProbesRead(allSteps);
    checkWatch(gateIds);
    IrreversibleCheck::check(m_runbook, *this);
    checkBaselineGateSteps(m_runbook, [this](const QString &path, const QString &message) { error(path, message); });

    for (const auto &[list, key] : {std::pair{&m_runbook.rollback, QStringLiteral("rollback")},
                                    std::pair{&m_runbook.emergencyRollback, QStringLiteral("emergency_rollback")}}) {
        for (qsizetype i = 0; i < list->size(); ++i)
            if (m_runbook.isRunLevel(list->at(i)))
                error(QStringLiteral("%1[%2]").arg(key, QString::number(i)),
                      QStringLiteral("%1 names '%2', a step of before:/after: that runs once per run; %1 runs per "
                                     "instance: name a step of steps: or rollback_steps:, and give the run-level step an undo:")
                          .arg(key, list->at(i)));
            else if (!stepIds.contains(list->at(i)))
                error(QStringLiteral("%1[%2]").arg(key, QString::number(i)),
                      QStringLiteral("%1 names step '%2', which is not defined under steps: or rollback_steps:")
                          .arg(key, list->at(i)));
    }
    // An entry with if_ran compensates upgrade steps: they must be upgrade steps that change something,
    // or the entry would never run (or run after a mere check).
    for (qsizetype i = 0; i < m_runbook.rollback.size(); ++i) {
        const QStringList ifRan = m_runbook.rollbackIfRan.value(m_runbook.rollback.at(i));
        for (qsizetype j = 0; j < ifRan.size(); ++j) {
            const QString path = QStringLiteral("rollback[%1].if_ran[%2]").arg(i).arg(j);
            const auto forward = std::find_if(m_runbook.steps.cbegin(), m_runbook.steps.cend(),
                                              [&](const StepSpec &s) { return s.id == ifRan.at(j); });
            if (forward == m_runbook.steps.cend())
                error(path, stepIds.contains(ifRan.at(j))
                                ? QStringLiteral("if_ran names rollback step '%1'; name the upgrade step (under steps:) "
                                                 "this entry compensates").arg(ifRan.at(j))
                                : QStringLiteral("if_ran names step '%1', which is not defined under steps:").arg(ifRan.at(j)));
            else if (!StepKinds::changesSystem(*forward))
                error(path, QStringLiteral("if_ran names '%1', which does not change the system (it only reads, waits "
                                           "or asks); a rollback entry compensates a step that changes something")
                                .arg(ifRan.at(j)));
        }
    }
    if (!m_runbook.emergencyUndo && m_runbook.emergencyRollback.isEmpty())
        error(QStringLiteral("emergency_undo"),
              QStringLiteral("emergency_undo: false needs an emergency_rollback: list (without one, an emergency "
                             "rollback is the rollback: list and the undo steps)"));
    // A rollback step nothing refers to never runs: most likely a typo in the list that should name it.
    QSet<QString> used(m_runbook.rollback.begin(), m_runbook.rollback.end());
    used.unite(QSet<QString>(m_runbook.emergencyRollback.begin(), m_runbook.emergencyRollback.end()));
    for (const auto &[step, path] : allSteps) {
        used.insert(step->undo);
        used.insert(step->probe);
    }
    for (qsizetype i = 0; i < m_runbook.rollbackSteps.size(); ++i) {
        const QString &id = m_runbook.rollbackSteps.at(i).id;
        if (!id.isEmpty() && !used.contains(id)) {
            const QString path = QStringLiteral("rollback_steps[%1]").arg(i);
            m_out.append({Diagnostic::Severity::Warning, where(path + QLatin1String(".id")),
                          QStringLiteral("rollback step '%1' never runs: no undo:, probe:, rollback: or emergency_rollback: names it")
                              .arg(id),
                          path});
        }
    }
    return m_out;
}

} // namespace

const QStringList &RunbookValidator::builtinVariables()
{
    static const QStringList names = {
        QStringLiteral("instance.name"), QStringLiteral("instance.id"), QStringLiteral("instance.product"),
        QStringLiteral("instance.environment"), QStringLiteral("instance.url"), QStringLiteral("instance.api"),
        QStringLiteral("instance.ssh"), QStringLiteral("instance.version"), QStringLiteral("version"),
        QStringLiteral("previous_version"), QStringLiteral("change")};
    return names;
}

QString RunbookValidator::checkVariable(const QString &name, const Runbook &runbook)
{
    if (builtinVariables().contains(name))
        return {};
    if (name.startsWith(QLatin1String("params."))) {
        const QString param = name.mid(7);
        for (const ParamSpec &p : runbook.params)
            if (p.name == param)
                return {};
        return QStringLiteral("{{%1}}: parameter '%2' is not declared under params:").arg(name, param);
    }
    if (name.startsWith(QLatin1String("instance.vars."))) {
        // Whether each instance has it is known only with the plan (Planner::plan refuses one that lacks it).
        static const QRegularExpression varName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
        if (varName.match(name.mid(14)).hasMatch())
            return {};
        return QStringLiteral("{{%1}}: an instance variable name is letters, digits and _ (as the inventory's vars: "
                              "and Ansible variables are named)").arg(name);
    }
    if (name.startsWith(QLatin1String("secrets."))) {
        const QString secret = name.mid(8);
        if (runbook.secrets.contains(secret))
            return {};
        return QStringLiteral("{{%1}}: secret '%2' is not declared under secrets:").arg(name, secret);
    }
    return QStringLiteral("{{%1}} is not a template variable; known: %2, instance.vars.NAME, params.NAME, secrets.NAME")
        .arg(name, builtinVariables().join(QLatin1String(", ")));
}

// before:/after: steps and the rollback steps they name as undo: run once per run, with no instance. They
// may not name an instance in a template, measure a gate on one, or be probed after a crash.
void Checker::checkRunLevel(const QList<std::pair<const StepSpec *, QString>> &runSteps, const QSet<QString> &stepIds,
                            const QSet<QString> &gateIds)
{
    m_runLevel = true;
    for (const auto &[step, path] : runSteps) {
        checkStep(*step, path, stepIds, gateIds);
        if (StepKinds::of(step->kind).measuresHealth)
            error(path + QLatin1String(".gate"),
                  QStringLiteral("a run-level step cannot be a gate: gates measure instances; put the gate under gates: "
                                 "(it judges every wave and the watch) or a gate: step under steps:"));
        if (step->kind == StepKind::Ssh)
            error(path + QLatin1String(".ssh"),
                  QStringLiteral("a run-level step has no instance to ssh to; use local: (e.g. ssh HOST ... with the host "
                                 "from params) or move the step under steps:"));
        if (!step->probe.isEmpty())
            error(path + QLatin1String(".probe"),
                  QStringLiteral("a run-level step has no probe; mark it idempotent: true if it may run again after a "
                                 "crash, else the operator resolves it"));
        for (qsizetype i = 0; i < m_runbook.rollbackSteps.size(); ++i)
            if (!step->undo.isEmpty() && m_runbook.rollbackSteps.at(i).id == step->undo)
                checkStep(m_runbook.rollbackSteps.at(i), QStringLiteral("rollback_steps[%1]").arg(i), stepIds, gateIds);
    }
    m_runLevel = false;
}

void Checker::checkWatch(const QSet<QString> &gateIds)
{
    const WatchSpec &watch = m_runbook.watch;
    if (!watch.enabled())
        return;
    // A watch without gates would only wait: nothing would judge the fleet after the rollout.
    if (watch.gates.isEmpty() && m_runbook.gates.isEmpty())
        error(QStringLiteral("watch"), QStringLiteral("a watch needs gates: define gates: (the watch uses them all) "
                                                      "or name them under watch.gates"));
    QSet<QString> seen;
    for (qsizetype i = 0; i < watch.gates.size(); ++i) {
        const QString &id = watch.gates.at(i);
        const QString path = QStringLiteral("watch.gates[%1]").arg(i);
        if (!gateIds.contains(id))
            error(path, QStringLiteral("watch names gate '%1', which is not defined under gates:").arg(id));
        else if (seen.contains(id))
            error(path, QStringLiteral("watch names gate '%1' twice").arg(id));
        seen.insert(id);
    }
}

QList<Diagnostic> RunbookValidator::validate(const Runbook &runbook, const QHash<QString, SourceLocation> &locations)
{
    return Checker(runbook, locations).run();
}

} // namespace lockstep
