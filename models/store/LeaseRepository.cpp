#include "models/store/LeaseRepository.h"

#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/LeaseFence.h"
#include "models/store/StoreSql.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace lockstep {

using storesql::fromIso;
using storesql::iso;
using storesql::queryError;
using storesql::text;

namespace {

Lease readLease(const QSqlQuery &q)
{
    return Lease{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toLongLong(),
                 fromIso(q.value(4).toString())};
}

// Runs that ended no longer hold anything, even when a crash kept them from releasing.
const QString kTerminalRuns = QStringLiteral(
    "(SELECT id FROM runs WHERE state IN ('succeeded', 'failed', 'rolled-back', 'aborted'))");

} // namespace

LeaseRepository::LeaseRepository(Database &db) : m_db(db) {}

Result<QList<Lease>> LeaseRepository::acquire(qint64 runId, const QString &operatorName, const QStringList &instances)
{
    QSqlDatabase &db = m_db.connection();
    // Through the Database's transaction depth: inside a caller's transaction this is a savepoint.
    if (Status s = m_db.beginTransaction(); !s)
        return Error{QStringLiteral("cannot begin a transaction to take leases: %1").arg(s.error().message),
                     QStringLiteral("store"), {}};
    // The conditional upsert is the check: it only takes a lease that is free, released, stale or ours,
    // in one statement, so two consoles cannot both win.
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO leases (instance, run_id, operator, generation, acquired_at, released_at, heartbeat_at) "
        "VALUES (?, ?, ?, 1, ?, '', ?) "
        "ON CONFLICT (instance) DO UPDATE SET run_id = excluded.run_id, operator = excluded.operator, "
        "generation = leases.generation + 1, acquired_at = excluded.acquired_at, released_at = '', "
        "heartbeat_at = excluded.heartbeat_at "
        "WHERE leases.released_at <> '' OR leases.run_id = excluded.run_id "
        "OR (leases.heartbeat_at <> '' AND leases.heartbeat_at < ?) OR leases.run_id IN ")
              + kTerminalRuns + QStringLiteral(" RETURNING instance, run_id, operator, generation, acquired_at"));
    const QDateTime clockNow = Clock::instance().now();
    const QString now = iso(clockNow);
    // Without an expiry nothing is older than the epoch's start: no lease is stale.
    const QString staleBefore = m_expiry.count() > 0 ? iso(clockNow.addMSecs(-m_expiry.count())) : QStringLiteral("0");
    QList<Lease> taken;
    QStringList refused;
    for (const QString &instance : instances) {
        // The run we may be taking an expired lease from has to be marked interrupted. Only read when
        // leases expire: on SQLite the transaction's first statement must be the write, which waits
        // for the file lock, where a read first would fail at once when another writer got in between.
        Result<std::optional<Lease>> previous = std::optional<Lease>{};
        if (m_expiry.count() > 0)
            previous = holder(instance);
        q.addBindValue(text(instance));
        q.addBindValue(runId);
        q.addBindValue(text(operatorName));
        q.addBindValue(text(now));
        q.addBindValue(text(now));
        q.addBindValue(text(staleBefore));
        if (!q.exec()) {
            const Error e = queryError(q, QStringLiteral("take the lease on %1").arg(instance));
            m_db.rollbackTransaction();
            return e;
        }
        if (q.next()) {
            taken.append(readLease(q));
            q.finish();   // SQLite commits nothing while a RETURNING statement is still open
            if (previous && previous->has_value() && (*previous)->runId != runId) {
                if (Status s = interruptRun((*previous)->runId, instance, operatorName); !s) {
                    m_db.rollbackTransaction();
                    return s.error();
                }
            }
            continue;
        }
        q.finish();
        auto held = holder(instance);
        if (held && held->has_value())
            refused << QStringLiteral("%1 is in run %2 (operator %3)")
                           .arg(instance, QString::number((*held)->runId), (*held)->operatorName);
        else
            refused << QStringLiteral("%1 is leased").arg(instance);
    }
    if (!refused.isEmpty()) {
        m_db.rollbackTransaction();
        return Error{QStringLiteral("instances are in another active run: %1").arg(refused.join(QStringLiteral("; "))),
                     QStringLiteral("leases"),
                     QStringLiteral("wait for that run to end, or ask its operator; an instance is in one run at a time")};
    }
    if (Status s = m_db.commitTransaction(); !s)
        return Error{QStringLiteral("cannot commit the leases: %1").arg(s.error().message), QStringLiteral("store"), {}};
    m_db.notify(QStringLiteral("lease"), runId);
    return taken;
}

Status LeaseRepository::interruptRun(qint64 runId, const QString &instance, const QString &takenBy)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE runs SET state = 'interrupted', note = ?, updated_at = ? WHERE id = ? AND state NOT IN "
                             "('succeeded', 'failed', 'rolled-back', 'aborted', 'interrupted')"));
    q.addBindValue(QStringLiteral("its console stopped heartbeating; the lease on %1 expired and %2 took it over")
                       .arg(instance, takenBy));
    q.addBindValue(text(iso(Clock::instance().now())));
    q.addBindValue(runId);
    if (!q.exec())
        return queryError(q, QStringLiteral("mark run %1 interrupted").arg(runId));
    m_db.notify(QStringLiteral("run"), runId);
    return okStatus();
}

Result<bool> LeaseRepository::isLive(qint64 runId) const
{
    if (m_expiry.count() <= 0)
        return false;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM leases WHERE run_id = ? AND released_at = '' AND heartbeat_at <> '' "
                             "AND heartbeat_at >= ?"));
    q.addBindValue(runId);
    q.addBindValue(text(iso(Clock::instance().now().addMSecs(-m_expiry.count()))));
    if (!q.exec() || !q.next())
        return queryError(q, QStringLiteral("read the leases of run %1").arg(runId));
    return q.value(0).toLongLong() > 0;
}

Result<QStringList> LeaseRepository::heartbeat(qint64 runId, const QHash<QString, qint64> &generations)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE leases SET heartbeat_at = ? WHERE instance = ? AND run_id = ? AND generation = ? "
                             "AND released_at = ''"));
    const QString now = text(iso(Clock::instance().now()));
    QStringList lost;
    for (auto it = generations.cbegin(); it != generations.cend(); ++it) {
        q.addBindValue(now);
        q.addBindValue(text(it.key()));
        q.addBindValue(runId);
        q.addBindValue(it.value());
        if (!q.exec())
            return queryError(q, QStringLiteral("refresh the lease on %1").arg(it.key()));
        if (q.numRowsAffected() != 1)
            lost << it.key();
    }
    return lost;
}

std::shared_ptr<LeaseFence> LeaseRepository::fenceWrites(qint64 runId, const QHash<QString, qint64> &generations,
                                                         std::function<void(const Error &)> onLost)
{
    QList<QPair<QString, qint64>> ordered;
    for (auto it = generations.cbegin(); it != generations.cend(); ++it)
        ordered.append({it.key(), it.value()});
    std::sort(ordered.begin(), ordered.end());
    auto fence = std::make_shared<LeaseFence>(runId, ordered, std::move(onLost));
    m_db.setLeaseFence(fence);
    return fence;
}

void LeaseRepository::unfenceWrites(const std::shared_ptr<LeaseFence> &fence)
{
    if (fence)
        m_db.removeLeaseFence(fence.get());
}

bool LeaseRepository::hasLostLeases(qint64 runId) const
{
    const LeaseFence *fence = m_db.leaseFence(runId);
    return fence && fence->isLost();
}

Error LeaseRepository::loseLeases(qint64 runId, const QHash<QString, qint64> &generations, const QStringList &instances)
{
    QList<QPair<QString, qint64>> lost;
    for (const QString &instance : instances)
        lost.append({instance, generations.value(instance)});
    const Error why = LeaseFence::lostLeaseError(runId, LeaseFence::describeLoss(m_db, runId, lost));
    if (LeaseFence *fence = m_db.leaseFence(runId)) {
        fence->lose(why);
        return fence->lostError();
    }
    return why;
}

Status LeaseRepository::release(qint64 runId)
{
    // A run that lost its leases releases nothing: what it still shows as held is another run's now.
    if (LeaseFence *fence = m_db.leaseFence(runId); fence && fence->isLost())
        return fence->lostError();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE leases SET released_at = ? WHERE run_id = ? AND released_at = ''"));
    q.addBindValue(text(iso(Clock::instance().now())));
    q.addBindValue(runId);
    if (!q.exec())
        return queryError(q, QStringLiteral("release the leases of run %1").arg(runId));
    m_db.notify(QStringLiteral("lease"), runId);
    return okStatus();
}

Result<QList<Lease>> LeaseRepository::heldBy(qint64 runId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT instance, run_id, operator, generation, acquired_at FROM leases "
                             "WHERE run_id = ? AND released_at = '' ORDER BY instance"));
    q.addBindValue(runId);
    if (!q.exec())
        return queryError(q, QStringLiteral("read the leases of run %1").arg(runId));
    QList<Lease> out;
    while (q.next())
        out.append(readLease(q));
    return out;
}

Result<std::optional<Lease>> LeaseRepository::holder(const QString &instance) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT instance, run_id, operator, generation, acquired_at FROM leases "
                             "WHERE instance = ? AND released_at = '' AND run_id NOT IN ") + kTerminalRuns);
    q.addBindValue(text(instance));
    if (!q.exec())
        return queryError(q, QStringLiteral("read the lease on %1").arg(instance));
    if (!q.next())
        return std::optional<Lease>{};
    return std::optional<Lease>{readLease(q)};
}

} // namespace lockstep
