#include "models/store/LeaseRepository.h"

#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/StoreSql.h"

#include <QSqlQuery>
#include <QVariant>

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
    if (!db.transaction())
        return Error{QStringLiteral("cannot begin a transaction to take leases"), QStringLiteral("store"), {}};
    // The conditional upsert is the check: it only takes a lease that is free, released, stale or ours,
    // in one statement, so two consoles cannot both win.
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO leases (instance, run_id, operator, generation, acquired_at, released_at) "
        "VALUES (?, ?, ?, 1, ?, '') "
        "ON CONFLICT (instance) DO UPDATE SET run_id = excluded.run_id, operator = excluded.operator, "
        "generation = leases.generation + 1, acquired_at = excluded.acquired_at, released_at = '' "
        "WHERE leases.released_at <> '' OR leases.run_id = excluded.run_id OR leases.run_id IN ")
              + kTerminalRuns + QStringLiteral(" RETURNING instance, run_id, operator, generation, acquired_at"));
    const QString now = iso(Clock::instance().now());
    QList<Lease> taken;
    QStringList refused;
    for (const QString &instance : instances) {
        q.addBindValue(text(instance));
        q.addBindValue(runId);
        q.addBindValue(text(operatorName));
        q.addBindValue(text(now));
        if (!q.exec()) {
            const Error e = queryError(q, QStringLiteral("take the lease on %1").arg(instance));
            db.rollback();
            return e;
        }
        if (q.next()) {
            taken.append(readLease(q));
            q.finish();   // SQLite commits nothing while a RETURNING statement is still open
            continue;
        }
        q.finish();
        auto held = holder(instance);
        if (held && held->has_value())
            refused << QStringLiteral("%1 is in run %2 (operator %3)")
                           .arg(instance)
                           .arg((*held)->runId)
                           .arg((*held)->operatorName);
        else
            refused << QStringLiteral("%1 is leased").arg(instance);
    }
    if (!refused.isEmpty()) {
        db.rollback();
        return Error{QStringLiteral("instances are in another active run: %1").arg(refused.join(QStringLiteral("; "))),
                     QStringLiteral("leases"),
                     QStringLiteral("wait for that run to end, or ask its operator; an instance is in one run at a time")};
    }
    if (!db.commit()) {
        db.rollback();
        return Error{QStringLiteral("cannot commit the leases"), QStringLiteral("store"), {}};
    }
    return taken;
}

Status LeaseRepository::release(qint64 runId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE leases SET released_at = ? WHERE run_id = ? AND released_at = ''"));
    q.addBindValue(text(iso(Clock::instance().now())));
    q.addBindValue(runId);
    if (!q.exec())
        return queryError(q, QStringLiteral("release the leases of run %1").arg(runId));
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
