#include "app/engine/Planner.h"

#include "app/engine/GroupLocks.h"
#include "app/engine/Ordering.h"
#include "app/engine/Policy.h"
#include "app/engine/TimeScale.h"
#include "app/runbook/Condition.h"
#include "app/runbook/InstanceVariables.h"
#include "app/runbook/Templater.h"
#include "app/steps/StepKinds.h"


#include <algorithm>
#include <cmath>

namespace lockstep {

namespace {

int rank(ChangeClass c)
{
    switch (c) {
    case ChangeClass::None: return 0;
    case ChangeClass::Patch: return 1;
    case ChangeClass::Minor: return 2;
    case ChangeClass::Major: return 3;
    case ChangeClass::Downgrade: return 4;
    }
    return 0;
}

Result<bool> conditionHolds(const QString &when, ChangeClass change)
{
    if (when.trimmed().isEmpty())
        return true;
    auto condition = Condition::parse(when);
    if (!condition)
        return condition.error();
    return condition->matches(change);
}

Millis stepsExpected(const QList<StepSpec> &steps)
{
    Millis total{0};
    for (const StepSpec &s : steps)
        total += StepKinds::plannedDuration(s);
    return total;
}

PlanPreview::StepLine line(const Runbook &runbook, const StepSpec &s)
{
    return {s.id, s.title, s.kind, StepKinds::plannedDuration(s),
            Policy::isDisruptive(runbook, s), s.irreversible};
}

} // namespace

Result<Runbook> Planner::chooseRunbook(const QList<Runbook> &runbooks, const QString &product, ChangeClass change)
{
    const Runbook *catchAll = nullptr;
    for (const Runbook &r : runbooks) {
        if (!r.product.isEmpty() && !product.isEmpty() && r.product != product)
            continue;
        if (r.appliesTo.contains(change))
            return r;
        if (r.appliesTo.isEmpty() && !catchAll)
            catchAll = &r;
    }
    if (catchAll)
        return *catchAll;
    return Error{QStringLiteral("no runbook for a %1 change of %2").arg(changeClassName(change), product),
                 product, QStringLiteral("add a runbook whose applies_to names %1").arg(changeClassName(change))};
}

QList<int> Planner::waveSizes(const StrategySpec &strategy, int total)
{
    QList<int> sizes;
    int assigned = 0;
    for (const WaveSpec &w : strategy.waves) {
        int size = 0;
        if (w.count > 0)
            size = w.count;
        else if (w.percent > 0)
            size = int(std::ceil(double(total) * std::min(w.percent, 100) / 100.0)) - assigned;
        size = std::clamp(size, 0, total - assigned);
        sizes.append(size);
        assigned += size;
    }
    if (assigned < total)
        sizes.append(total - assigned);
    return sizes;
}

Result<Runbook> Planner::applyConditions(const Runbook &runbook, ChangeClass change)
{
    Runbook out = runbook;
    out.steps.clear();
    out.checklist.clear();
    for (const auto &[from, to] : {std::pair{&runbook.steps, &out.steps}, std::pair{&runbook.before, &out.before},
                                   std::pair{&runbook.after, &out.after}}) {
        to->clear();
        for (const StepSpec &s : *from) {
            auto holds = conditionHolds(s.when, change);
            if (!holds)
                return Error{holds.error().message, s.location.toString(), holds.error().hint};
            if (*holds)
                to->append(s);
        }
    }
    // Rollback steps whose condition does not hold leave the rollback paths (and the undo of a step).
    out.rollbackSteps.clear();
    QStringList dropped;
    for (const StepSpec &s : runbook.rollbackSteps) {
        auto holds = conditionHolds(s.when, change);
        if (!holds)
            return Error{holds.error().message, s.location.toString(), holds.error().hint};
        if (*holds)
            out.rollbackSteps.append(s);
        else
            dropped << s.id;
    }
    for (const QString &id : dropped) {
        out.rollback.removeAll(id);
        out.emergencyRollback.removeAll(id);
    }
    for (auto *list : {&out.steps, &out.before, &out.after})
        for (StepSpec &s : *list)
            if (dropped.contains(s.undo))
                s.undo.clear();
    for (const ChecklistItem &c : runbook.checklist) {
        auto holds = conditionHolds(c.when, change);
        if (!holds)
            return Error{holds.error().message, c.location.toString(), holds.error().hint};
        if (*holds)
            out.checklist.append(c);
    }
    return out;
}

Result<Plan> Planner::plan(const PlanRequest &request, const QDateTime &now)
{
    auto target = SemVer::parse(request.targetVersion);
    if (!target)
        return Error{target.error().message, QStringLiteral("--version"), target.error().hint};
    if (request.instances.isEmpty())
        return Error{QStringLiteral("the plan has no instances"), {}, QStringLiteral("choose instances or a product")};

    Plan plan;
    plan.targetVersion = *target;
    QList<Instance> included;
    QStringList problems;
    QString product;
    bool upgrades = false, downgrades = false;
    for (const Instance &i : request.instances) {
        if (!product.isEmpty() && !i.product.isEmpty() && i.product != product) {
            problems << QStringLiteral("%1 runs %2, not %3").arg(i.name, i.product, product);
            continue;
        }
        if (product.isEmpty())
            product = i.product;
        auto current = SemVer::parse(i.currentVersion);
        if (!current) {
            problems << QStringLiteral("%1: current version unknown (\"%2\")").arg(i.name, i.currentVersion);
            continue;
        }
        const ChangeClass change = current->classify(*target);
        if (change == ChangeClass::None) {
            plan.excluded << QStringLiteral("%1: already at %2").arg(i.name, target->toString());
            continue;
        }
        (change == ChangeClass::Downgrade ? downgrades : upgrades) = true;
        if (rank(change) > rank(plan.changeClass))
            plan.changeClass = change;
        included.append(i);
    }
    if (!problems.isEmpty())
        return Error{QStringLiteral("cannot plan: %1").arg(problems.join(QStringLiteral("; "))), {},
                     QStringLiteral("run discovery so every instance has a known version, one product per plan")};
    if (upgrades && downgrades)
        return Error{QStringLiteral("%1 is an upgrade for some instances and a downgrade for others")
                         .arg(target->toString()),
                     {}, QStringLiteral("plan the downgrade separately")};
    if (included.isEmpty())
        return Error{QStringLiteral("nothing to do: %1").arg(plan.excluded.join(QStringLiteral("; "))), {}, {}};

    auto runbook = chooseRunbook(request.runbooks, product, plan.changeClass);
    if (!runbook)
        return runbook.error();
    auto conditioned = applyConditions(*runbook, plan.changeClass);
    if (!conditioned)
        return conditioned.error();
    if (Status scale = TimeScale::check(request.timeScale); !scale)
        return scale.error();
    plan.runbook = TimeScale::apply(*conditioned, request.timeScale);
    plan.timeScale = request.timeScale;
    auto params = Templater::resolveParams(plan.runbook, request.params);
    if (!params)
        return params.error();
    plan.params = *params;
    plan.window = request.window;
    plan.overrides = request.overrides;
    for (const PolicyOverride &o : plan.overrides)
        if (o.reason.trimmed().isEmpty())
            return Error{QStringLiteral("an override of %1 has no reason").arg(policyOverrideKindName(o.kind)),
                         o.instance, QStringLiteral("every override needs a reason; it goes to the audit log")};

    // Per-instance values ({{instance.vars.NAME}}) come from the inventory: every instance needs each one
    // the plan's steps use, or the run would stop half-way with "has no variable".
    if (Status vars = InstanceVariables::check(plan.runbook, included); !vars)
        return vars.error();

    // Ordering from inventory facts (`order:`) and the group lock's groups (`lock:`) need the facts on
    // every instance; with `order: {waves: by-group}` each group is a wave.
    auto ordered = Ordering::groups(plan.runbook.order, included);
    if (!ordered)
        return ordered.error();
    if (plan.runbook.order.enabled())
        included = Ordering::flatten(*ordered);
    if (Status lock = GroupLocks::checkPlan(plan.runbook.lock, included); !lock)
        return lock.error();

    const QList<int> sizes = plan.runbook.order.wavesByGroup ? QList<int>{} : waveSizes(plan.runbook.strategy, int(included.size()));
    if (plan.runbook.order.wavesByGroup)
        for (const Ordering::Group &g : std::as_const(*ordered))
            plan.waves.append(Wave{int(plan.waves.size()), g.label, g.instances, -1});
    int next = 0;
    for (int w = 0; w < sizes.size(); ++w) {
        if (sizes[w] == 0)
            continue;
        Wave wave;
        wave.index = int(plan.waves.size());
        wave.spec = w;
        wave.name = w < plan.runbook.strategy.waves.size() && !plan.runbook.strategy.waves[w].name.isEmpty()
                        ? plan.runbook.strategy.waves[w].name
                        : QStringLiteral("wave %1").arg(wave.index + 1);
        wave.instances = included.mid(next, sizes[w]);
        next += sizes[w];
        plan.waves.append(wave);
    }

    const QList<PolicyRefusal> refusals = Policy::unresolved(plan, request.releases, now);
    if (!refusals.isEmpty()) {
        QStringList text, hints;
        for (const PolicyRefusal &r : refusals) {
            text << r.toString();
            hints << Policy::overrideHint(r);
        }
        return Error{QStringLiteral("refused by policy: %1").arg(text.join(QStringLiteral("; "))),
                     plan.runbook.id, hints.join(QStringLiteral("; "))};
    }
    return plan;
}

bool Planner::changedSystem(const Runbook &runbook, const QStringList &ran)
{
    return std::any_of(ran.cbegin(), ran.cend(), [&runbook](const QString &id) {
        const StepSpec *s = runbook.findStep(id);
        return !s || StepKinds::changesSystem(*s);   // a step the runbook no longer has: assume it changed something
    });
}

QStringList Planner::rollbackSequence(const Runbook &runbook, const QStringList &ran, bool emergency)
{
    if (!changedSystem(runbook, ran))
        return {};
    const bool emergencyPath = emergency && !runbook.emergencyRollback.isEmpty();
    QStringList listed;
    if (emergencyPath) {
        listed = runbook.emergencyRollback;
        if (!runbook.emergencyUndo)
            return listed;   // the emergency path reverses everything itself
    } else {
        for (const QString &id : runbook.rollback) {
            const QStringList ifRan = runbook.rollbackIfRan.value(id);
            if (ifRan.isEmpty()
                || std::any_of(ifRan.cbegin(), ifRan.cend(), [&ran](const QString &step) { return ran.contains(step); }))
                listed << id;
        }
    }
    QStringList sequence;
    for (auto it = ran.crbegin(); it != ran.crend(); ++it) {
        const StepSpec *s = runbook.findStep(*it);
        if (s && !s->undo.isEmpty() && !listed.contains(s->undo) && !sequence.contains(s->undo))
            sequence << s->undo;
        else if (s && s->irreversible && !sequence.contains(s->id))
            sequence << s->id;   // nothing undoes it: the rollback stops here and asks for a restore by hand
    }
    return sequence + listed;
}

PlanPreview Planner::preview(const Plan &plan, const QDateTime &now)
{
    const Runbook &rb = plan.runbook;
    PlanPreview p;
    p.runbookId = rb.id;
    p.targetVersion = plan.targetVersion.toString();
    p.changeClass = plan.changeClass;
    p.maxParallel = std::max(1, rb.strategy.maxParallel);
    p.observe = rb.strategy.observe;
    p.autoPromote = rb.strategy.autoPromote;
    p.timeScale = plan.timeScale;
    p.excluded = plan.excluded;
    for (const StepSpec &s : rb.steps)
        p.steps.append(line(rb, s));
    for (const StepSpec &s : rb.before)
        p.before.append(line(rb, s));
    for (const StepSpec &s : rb.after)
        p.after.append(line(rb, s));
    for (const QString &id : rb.rollback)
        if (const StepSpec *s = rb.findStep(id))
            p.rollback.append(line(rb, *s));
    for (const GateSpec &g : rb.gates)
        p.gates = std::max(p.gates, g.initialDelay + g.interval * g.count);
    const Millis perInstance = stepsExpected(rb.steps);
    for (const Wave &w : plan.waves) {
        PlanPreview::WaveLine wl;
        wl.name = w.name;
        for (const Instance &i : w.instances)
            wl.instances << i.name;
        const int rounds = (int(w.instances.size()) + p.maxParallel - 1) / p.maxParallel;
        wl.expected = perInstance * rounds;
        p.expectedTotal += wl.expected;
        p.waves.append(wl);
    }
    if (plan.waves.size() > 1)
        p.expectedTotal += std::max(p.observe, p.gates) * (plan.waves.size() - 1);
    p.expectedTotal += stepsExpected(rb.before) + stepsExpected(rb.after);   // once per run
    if (rb.order.enabled())
        p.order = Ordering::describe(rb.order);
    if (rb.lock.enabled())
        p.lock = GroupLocks::describe(rb.lock, plan);
    p.windowRequired = Policy::needsWindow(rb);
    const auto refusal = Policy::checkWindow(plan.window, now);
    p.insideWindow = !refusal.has_value();
    if (!p.windowRequired)
        p.windowStatus = plan.window ? QStringLiteral("not required (window %1)").arg(plan.window->toString())
                                     : QStringLiteral("not required");
    else if (!refusal)
        p.windowStatus = QStringLiteral("required; now inside %1").arg(plan.window->toString());
    else
        p.windowStatus = QStringLiteral("required; ") + refusal->reason;
    for (const PolicyOverride &o : plan.overrides)
        p.overrides << QStringLiteral("%1 override%2: %3 (by %4)")
                           .arg(policyOverrideKindName(o.kind),
                                o.instance.isEmpty() ? QString() : QStringLiteral(" for ") + o.instance, o.reason,
                                o.operatorName);
    return p;
}

} // namespace lockstep
