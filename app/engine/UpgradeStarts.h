#pragma once

#include "models/Instance.h"
#include "models/run/StepResult.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace lockstep {

struct Runbook;

// When each instance's upgrade started: the intent time of its first step that changes the system
// (StepKinds::changesSystem) in the upgrade phase. A `pre-upgrade` gate baseline reads the window that
// ends there, and `not-upgraded` baselines are the instances without one.
//
// Kept from the run's step intents as they start (note) and rebuilt from the stored intents after a
// console restart (replay), so a resumed run compares with the same window as before. Checks, waits,
// gates and `read_only:` steps do not start an upgrade; neither do run-level steps (no instance) nor a
// step the operator skipped or marked done (it did not run here).
class UpgradeStarts
{
public:
    explicit UpgradeStarts(const Runbook &runbook) : m_runbook(runbook) {}

    // An intent as its step starts (or one read back from the write-ahead log).
    void note(const StepResult &intent);
    // The stored attempts of a run, in any order.
    void replay(const QList<StepResult> &attempts);

    // The instance's upgrade start; invalid while nothing that changes the system ran on it.
    QDateTime of(const QString &instance) const { return m_starts.value(instance); }
    bool started(const QString &instance) const { return m_starts.contains(instance); }
    // For a group of instances judged together: the earliest upgrade start among them, so the baseline
    // window precedes every change of the group. Invalid when none of them started.
    QDateTime earliest(const QList<Instance> &instances) const;

private:
    const Runbook &m_runbook;
    QHash<QString, QDateTime> m_starts;
};

} // namespace lockstep
