#pragma once

#include "models/Release.h"
#include "models/Result.h"
#include "models/run/Plan.h"
#include "models/run/PlanPreview.h"

#include <QDateTime>
#include <QList>

namespace lockstep {

// What the operator asked for: instances, a target version, and the runbooks to choose from.
struct PlanRequest
{
    QList<Runbook> runbooks;            // candidates; the one for the product and change class is chosen
    QList<Instance> instances;          // in the order the waves take them (the first are the canary)
    QString targetVersion;
    QMap<QString, QString> params;
    std::optional<MaintenanceWindow> window;
    QList<PolicyOverride> overrides;
    // The product's known releases (release feed, or what the store last read); empty = unknown.
    // The channel policy needs them: a frozen instance may only take a known security patch.
    QList<Release> releases;
    int timeScale = 1;                  // the demo's time scale (TimeScale); 1 = real timings
};

// Turns a request into a Plan: validates the version, classifies the change per instance, chooses the
// runbook, applies `when:` conditions, cuts the waves and enforces policy (frozen, pinned, window).
class Planner
{
public:
    static Result<Plan> plan(const PlanRequest &request, const QDateTime &now);

    // The runbook for `product` and `change`: one that names the change class beats a catch-all.
    static Result<Runbook> chooseRunbook(const QList<Runbook> &runbooks, const QString &product, ChangeClass change);
    // Wave sizes for `total` instances: counts are absolute, percentages cumulative; what the waves
    // leave over goes into a last wave. Empty waves are dropped.
    static QList<int> waveSizes(const StrategySpec &strategy, int total);
    // Steps and checklist items whose `when:` does not hold for `change` are left out.
    static Result<Runbook> applyConditions(const Runbook &runbook, ChangeClass change);

    static PlanPreview preview(const Plan &plan, const QDateTime &now);
    // Whether any of `ran` (upgrade step ids that started) changes the system (StepKinds::changesSystem).
    // An instance where none did is untouched: a failure there rolls nothing back.
    static bool changedSystem(const Runbook &runbook, const QStringList &ran);
    // The rollback sequence for an instance on which `ran` (upgrade step ids, in order) started: nothing
    // when it is untouched; else the undo steps of what ran, newest first, then the entries of the
    // rollback list that apply (an entry with `if_ran` only when one of its steps ran). The undo of a step
    // that ran is never left out: when its list entry does not apply, it runs with the other undos. A step
    // nothing can undo (`undo: {none: ...}`) stands in the sequence as itself, where its undo would be: the
    // rollback stops there for a restore by hand (RestorePoint) before it undoes what ran earlier.
    static QStringList rollbackSequence(const Runbook &runbook, const QStringList &ran, bool emergency);
};

} // namespace lockstep
