#include "app/engine/UpgradeStarts.h"

#include "app/steps/StepKinds.h"
#include "models/runbook/Runbook.h"

namespace lockstep {

void UpgradeStarts::note(const StepResult &intent)
{
    if (intent.phase != RunPhase::Upgrade || intent.instance.isEmpty() || !intent.startedAt.isValid())
        return;
    // A resolution is recorded as an attempt too, but nothing ran then.
    if (intent.outcome == StepOutcome::Skipped || intent.outcome == StepOutcome::MarkedDone)
        return;
    // A step the runbook no longer has is assumed to have changed something (as the planner does).
    if (const StepSpec *spec = m_runbook.findStep(intent.step); spec && !StepKinds::changesSystem(*spec))
        return;
    auto it = m_starts.find(intent.instance);
    if (it == m_starts.end())
        m_starts.insert(intent.instance, intent.startedAt);
    else if (intent.startedAt < *it)
        *it = intent.startedAt;
}

void UpgradeStarts::replay(const QList<StepResult> &attempts)
{
    for (const StepResult &attempt : attempts)
        note(attempt);
}

QDateTime UpgradeStarts::earliest(const QList<Instance> &instances) const
{
    QDateTime first;
    for (const Instance &i : instances) {
        const QDateTime t = of(i.name);
        if (t.isValid() && (!first.isValid() || t < first))
            first = t;
    }
    return first;
}

} // namespace lockstep
