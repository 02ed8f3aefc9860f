#include "app/runbook/RunbookReader.h"

#include "app/runbook/PromQlSyntax.h"

#include "app/runbook/Condition.h"
#include "app/runbook/GroupFactsReader.h"
#include "app/runbook/StepReader.h"

#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <exception>

namespace lockstep {

namespace {

QString qs(const std::string &s)
{
    return YamlReader::text(s);
}

// Besides these, any pNN_latency (p50_latency, p99.9_latency) is a latency quantile.
const QStringList kMetrics = {QStringLiteral("error_rate"), QStringLiteral("p50_latency"),
                              QStringLiteral("p95_latency"), QStringLiteral("p99_latency"),
                              QStringLiteral("queue_depth"), QStringLiteral("request_rate")};

} // namespace

RunbookReader::RunbookReader(QString file) : YamlReader(std::move(file)) {}

Runbook RunbookReader::read(const QByteArray &utf8Text)
{
    Runbook runbook;
    runbook.file = m_file;
    YAML::Node root;
    try {
        root = YAML::Load(std::string(utf8Text.constData(), size_t(utf8Text.size())));
    } catch (const YAML::Exception &e) {
        SourceLocation loc{m_file, e.mark.is_null() ? 1 : e.mark.line + 1, e.mark.is_null() ? 1 : e.mark.column + 1};
        error(loc, {}, QStringLiteral("YAML syntax error: %1").arg(qs(e.msg)));
        return runbook;
    } catch (const std::exception &e) {
        error(SourceLocation{m_file, 1, 1}, {}, QStringLiteral("cannot read YAML: %1").arg(QString::fromUtf8(e.what())));
        return runbook;
    }
    try {
        readTop(root, runbook);
    } catch (const std::exception &e) {
        // yaml-cpp throws on some malformed trees (e.g. bad conversions); report, never crash.
        error(SourceLocation{m_file, 1, 1}, {}, QStringLiteral("cannot read runbook: %1").arg(QString::fromUtf8(e.what())));
    }
    return runbook;
}

void RunbookReader::readTop(const YAML::Node &root, Runbook &runbook)
{
    if (!root.IsMap()) {
        error(root, {}, QStringLiteral("a runbook is a YAML mapping that starts with 'runbook: <id>', got %1").arg(describe(root)));
        return;
    }
    const Fields f(*this, root, {},
                   {QStringLiteral("runbook"), QStringLiteral("title"), QStringLiteral("description"),
                    QStringLiteral("product"), QStringLiteral("applies_to"), QStringLiteral("maintenance_window"),
                    QStringLiteral("strategy"), QStringLiteral("params"), QStringLiteral("secrets"),
                    QStringLiteral("checklist"), QStringLiteral("steps"), QStringLiteral("rollback_steps"),
                    QStringLiteral("gates"), QStringLiteral("rollback"), QStringLiteral("emergency_rollback"),
                    QStringLiteral("emergency_undo"), QStringLiteral("watch"),
                    QStringLiteral("before"), QStringLiteral("after"), QStringLiteral("lock"), QStringLiteral("order")});
    for (const char *required : {"runbook", "product", "steps"})
        if (!f.has(QLatin1String(required)))
            error(root, QLatin1String(required), QStringLiteral("missing required key '%1'").arg(QLatin1String(required)));

    if (f.has(QStringLiteral("runbook")))
        if (const auto id = identifier(f.get(QStringLiteral("runbook")), QStringLiteral("runbook")))
            runbook.id = *id;
    if (f.has(QStringLiteral("title")))
        runbook.title = string(f.get(QStringLiteral("title")), QStringLiteral("title")).value_or(QString());
    if (f.has(QStringLiteral("description")))
        runbook.description = string(f.get(QStringLiteral("description")), QStringLiteral("description")).value_or(QString());
    if (f.has(QStringLiteral("product")))
        if (const auto p = identifier(f.get(QStringLiteral("product")), QStringLiteral("product")))
            runbook.product = *p;

    if (f.has(QStringLiteral("applies_to"))) {
        const YAML::Node n = f.get(QStringLiteral("applies_to"));
        const QString path = QStringLiteral("applies_to");
        if (isMap(n, path, QStringLiteral("applies_to: {change: [...]}"))) {
            const Fields a(*this, n, path, {QStringLiteral("change")});
            if (!a.has(QStringLiteral("change"))) {
                error(n, a.path(QStringLiteral("change")), QStringLiteral("missing required key 'change'"));
            } else {
                const YAML::Node c = a.get(QStringLiteral("change"));
                const QString cpath = a.path(QStringLiteral("change"));
                std::optional<QStringList> names;
                if (c.IsScalar())
                    names = QStringList{qs(c.Scalar())};
                else
                    names = stringList(c, cpath);
                qsizetype i = 0;
                for (const QString &name : names.value_or(QStringList())) {
                    const auto cls = changeClassFromName(name);
                    if (!cls || *cls == ChangeClass::None)
                        error(c.IsSequence() ? c[size_t(i)] : c, c.IsSequence() ? index(cpath, i) : cpath,
                              QStringLiteral("unknown change class '%1'; use patch, minor, major or downgrade").arg(name.left(40)));
                    else if (!runbook.appliesTo.contains(*cls))
                        runbook.appliesTo.append(*cls);
                    ++i;
                }
            }
        }
    }

    if (f.has(QStringLiteral("maintenance_window"))) {
        const YAML::Node n = f.get(QStringLiteral("maintenance_window"));
        const auto s = string(n, QStringLiteral("maintenance_window"));
        if (s == QLatin1String("required") || s == QLatin1String("true"))
            runbook.maintenanceWindowRequired = true;
        else if (s == QLatin1String("optional") || s == QLatin1String("false"))
            runbook.maintenanceWindowRequired = false;
        else if (s)
            error(n, QStringLiteral("maintenance_window"),
                  QStringLiteral("maintenance_window must be 'required' or 'optional', not '%1'").arg(s->left(40)));
    }

    if (f.has(QStringLiteral("strategy")))
        readStrategy(f.get(QStringLiteral("strategy")), QStringLiteral("strategy"), runbook.strategy);
    else
        runbook.strategy.waves = {WaveSpec{QStringLiteral("all"), 0, 100, {}}};

    if (f.has(QStringLiteral("params")))
        readParams(f.get(QStringLiteral("params")), QStringLiteral("params"), runbook);

    if (f.has(QStringLiteral("secrets"))) {
        const QString path = QStringLiteral("secrets");
        const YAML::Node n = f.get(path);
        if (const auto names = stringList(n, path)) {
            static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
            for (qsizetype i = 0; i < names->size(); ++i) {
                const QString &name = names->at(i);
                if (!re.match(name).hasMatch())
                    error(n[size_t(i)], index(path, i),
                          QStringLiteral("secret name '%1' must be letters, digits and '_' (it becomes LOCKSTEP_SECRET_<NAME>)")
                              .arg(name.left(40)));
                else if (runbook.secrets.contains(name))
                    error(n[size_t(i)], index(path, i), QStringLiteral("secret '%1' is declared twice").arg(name));
                else
                    runbook.secrets.append(name);
            }
        }
    }

    if (f.has(QStringLiteral("checklist"))) {
        const QString path = QStringLiteral("checklist");
        const YAML::Node n = f.get(path);
        if (isSequence(n, path, QStringLiteral("a list of checklist items"))) {
            qsizetype i = 0;
            for (const YAML::Node &item : n) {
                if (!spend(item) || i >= kMaxSteps)
                    break;
                runbook.checklist.append(readChecklistItem(item, index(path, i++)));
            }
        }
    }

    if (f.has(QStringLiteral("steps"))) {
        runbook.steps = readSteps(f.get(QStringLiteral("steps")), QStringLiteral("steps"));
        if (runbook.steps.isEmpty() && f.get(QStringLiteral("steps")).IsSequence())
            error(f.get(QStringLiteral("steps")), QStringLiteral("steps"), QStringLiteral("a runbook needs at least one step"));
    }
    if (f.has(QStringLiteral("rollback_steps")))
        runbook.rollbackSteps = readSteps(f.get(QStringLiteral("rollback_steps")), QStringLiteral("rollback_steps"));
    // Run-level steps: once per run, before the first instance and after the last wave.
    for (const char *key : {"before", "after"})
        if (f.has(QLatin1String(key)))
            (qstrcmp(key, "before") == 0 ? runbook.before : runbook.after) =
                readSteps(f.get(QLatin1String(key)), QLatin1String(key));

    if (f.has(QStringLiteral("gates"))) {
        const QString path = QStringLiteral("gates");
        const YAML::Node n = f.get(path);
        if (isSequence(n, path, QStringLiteral("a list of gates"))) {
            qsizetype i = 0;
            for (const YAML::Node &item : n) {
                if (!spend(item) || i >= kMaxSteps)
                    break;
                runbook.gates.append(readGate(item, index(path, i++)));
            }
        }
    }

    if (f.has(QStringLiteral("watch")))
        readWatch(f.get(QStringLiteral("watch")), QStringLiteral("watch"), runbook.watch);

    if (f.has(QStringLiteral("lock")))
        runbook.lock = GroupFactsReader(*this).readLock(f.get(QStringLiteral("lock")), QStringLiteral("lock"));
    if (f.has(QStringLiteral("order"))) {
        const YAML::Node strategy = f.has(QStringLiteral("strategy")) ? f.get(QStringLiteral("strategy")) : YAML::Node();
        runbook.order = GroupFactsReader(*this).readOrder(f.get(QStringLiteral("order")), QStringLiteral("order"),
                                                          strategy.IsMap() ? strategy["waves"] : YAML::Node());
    }

    for (const char *key : {"rollback", "emergency_rollback"}) {
        const QString path = QLatin1String(key);
        if (!f.has(path))
            continue;
        const QStringList ids = readRollbackList(f.get(path), path, runbook);
        (path == QLatin1String("rollback") ? runbook.rollback : runbook.emergencyRollback) = ids;
    }
    if (f.has(QStringLiteral("emergency_undo")))
        runbook.emergencyUndo = boolean(f.get(QStringLiteral("emergency_undo")), QStringLiteral("emergency_undo")).value_or(true);
}

void RunbookReader::readStrategy(const YAML::Node &node, const QString &path, StrategySpec &strategy)
{
    if (!isMap(node, path, QStringLiteral("a strategy")))
        return;
    const Fields f(*this, node, path,
                   {QStringLiteral("waves"), QStringLiteral("max_parallel"), QStringLiteral("between_waves"),
                    QStringLiteral("failure_budget"), QStringLiteral("on_failure")});
    if (f.has(QStringLiteral("waves"))) {
        const YAML::Node waves = f.get(QStringLiteral("waves"));
        const QString wpath = f.path(QStringLiteral("waves"));
        if (isSequence(waves, wpath, QStringLiteral("a list of waves"))) {
            int lastPercent = 0;
            qsizetype i = 0;
            for (const YAML::Node &w : waves) {
                if (!spend(w) || i >= kMaxSteps)
                    break;
                const QString p = index(wpath, i++);
                remember(w, p);
                if (!isMap(w, p, QStringLiteral("a wave such as {count: 1} or {percent: 25}")))
                    continue;
                const Fields wf(*this, w, p, {QStringLiteral("name"), QStringLiteral("count"), QStringLiteral("percent"),
                                              QStringLiteral("approval")});
                WaveSpec wave;
                if (wf.has(QStringLiteral("approval"))) {
                    const YAML::Node a = wf.get(QStringLiteral("approval"));
                    const QString ap = wf.path(QStringLiteral("approval"));
                    if (i == 1)
                        error(a, ap, QStringLiteral("the first wave starts after the checklist, without a wave approval; "
                                                    "put its rule on the checklist (signoff:) or on a later wave"));
                    else if (isMap(a, ap, QStringLiteral("approval: {by: 2, exclude_initiator: true}")))
                        wave.approval = readApprovalRule(a, ap, QStringLiteral("an approval"));
                }
                if (wf.has(QStringLiteral("name")))
                    wave.name = string(wf.get(QStringLiteral("name")), wf.path(QStringLiteral("name"))).value_or(QString());
                const bool hasCount = wf.has(QStringLiteral("count"));
                const bool hasPercent = wf.has(QStringLiteral("percent"));
                if (hasCount == hasPercent) {
                    error(w, p, hasCount ? QStringLiteral("a wave has either count or percent, not both")
                                         : QStringLiteral("a wave needs count: N or percent: P"));
                    continue;
                }
                if (lastPercent >= 100) {
                    error(w, p, QStringLiteral("no wave can follow a wave of percent: 100; every instance is already in it"));
                    continue;
                }
                if (hasCount) {
                    wave.count = int(integer(wf.get(QStringLiteral("count")), wf.path(QStringLiteral("count")), 1, 100000).value_or(0));
                } else {
                    const YAML::Node pn = wf.get(QStringLiteral("percent"));
                    wave.percent = int(integer(pn, wf.path(QStringLiteral("percent")), 1, 100).value_or(0));
                    if (wave.percent > 0 && wave.percent <= lastPercent)
                        error(pn, wf.path(QStringLiteral("percent")),
                              QStringLiteral("wave percentages are cumulative and must grow: %1 follows %2")
                                  .arg(wave.percent).arg(lastPercent));
                    lastPercent = std::max(lastPercent, wave.percent);
                }
                strategy.waves.append(wave);
            }
            if (strategy.waves.isEmpty() && waves.IsSequence() && waves.size() == 0)
                error(waves, wpath, QStringLiteral("a strategy needs at least one wave"));
            else if (!strategy.waves.isEmpty() && strategy.waves.last().percent != 100)
                error(waves, wpath, QStringLiteral("the last wave must be {percent: 100} so that every selected instance is upgraded"));
        }
    } else {
        strategy.waves = {WaveSpec{QStringLiteral("all"), 0, 100, {}}};
    }
    if (f.has(QStringLiteral("max_parallel")))
        strategy.maxParallel = int(integer(f.get(QStringLiteral("max_parallel")), f.path(QStringLiteral("max_parallel")), 1, 1000).value_or(1));
    if (f.has(QStringLiteral("between_waves"))) {
        const YAML::Node n = f.get(QStringLiteral("between_waves"));
        const QString p = f.path(QStringLiteral("between_waves"));
        if (isMap(n, p, QStringLiteral("between_waves: {observe: 10m, then: approve}"))) {
            const Fields bf(*this, n, p, {QStringLiteral("observe"), QStringLiteral("then"), QStringLiteral("approval")});
            if (bf.has(QStringLiteral("approval"))) {
                const YAML::Node a = bf.get(QStringLiteral("approval"));
                if (isMap(a, bf.path(QStringLiteral("approval")), QStringLiteral("approval: {by: 2, exclude_initiator: true}")))
                    strategy.approval = readApprovalRule(a, bf.path(QStringLiteral("approval")), QStringLiteral("an approval"));
            }
            if (bf.has(QStringLiteral("observe")))
                strategy.observe = duration(bf.get(QStringLiteral("observe")), bf.path(QStringLiteral("observe")), true).value_or(Millis(0));
            if (bf.has(QStringLiteral("then"))) {
                const YAML::Node t = bf.get(QStringLiteral("then"));
                const auto s = string(t, bf.path(QStringLiteral("then")));
                if (s == QLatin1String("approve"))
                    strategy.autoPromote = false;
                else if (s == QLatin1String("promote"))
                    strategy.autoPromote = true;
                else if (s)
                    error(t, bf.path(QStringLiteral("then")), QStringLiteral("then must be 'approve' or 'promote', not '%1'").arg(s->left(40)));
            }
        }
    }
    if (f.has(QStringLiteral("failure_budget"))) {
        const YAML::Node n = f.get(QStringLiteral("failure_budget"));
        const QString p = f.path(QStringLiteral("failure_budget"));
        if (isMap(n, p, QStringLiteral("failure_budget: {max_failed: 0}"))) {
            const Fields bf(*this, n, p, {QStringLiteral("max_failed")});
            if (bf.has(QStringLiteral("max_failed")))
                strategy.maxFailedPerWave = int(integer(bf.get(QStringLiteral("max_failed")), bf.path(QStringLiteral("max_failed")), 0, 100000).value_or(0));
            else
                error(n, bf.path(QStringLiteral("max_failed")), QStringLiteral("missing required key 'max_failed'"));
        }
    }
    if (f.has(QStringLiteral("on_failure")))
        strategy.onFailure = onFailure(f.get(QStringLiteral("on_failure")), f.path(QStringLiteral("on_failure"))).value_or(OnFailure::Pause);
    // A rule for approvals nobody is asked for would read as a safeguard that is not there.
    if (strategy.autoPromote) {
        const QString why = QStringLiteral("an approval rule needs between_waves: {then: approve}; with then: promote "
                                           "no one approves a wave");
        if (strategy.approval.location.line > 0)
            error(strategy.approval.location, f.path(QStringLiteral("between_waves")) + QStringLiteral(".approval"), why);
        for (qsizetype w = 0; w < strategy.waves.size(); ++w)
            if (strategy.waves[w].approval)
                error(strategy.waves[w].approval->location,
                      index(f.path(QStringLiteral("waves")), w) + QStringLiteral(".approval"), why);
    }
}

void RunbookReader::readWatch(const YAML::Node &node, const QString &path, WatchSpec &watch)
{
    if (!isMap(node, path, QStringLiteral("watch: {for: 24h, gates: [error_rate], on_failure: rollback}")))
        return;
    watch.location = locationOf(node);
    const Fields f(*this, node, path, {QStringLiteral("for"), QStringLiteral("gates"), QStringLiteral("on_failure")});
    if (f.has(QStringLiteral("for")))
        watch.duration = duration(f.get(QStringLiteral("for")), f.path(QStringLiteral("for"))).value_or(Millis(0));
    else
        error(node, f.path(QStringLiteral("for")), QStringLiteral("missing required key 'for' (how long to watch, e.g. for: 24h)"));
    if (f.has(QStringLiteral("gates")))
        watch.gates = stringList(f.get(QStringLiteral("gates")), f.path(QStringLiteral("gates"))).value_or(QStringList());
    if (f.has(QStringLiteral("on_failure"))) {
        const YAML::Node n = f.get(QStringLiteral("on_failure"));
        const auto policy = onFailure(n, f.path(QStringLiteral("on_failure")));
        if (policy == OnFailure::Continue)
            error(n, f.path(QStringLiteral("on_failure")),
                  QStringLiteral("a watch's on_failure is pause or rollback: a failed gate after the rollout never goes unanswered"));
        else
            watch.onFailure = policy;
    }
}

void RunbookReader::readParams(const YAML::Node &node, const QString &path, Runbook &runbook)
{
    if (!isMap(node, path, QStringLiteral("params: {name: {default: ..., required: true}}")))
        return;
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]{0,63}$"));
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (!spend(it->first))
            return;
        const QString name = it->first.IsScalar() ? qs(it->first.Scalar()) : QString();
        const QString p = child(path, name);
        remember(it->second.IsNull() ? it->first : it->second, p);
        if (!re.match(name).hasMatch()) {
            error(it->first, p, QStringLiteral("'%1' is not a valid parameter name").arg(name.left(40)));
            continue;
        }
        bool duplicate = false;
        for (const ParamSpec &existing : runbook.params)
            duplicate = duplicate || existing.name == name;
        if (duplicate) {
            error(it->first, p, QStringLiteral("parameter '%1' is declared twice").arg(name));
            continue;
        }
        ParamSpec param;
        param.name = name;
        const YAML::Node v = it->second;
        if (v.IsScalar()) {
            param.defaultValue = qs(v.Scalar());
        } else if (v.IsNull()) {
            param.required = true;
        } else if (isMap(v, p, QStringLiteral("a default value or {default, required, description}"))) {
            const Fields pf(*this, v, p, {QStringLiteral("default"), QStringLiteral("required"), QStringLiteral("description"),
                                          QStringLiteral("secret")});
            if (pf.has(QStringLiteral("secret")))
                param.secret = boolean(pf.get(QStringLiteral("secret")), pf.path(QStringLiteral("secret"))).value_or(false);
            if (pf.has(QStringLiteral("default")))
                param.defaultValue = string(pf.get(QStringLiteral("default")), pf.path(QStringLiteral("default"))).value_or(QString());
            if (pf.has(QStringLiteral("description")))
                param.description = string(pf.get(QStringLiteral("description")), pf.path(QStringLiteral("description"))).value_or(QString());
            param.required = !pf.has(QStringLiteral("default"));
            if (pf.has(QStringLiteral("required"))) {
                param.required = boolean(pf.get(QStringLiteral("required")), pf.path(QStringLiteral("required"))).value_or(false);
                if (param.required && pf.has(QStringLiteral("default")))
                    error(pf.keyNode(QStringLiteral("required")), pf.path(QStringLiteral("required")),
                          QStringLiteral("a required parameter cannot have a default"));
            }
        }
        runbook.params.append(param);
    }
}

ApprovalRule RunbookReader::readApprovalRule(const YAML::Node &node, const QString &path, const QString &what)
{
    ApprovalRule rule;
    rule.location = locationOf(node);
    const Fields f(*this, node, path, {QStringLiteral("by"), QStringLiteral("exclude_initiator"), QStringLiteral("role"),
                                       QStringLiteral("max_age"), QStringLiteral("expires")});
    if (f.has(QStringLiteral("by")))
        rule.by = int(integer(f.get(QStringLiteral("by")), f.path(QStringLiteral("by")), 1, 5).value_or(1));
    if (f.has(QStringLiteral("exclude_initiator")))
        rule.excludeInitiator = boolean(f.get(QStringLiteral("exclude_initiator")), f.path(QStringLiteral("exclude_initiator"))).value_or(false);
    if (f.has(QStringLiteral("role"))) {
        const YAML::Node r = f.get(QStringLiteral("role"));
        rule.role = string(r, f.path(QStringLiteral("role"))).value_or(QString());
        static const QRegularExpression roleName(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
        if (!roleName.match(rule.role).hasMatch())
            error(r, f.path(QStringLiteral("role")),
                  QStringLiteral("a role is a database role name such as lockstep_approver, not '%1'").arg(rule.role.left(40)));
    }
    if (f.has(QStringLiteral("max_age")))
        rule.maxAge = duration(f.get(QStringLiteral("max_age")), f.path(QStringLiteral("max_age"))).value_or(Millis(0));
    if (f.has(QStringLiteral("expires"))) {
        const YAML::Node e = f.get(QStringLiteral("expires"));
        const auto v = string(e, f.path(QStringLiteral("expires")));
        rule.expiresWithWindow = v == QLatin1String("window");
        if (v && !rule.expiresWithWindow)
            error(e, f.path(QStringLiteral("expires")), QStringLiteral("expires must be 'window' (%1 made before the "
                                                                       "maintenance window opened does not count), not '%2'")
                                                            .arg(what, v->left(40)));
    }
    return rule;
}

ChecklistItem RunbookReader::readChecklistItem(const YAML::Node &node, const QString &path)
{
    ChecklistItem item;
    item.location = locationOf(node);
    remember(node, path);
    if (!isMap(node, path, QStringLiteral("a checklist item")))
        return item;
    const Fields f(*this, node, path,
                   {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("check"), QStringLiteral("signoff"),
                    QStringLiteral("required"), QStringLiteral("when"), QStringLiteral("scope")});
    if (f.has(QStringLiteral("id")))
        item.id = identifier(f.get(QStringLiteral("id")), f.path(QStringLiteral("id"))).value_or(QString());
    else
        error(node, f.path(QStringLiteral("id")), QStringLiteral("missing required key 'id'"));
    if (f.has(QStringLiteral("title")))
        item.title = string(f.get(QStringLiteral("title")), f.path(QStringLiteral("title"))).value_or(QString());
    else
        error(node, f.path(QStringLiteral("title")), QStringLiteral("missing required key 'title'"));
    if (f.has(QStringLiteral("required")))
        item.required = boolean(f.get(QStringLiteral("required")), f.path(QStringLiteral("required"))).value_or(true);
    if (f.has(QStringLiteral("when"))) {
        const YAML::Node w = f.get(QStringLiteral("when"));
        if (const auto s = string(w, f.path(QStringLiteral("when")))) {
            const auto c = Condition::parse(*s);
            if (!c)
                error(w, f.path(QStringLiteral("when")), c.error().message + QLatin1String("; ") + c.error().hint);
            item.when = *s;
        }
    }
    if (f.has(QStringLiteral("check"))) {
        StepSpec check = StepReader(*this).read(f.get(QStringLiteral("check")), f.path(QStringLiteral("check")), true);
        if (check.id.isEmpty())
            check.id = item.id;
        if (check.title.isEmpty())
            check.title = item.title;
        if (check.when.isEmpty())
            check.when = item.when;
        item.check = check;
    }
    if (f.has(QStringLiteral("signoff"))) {
        const YAML::Node s = f.get(QStringLiteral("signoff"));
        const QString p = f.path(QStringLiteral("signoff"));
        if (isMap(s, p, QStringLiteral("signoff: {by: 1}"))) {
            const ApprovalRule rule = readApprovalRule(s, p, QStringLiteral("a sign-off"));
            item.signoffsRequired = rule.by;
            item.excludeInitiator = rule.excludeInitiator;
            item.role = rule.role;
            item.maxAge = rule.maxAge;
            item.expiresWithWindow = rule.expiresWithWindow;
        }
    }
    if (f.has(QStringLiteral("scope"))) {
        const YAML::Node sc = f.get(QStringLiteral("scope"));
        const auto s = string(sc, f.path(QStringLiteral("scope")));
        if (s == QLatin1String("run"))
            item.scope = ChecklistScope::Run;
        else if (s == QLatin1String("instance"))
            item.scope = ChecklistScope::Instance;
        else if (s)
            error(sc, f.path(QStringLiteral("scope")),
                  QStringLiteral("scope is 'instance' (the check runs on every instance) or 'run' (once per run), not '%1'")
                      .arg(s->left(40)));
    }
    if (!f.has(QStringLiteral("check")) && !f.has(QStringLiteral("signoff")))
        error(node, path, QStringLiteral("a checklist item needs check: (automated) or signoff: (manual), or both"));
    return item;
}

QList<StepSpec> RunbookReader::readSteps(const YAML::Node &node, const QString &path)
{
    QList<StepSpec> steps;
    if (!isSequence(node, path, QStringLiteral("a list of steps")))
        return steps;
    qsizetype i = 0;
    for (const YAML::Node &item : node) {
        if (!spend(item))
            break;
        if (i >= kMaxSteps) {
            error(item, index(path, i), QStringLiteral("more than %1 steps").arg(kMaxSteps));
            break;
        }
        steps.append(StepReader(*this).read(item, index(path, i++), false));
    }
    return steps;
}

GateSpec RunbookReader::readGate(const YAML::Node &node, const QString &path)
{
    GateSpec gate;
    gate.location = locationOf(node);
    remember(node, path);
    if (!isMap(node, path, QStringLiteral("a gate")))
        return gate;
    const Fields f(*this, node, path,
                   {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("metric"), QStringLiteral("promql"),
                    QStringLiteral("below"), QStringLiteral("above"), QStringLiteral("between"),
                    QStringLiteral("inconclusive_above"), QStringLiteral("interval"), QStringLiteral("count"),
                    QStringLiteral("failure_limit"), QStringLiteral("provider_error_limit"),
                    QStringLiteral("initial_delay"), QStringLiteral("no_data"), QStringLiteral("baseline"),
                    QStringLiteral("tolerance")});
    auto has = [&](const char *k) { return f.has(QLatin1String(k)); };
    auto get = [&](const char *k) { return f.get(QLatin1String(k)); };
    auto at = [&](const char *k) { return f.path(QLatin1String(k)); };

    if (has("metric") == has("promql")) {
        error(node, path, has("metric") ? QStringLiteral("a gate has either metric: or promql:, not both")
                                        : QStringLiteral("a gate needs metric: (error_rate, p95_latency, queue_depth, ...) or promql: <expression>"));
    } else if (has("metric")) {
        const YAML::Node m = get("metric");
        if (const auto s = string(m, at("metric"))) {
            gate.metric = *s;
            static const QRegularExpression latency(QStringLiteral("^p(\\d{1,2}(?:\\.\\d+)?)_latency$"));
            if (!kMetrics.contains(*s) && !latency.match(*s).hasMatch()) {
                const QString suggestion = closest(*s, kMetrics);
                error(m, at("metric"),
                      QStringLiteral("unknown metric '%1'%2; known: %3, or use promql: for an expression")
                          .arg(s->left(40),
                               suggestion.isEmpty() ? QString() : QStringLiteral(" (did you mean '%1'?)").arg(suggestion),
                               kMetrics.join(QLatin1String(", "))));
            }
        }
    } else {
        gate.metric = string(get("promql"), at("promql")).value_or(QString());
        gate.promql = true;
        if (gate.metric.trimmed().isEmpty())
            error(get("promql"), at("promql"), QStringLiteral("the PromQL expression is empty"));
        else if (const std::optional<QString> broken = PromQlSyntax::problem(gate.metric))
            error(get("promql"), at("promql"), *broken);
    }
    if (has("id"))
        gate.id = identifier(get("id"), at("id")).value_or(QString());
    else if (gate.promql)
        error(node, at("id"), QStringLiteral("a promql: gate needs an id"));
    else
        gate.id = gate.metric;
    if (has("title"))
        gate.title = string(get("title"), at("title")).value_or(QString());

    const int conditions = int(has("below")) + int(has("above")) + int(has("between"));
    if (conditions != 1)
        error(node, path, conditions == 0 ? QStringLiteral("a gate needs one condition: below:, above: or between: [low, high]")
                                          : QStringLiteral("a gate has one condition: below:, above: or between:"));
    if (has("below")) {
        gate.comparison = Comparison::Below;
        gate.threshold = number(get("below"), at("below")).value_or(0);
    } else if (has("above")) {
        gate.comparison = Comparison::Above;
        gate.threshold = number(get("above"), at("above")).value_or(0);
    } else if (has("between")) {
        gate.comparison = Comparison::Between;
        const YAML::Node b = get("between");
        if (isSequence(b, at("between"), QStringLiteral("[low, high]")) && b.size() == 2) {
            gate.lower = number(b[0], index(at("between"), 0)).value_or(0);
            gate.upper = number(b[1], index(at("between"), 1)).value_or(0);
            if (gate.lower >= gate.upper)
                error(b, at("between"), QStringLiteral("between: [low, high] needs low < high"));
        } else if (b.IsSequence()) {
            error(b, at("between"), QStringLiteral("between takes exactly two numbers: [low, high]"));
        }
    }
    if (has("inconclusive_above")) {
        const auto v = number(get("inconclusive_above"), at("inconclusive_above"));
        if (gate.comparison == Comparison::Between || conditions != 1)
            error(get("inconclusive_above"), at("inconclusive_above"),
                  QStringLiteral("inconclusive_above only applies to a below: or above: gate"));
        else if (v && gate.comparison == Comparison::Below && *v >= gate.threshold)
            error(get("inconclusive_above"), at("inconclusive_above"),
                  QStringLiteral("inconclusive_above (%1) must be lower than below (%2): values between them ask the operator")
                      .arg(QString::number(*v), QString::number(gate.threshold)));
        else if (v && gate.comparison == Comparison::Above && *v <= gate.threshold)
            error(get("inconclusive_above"), at("inconclusive_above"),
                  QStringLiteral("inconclusive_above (%1) must be higher than above (%2): values between them ask the operator")
                      .arg(QString::number(*v), QString::number(gate.threshold)));
        gate.inconclusiveAbove = v;
    }
    if (has("interval"))
        gate.interval = duration(get("interval"), at("interval")).value_or(gate.interval);
    if (has("count"))
        gate.count = int(integer(get("count"), at("count"), 1, 10000).value_or(gate.count));
    if (has("failure_limit")) {
        gate.failureLimit = int(integer(get("failure_limit"), at("failure_limit"), 1, 10000).value_or(gate.failureLimit));
        if (gate.failureLimit > gate.count)
            error(get("failure_limit"), at("failure_limit"),
                  QStringLiteral("failure_limit (%1) is larger than count (%2): the gate could never fail")
                      .arg(gate.failureLimit).arg(gate.count));
    }
    if (has("provider_error_limit"))
        gate.providerErrorLimit = int(integer(get("provider_error_limit"), at("provider_error_limit"), 1, 10000).value_or(gate.providerErrorLimit));
    if (has("initial_delay"))
        gate.initialDelay = duration(get("initial_delay"), at("initial_delay"), true).value_or(Millis(0));
    if (!has("no_data")) {
        error(node, at("no_data"), QStringLiteral("missing required key 'no_data': say what happens without data (fail, pause or pass)"));
    } else {
        const YAML::Node n = get("no_data");
        const auto s = string(n, at("no_data"));
        if (s == QLatin1String("fail"))
            gate.noData = NoDataPolicy::Fail;
        else if (s == QLatin1String("pause"))
            gate.noData = NoDataPolicy::Pause;
        else if (s == QLatin1String("pass"))
            gate.noData = NoDataPolicy::Pass;
        else if (s)
            error(n, at("no_data"), QStringLiteral("no_data must be fail, pause or pass, not '%1'").arg(s->left(40)));
    }
    if (has("baseline")) {
        const YAML::Node b = get("baseline");
        const auto s = string(b, at("baseline"));
        if (s == QLatin1String("pre-upgrade") || s == QLatin1String("not-upgraded"))
            gate.baseline = *s;
        else if (s)
            error(b, at("baseline"), QStringLiteral("baseline must be pre-upgrade or not-upgraded, not '%1'").arg(s->left(40)));
    }
    if (has("tolerance")) {
        const auto t = number(get("tolerance"), at("tolerance"));
        if (t && *t < 0)
            error(get("tolerance"), at("tolerance"), QStringLiteral("tolerance cannot be negative"));
        gate.tolerance = t.value_or(0);
        if (!has("baseline"))
            error(get("tolerance"), at("tolerance"), QStringLiteral("tolerance only applies together with baseline:"));
    }
    return gate;
}

QStringList RunbookReader::readRollbackList(const YAML::Node &node, const QString &path, Runbook &runbook)
{
    const bool conditional = path == QLatin1String("rollback");
    if (!isSequence(node, path, conditional ? QStringLiteral("a list of step ids or {step: ID, if_ran: [IDs]}")
                                            : QStringLiteral("a list of step ids")))
        return {};
    QStringList ids;
    qsizetype i = 0;
    for (const YAML::Node &item : node) {
        if (!spend(item))
            break;
        const QString itemPath = index(path, i++);
        if (!item.IsMap()) {
            remember(item, itemPath);
            if (const auto id = string(item, itemPath))
                ids.append(*id);
            continue;
        }
        if (!conditional) {
            error(item, itemPath, QStringLiteral("emergency_rollback: lists step ids; the emergency path runs whole on "
                                                 "every instance something changed on (if_ran is for rollback: entries)"));
            continue;
        }
        const Fields f(*this, item, itemPath, {QStringLiteral("step"), QStringLiteral("if_ran")});
        if (!f.has(QStringLiteral("step"))) {
            error(item, f.path(QStringLiteral("step")), QStringLiteral("missing required key 'step' (the rollback step to run)"));
            continue;
        }
        // The entry's location is its step id's, for the checks of the id that come later.
        remember(f.get(QStringLiteral("step")), itemPath);
        const auto id = identifier(f.get(QStringLiteral("step")), f.path(QStringLiteral("step")));
        if (!id)
            continue;
        ids.append(*id);
        if (!f.has(QStringLiteral("if_ran")))
            continue;
        const YAML::Node ifRan = f.get(QStringLiteral("if_ran"));
        const QString ifRanPath = f.path(QStringLiteral("if_ran"));
        QStringList steps;
        if (ifRan.IsScalar()) {
            remember(ifRan, index(ifRanPath, 0));
            if (const auto s = identifier(ifRan, ifRanPath))
                steps << *s;
        } else if (const auto list = stringList(ifRan, ifRanPath)) {
            steps = *list;
            if (steps.isEmpty())
                error(ifRan, ifRanPath, QStringLiteral("if_ran names no step; leave it out to run the entry whenever "
                                                       "something changed"));
        }
        if (runbook.rollbackIfRan.contains(*id) || ids.count(*id) > 1)
            error(item, itemPath, QStringLiteral("step '%1' is listed more than once in rollback:; list an entry with "
                                                 "if_ran once").arg(*id));
        if (!steps.isEmpty())
            runbook.rollbackIfRan.insert(*id, steps);
    }
    return ids;
}

} // namespace lockstep
