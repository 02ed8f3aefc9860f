#include "app/engine/GroupLocks.h"

#include "app/runbook/InstanceFacts.h"
#include "models/IgnoredStatus.h"
#include "models/store/GroupLockRepository.h"

#include <QCoreApplication>
#include <QMap>
#include <QSysInfo>

namespace lockstep {

namespace {

constexpr std::chrono::milliseconds kRetry{500};

} // namespace

GroupLocks::GroupLocks(const Plan &plan, qint64 runId, GroupLockRepository &store, std::chrono::milliseconds expiry,
                       QObject *parent)
    : QObject(parent), m_store(store), m_runId(runId), m_maxInFlight(plan.runbook.lock.maxInFlight)
{
    m_store.setExpiry(expiry);
    if (const auto &group = plan.runbook.lock.group)
        for (const Wave &w : plan.waves)
            for (const Instance &i : w.instances)
                if (const auto value = InstanceFacts::valueOf(*group, i))
                    m_keyOf.insert(i.name, group->label(*value));
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetry);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        const QSet<QString> waiting = std::exchange(m_waiting, {});
        for (const QString &instance : waiting)
            emit mayRetry(instance);
    });
    // Refreshed well within the expiry, as the leases are (LeaseHeartbeat).
    m_beats = expiry.count() > 0;
    if (m_beats) {
        m_heartbeat.setInterval(std::max<qint64>(expiry.count() / 4, 50));
        connect(&m_heartbeat, &QTimer::timeout, this, &GroupLocks::beat);
    }
}

Status GroupLocks::checkPlan(const LockSpec &lock, const QList<Instance> &instances)
{
    if (!lock.group)
        return okStatus();
    QStringList missing;
    for (const Instance &i : instances)
        if (!InstanceFacts::valueOf(*lock.group, i))
            missing << i.name;
    if (missing.isEmpty())
        return okStatus();
    return Error{QStringLiteral("the runbook locks groups by %1, but %2 %3 no such fact: it would escape the lock")
                     .arg(lock.group->text(), missing.join(QStringLiteral(", ")),
                          missing.size() == 1 ? QStringLiteral("has") : QStringLiteral("have")),
                 lock.location.toString(),
                 QStringLiteral("give each instance the fact in the inventory (for tag:NAME a tag NAME:VALUE such as cluster:a; "
                                "for var:NAME an instance variable) and import it again")};
}

QString GroupLocks::describe(const LockSpec &lock, const Plan &plan)
{
    if (!lock.group)
        return {};
    QMap<QString, QStringList> groups;
    for (const Wave &w : plan.waves)
        for (const Instance &i : w.instances)
            if (const auto value = InstanceFacts::valueOf(*lock.group, i))
                groups[lock.group->label(*value)] << i.name;
    QStringList parts;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        parts << QStringLiteral("%1 (%2)").arg(it.key(), it.value().join(QStringLiteral(", ")));
    return QStringLiteral("at most %1 in flight per %2 group, across all runs and consoles: %3")
        .arg(QString::number(lock.maxInFlight), lock.group->text(), parts.join(QStringLiteral("; ")));
}

QString GroupLocks::consoleName()
{
    return QStringLiteral("%1 (pid %2)").arg(QSysInfo::machineHostName(), QString::number(QCoreApplication::applicationPid()));
}

Result<GroupLocks::Admission> GroupLocks::admit(const QString &instance, bool changesSystem, const QString &operatorName)
{
    if (!changesSystem || m_held.contains(instance) || !m_keyOf.contains(instance))
        return Admission{};
    const QString key = m_keyOf.value(instance);
    auto taken = m_store.take(key, m_maxInFlight, m_runId, instance, operatorName, consoleName());
    if (!taken)
        return taken.error();
    if (taken->taken) {
        m_held.insert(instance);
        if (m_beats && !m_heartbeat.isActive())
            m_heartbeat.start();
        const bool waited = m_waiting.remove(instance);
        return Admission{true, waited ? QStringLiteral("took lock %1").arg(key) : QString()};
    }
    QStringList holders;
    for (const GroupLockHolder &h : std::as_const(taken->holders))
        holders << QStringLiteral("run %1 (%2, console %3) on instance %4")
                       .arg(QString::number(h.runId), h.operatorName, h.console, h.instance);
    m_waiting.insert(instance);
    if (!m_retry.isActive())
        m_retry.start();
    return Admission{false, QStringLiteral("waiting for lock %1 held by %2")
                                .arg(key, holders.isEmpty() ? QStringLiteral("another run") : holders.join(QStringLiteral("; ")))};
}

void GroupLocks::laneChanged(const QString &instance, InstanceState state, bool leftAsIs)
{
    const bool settled = state == InstanceState::Succeeded || state == InstanceState::RolledBack
                         || state == InstanceState::Cancelled || state == InstanceState::Pending
                         || (state == InstanceState::Failed && leftAsIs);
    if (!settled || !m_held.contains(instance))
        return;
    // A release that fails is not tried again: the slot is free once the run ends (an ended run holds
    // nothing), and this run's own waiting instances are told at once either way.
    ignoreStatus(m_store.release(m_runId, instance), "the slot is free once the run ends; its waiting instances are told either way");
    m_held.remove(instance);
    if (m_held.isEmpty())
        m_heartbeat.stop();
    if (!m_waiting.isEmpty())
        m_retry.start(0);
}

void GroupLocks::releaseAll()
{
    m_retry.stop();
    m_heartbeat.stop();
    m_waiting.clear();
    if (m_held.isEmpty())
        return;
    m_held.clear();
    // The run ended: its slots are free for everyone even if this write fails (ended runs hold nothing).
    ignoreStatus(m_store.releaseRun(m_runId), "an ended run holds no slot whatever this write comes to");
}

void GroupLocks::beat()
{
    if (m_held.isEmpty())
        return;
    // A failed refresh is tried again at the next beat; the slot only expires after the whole timeout.
    ignoreStatus(m_store.heartbeat(m_runId), "tried again at the next beat; a slot expires only after the whole timeout");
}

} // namespace lockstep
