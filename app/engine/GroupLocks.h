#pragma once

#include "models/Instance.h"
#include "models/Result.h"
#include "models/run/InstanceProgress.h"
#include "models/run/Plan.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <chrono>

namespace lockstep {

class GroupLockRepository;

// The runbook's `lock:` for one run: at most N instances of a group in flight across every run and
// console on the store. An instance takes its group's slot before its first change-making step (reads
// and checks do not need one) and gives it back when it settles (succeeded, rolled back, left as is,
// cancelled, or when the run ends); a failed instance keeps it until the operator resolves it, because
// its node may be down. An instance that finds every slot taken waits, its note naming the holders,
// and tries again every retry interval (at once when this run frees a slot). The slots live in the store
// (GroupLockRepository); in team mode they are refreshed with the leases' timeout and a dead console's
// slots expire like its leases. Nothing here touches the store per step: once per instance to take,
// once to release, and a heartbeat a few times per lease timeout.
class GroupLocks : public QObject
{
    Q_OBJECT
public:
    struct Admission
    {
        bool admitted = true;
        QString note;                    // "waiting for lock cluster=a held by run 12 (alice) ..."; or "took lock cluster=a"
    };

    GroupLocks(const Plan &plan, qint64 runId, GroupLockRepository &store, std::chrono::milliseconds expiry,
               QObject *parent = nullptr);

    // Refused when an instance lacks the fact the lock groups by: it would escape the lock.
    static Status checkPlan(const LockSpec &lock, const QList<Instance> &instances);
    // One line for the plan preview: the limit and each group with its instances.
    static QString describe(const LockSpec &lock, const Plan &plan);
    // Which console holds a slot, as others are told: "host (pid 4242)".
    static QString consoleName();

    // Before a step of `instance` starts. A step that changes nothing always goes; one that does needs
    // the instance's slot. An error: the store could not be asked.
    Result<Admission> admit(const QString &instance, bool changesSystem, const QString &operatorName);
    // The instance's lane changed: a settled one gives its slot back.
    void laneChanged(const QString &instance, InstanceState state, bool leftAsIs);
    void releaseAll();
    bool holds(const QString &instance) const { return m_held.contains(instance); }
    void setRetryInterval(std::chrono::milliseconds interval) { m_retry.setInterval(interval); }

signals:
    // A waiting instance may try again (advance its lane).
    void mayRetry(const QString &instance);

private:
    void beat();

    GroupLockRepository &m_store;
    qint64 m_runId;
    int m_maxInFlight;
    QHash<QString, QString> m_keyOf;     // instance -> "cluster=a"
    QSet<QString> m_held;
    QSet<QString> m_waiting;
    QTimer m_retry;
    QTimer m_heartbeat;
    bool m_beats = false;                // team mode: slots expire unless refreshed
};

} // namespace lockstep
