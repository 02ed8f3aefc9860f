#include "app/engine/Policy.h"

#include "app/steps/StepKinds.h"
#include "models/ChannelPolicy.h"

namespace lockstep {

std::optional<PolicyRefusal> Policy::checkInstance(const Instance &instance, const QList<Release> &releases,
                                                   const SemVer &target)
{
    const ChannelDecision decision = ChannelPolicy::decide(instance, releases, target.toString());
    if (decision.plannable())
        return std::nullopt;
    return PolicyRefusal{decision.overrideKind, instance.name, ChannelPolicy::explain(instance, decision),
                         decision.verdict == ChannelDecision::Verdict::NeedsOverride};
}

bool Policy::needsWindow(const Runbook &runbook)
{
    if (runbook.maintenanceWindowRequired)
        return true;
    for (const StepSpec &s : runbook.steps)
        if (s.disruptive)
            return true;
    return false;
}

bool Policy::isDisruptive(const Runbook &runbook, const StepSpec &step)
{
    if (step.disruptive)
        return true;
    // With `maintenance_window: required` every step that changes something needs the window.
    return runbook.maintenanceWindowRequired && StepKinds::changesSystem(step);
}

std::optional<PolicyRefusal> Policy::checkWindow(const std::optional<MaintenanceWindow> &window, const QDateTime &now)
{
    if (!window || !window->isValid())
        return PolicyRefusal{PolicyOverride::Kind::MaintenanceWindow, {},
                             QStringLiteral("the runbook needs a maintenance window and none was given")};
    if (!window->contains(now))
        return PolicyRefusal{PolicyOverride::Kind::MaintenanceWindow, {},
                             QStringLiteral("now (%1) is outside the maintenance window %2")
                                 .arg(now.toUTC().toString(Qt::ISODate), window->toString())};
    return std::nullopt;
}

QList<PolicyRefusal> Policy::unresolved(const Plan &plan, const QList<Release> &releases, const QDateTime &now)
{
    QList<PolicyRefusal> out;
    for (const Wave &w : plan.waves)
        for (const Instance &i : w.instances)
            if (auto r = checkInstance(i, releases, plan.targetVersion); r && (!r->overridable || !plan.findOverride(r->kind, r->instance)))
                out.append(*r);
    if (needsWindow(plan.runbook))
        if (auto r = checkWindow(plan.window, now); r && !plan.findOverride(r->kind, {}))
            out.append(*r);
    return out;
}

QString Policy::overrideHint(const PolicyRefusal &refusal)
{
    if (!refusal.overridable)
        return QStringLiteral("no override goes past the channel policy: choose a version it allows for %1").arg(refusal.instance);
    const QString kind = policyOverrideKindName(refusal.kind);
    if (refusal.instance.isEmpty())
        return QStringLiteral("give a window (--window START/END) or override: --override %1=\"reason\"").arg(kind);
    return QStringLiteral("override with a reason: --override %1:%2=\"reason\"").arg(kind, refusal.instance);
}

} // namespace lockstep
