#pragma once

#include "models/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>

namespace lockstep {

class Database;

// One instance in flight in a locked group (runbook `lock:`), as the store holds it.
struct GroupLockHolder
{
    QString key;                         // "cluster=a"
    int slot = 0;
    qint64 runId = 0;
    QString instance;
    QString operatorName;
    QString console;                     // "host (pid 4242)": which console drives it
    QDateTime acquiredAt;
};

// What taking a slot found: taken, or the holders the instance waits for.
struct GroupLockTake
{
    bool taken = false;
    QList<GroupLockHolder> holders;
};

// Group lock slots: at most N instances of a group in flight across every run and console. Taking a
// slot is a conditional upsert of one of the group's N slot rows (free, released, of a run that ended,
// stale, or this instance's own), so of two consoles racing for the last slot exactly one wins, on
// SQLite and PostgreSQL alike.
class GroupLockRepository
{
public:
    explicit GroupLockRepository(Database &db);

    // A holder that has not heartbeated for `expiry` (team mode: the lease timeout) loses its slot;
    // zero (one console on SQLite): slots are held until released or their run ends.
    void setExpiry(std::chrono::milliseconds expiry) { m_expiry = expiry; }

    // Takes a slot of `key` for the run's instance (at most `maxInFlight` held at once; when holders
    // were given a smaller limit, theirs applies). An instance that holds a slot already keeps it.
    Result<GroupLockTake> take(const QString &key, int maxInFlight, qint64 runId, const QString &instance,
                                        const QString &operatorName, const QString &console);
    Status release(qint64 runId, const QString &instance);
    Status releaseRun(qint64 runId);
    // Keeps the run's slots alive (team mode): a console that stops calling this loses them.
    Status heartbeat(qint64 runId);
    // The live holders of a group, slot by slot.
    Result<QList<GroupLockHolder>> holders(const QString &key) const;

private:
    QString staleBefore() const;

    Database &m_db;
    std::chrono::milliseconds m_expiry{0};
};

} // namespace lockstep
