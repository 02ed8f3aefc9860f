#include "models/store/GroupLockRepository.h"

#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/StoreSql.h"

#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace lockstep {

using storesql::fromIso;
using storesql::iso;
using storesql::queryError;
using storesql::text;

namespace {

// A slot of a run that ended is free, even when a crash kept the run from releasing it.
const QString kTerminalRuns = QStringLiteral(
    "(SELECT id FROM runs WHERE state IN ('succeeded', 'failed', 'rolled-back', 'aborted'))");
// A live slot: held, refreshed within the expiry, its run not ended. Binds: staleBefore.
const QString kLive = QStringLiteral("released_at = '' AND (heartbeat_at = '' OR heartbeat_at >= ?) AND run_id NOT IN ")
                      + kTerminalRuns;

} // namespace

GroupLockRepository::GroupLockRepository(Database &db) : m_db(db) {}

QString GroupLockRepository::staleBefore() const
{
    // Without an expiry nothing is older than the epoch's start: no slot is stale.
    return m_expiry.count() > 0 ? iso(Clock::instance().now().addMSecs(-m_expiry.count())) : QStringLiteral("0");
}

Result<GroupLockTake> GroupLockRepository::take(const QString &key, int maxInFlight, qint64 runId,
                                                  const QString &instance, const QString &operatorName,
                                                  const QString &console)
{
    QSqlDatabase &db = m_db.connection();
    const QString now = iso(Clock::instance().now());
    if (Status s = m_db.beginTransaction(); !s)
        return s.error();
    auto fail = [this](const Error &e) -> Result<GroupLockTake> {
        m_db.rollbackTransaction();
        return e;
    };
    // PostgreSQL: takers of one group wait for each other until commit, so a limit read below stays true
    // until the slot is written (SQLite's BEGIN IMMEDIATE already serialises every writer).
    if (m_db.dialect() == Database::Dialect::Postgres) {
        QSqlQuery lock(db);
        lock.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(hashtext(?))"));
        lock.addBindValue(QString(QStringLiteral("lockstep-group:") + key));
        if (!lock.exec())
            return fail(queryError(lock, QStringLiteral("lock group %1").arg(key)));
    }
    // Already ours (a restored run, a second change-making step): refresh it and go on.
    QSqlQuery own(db);
    own.prepare(QStringLiteral("UPDATE group_locks SET heartbeat_at = ? WHERE lock_key = ? AND run_id = ? AND instance = ? "
                               "AND released_at = ''"));
    own.addBindValue(text(now));
    own.addBindValue(text(key));
    own.addBindValue(runId);
    own.addBindValue(text(instance));
    if (!own.exec())
        return fail(queryError(own, QStringLiteral("refresh the slot of %1 in group %2").arg(instance, key)));
    if (own.numRowsAffected() > 0) {
        if (Status s = m_db.commitTransaction(); !s)
            return s.error();
        return GroupLockTake{true, {}};
    }
    // The smallest limit among the holders and this run applies: a run that allows more never pushes a
    // group past what the holding run allowed.
    int limit = maxInFlight;
    QSet<int> used;
    QSqlQuery limits(db);
    limits.prepare(QStringLiteral("SELECT slot, max_in_flight FROM group_locks WHERE lock_key = ? AND ") + kLive);
    limits.addBindValue(text(key));
    limits.addBindValue(staleBefore());
    if (!limits.exec())
        return fail(queryError(limits, QStringLiteral("read group %1").arg(key)));
    while (limits.next()) {
        used.insert(limits.value(0).toInt());
        limit = std::min(limit, limits.value(1).toInt());
    }
    if (used.size() < limit) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
                      "INSERT INTO group_locks (lock_key, slot, max_in_flight, run_id, instance, operator, console, acquired_at, "
                      "heartbeat_at, released_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '') "
                      "ON CONFLICT (lock_key, slot) DO UPDATE SET max_in_flight = excluded.max_in_flight, run_id = excluded.run_id, "
                      "instance = excluded.instance, operator = excluded.operator, console = excluded.console, "
                      "acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at, released_at = '' "
                      "WHERE group_locks.released_at <> '' OR (group_locks.heartbeat_at <> '' AND group_locks.heartbeat_at < ?) "
                      "OR group_locks.run_id IN ")
                  + kTerminalRuns + QStringLiteral(" RETURNING slot"));
        for (int slot = 0; slot < limit; ++slot) {
            if (used.contains(slot))
                continue;
            q.addBindValue(text(key));
            q.addBindValue(slot);
            q.addBindValue(maxInFlight);
            q.addBindValue(runId);
            q.addBindValue(text(instance));
            q.addBindValue(text(operatorName));
            q.addBindValue(text(console));
            q.addBindValue(text(now));
            q.addBindValue(text(now));
            q.addBindValue(staleBefore());
            if (!q.exec())
                return fail(queryError(q, QStringLiteral("take a slot of group %1 for %2").arg(key, instance)));
            const bool taken = q.next();
            q.finish();   // SQLite commits nothing while a RETURNING statement is still open
            if (taken) {
                if (Status s = m_db.commitTransaction(); !s)
                    return s.error();
                return GroupLockTake{true, {}};
            }
        }
    }
    auto live = holders(key);
    m_db.rollbackTransaction();
    if (!live)
        return live.error();
    return GroupLockTake{false, *live};
}

Status GroupLockRepository::release(qint64 runId, const QString &instance)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE group_locks SET released_at = ? WHERE run_id = ? AND instance = ? AND released_at = ''"));
    q.addBindValue(text(iso(Clock::instance().now())));
    q.addBindValue(runId);
    q.addBindValue(text(instance));
    if (!q.exec())
        return queryError(q, QStringLiteral("release the group slot of %1").arg(instance));
    return okStatus();
}

Status GroupLockRepository::releaseRun(qint64 runId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE group_locks SET released_at = ? WHERE run_id = ? AND released_at = ''"));
    q.addBindValue(text(iso(Clock::instance().now())));
    q.addBindValue(runId);
    if (!q.exec())
        return queryError(q, QStringLiteral("release the group slots of run %1").arg(runId));
    return okStatus();
}

Status GroupLockRepository::heartbeat(qint64 runId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE group_locks SET heartbeat_at = ? WHERE run_id = ? AND released_at = ''"));
    q.addBindValue(text(iso(Clock::instance().now())));
    q.addBindValue(runId);
    if (!q.exec())
        return queryError(q, QStringLiteral("refresh the group slots of run %1").arg(runId));
    return okStatus();
}

Result<QList<GroupLockHolder>> GroupLockRepository::holders(const QString &key) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT lock_key, slot, run_id, instance, operator, console, acquired_at FROM group_locks "
                             "WHERE lock_key = ? AND ")
              + kLive + QStringLiteral(" ORDER BY slot"));
    q.addBindValue(text(key));
    q.addBindValue(staleBefore());
    if (!q.exec())
        return queryError(q, QStringLiteral("read group %1").arg(key));
    QList<GroupLockHolder> out;
    while (q.next())
        out.append(GroupLockHolder{q.value(0).toString(), q.value(1).toInt(), q.value(2).toLongLong(), q.value(3).toString(),
                                   q.value(4).toString(), q.value(5).toString(), fromIso(q.value(6).toString())});
    return out;
}

} // namespace lockstep
