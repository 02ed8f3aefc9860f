#pragma once

#include "models/Result.h"

#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <optional>

class QSqlQuery;

namespace lockstep {

class Database;

// The leases a console's run holds (instance and generation). While a run's fence is registered on the
// Database (LeaseRepository::fenceWrites), every write of the repositories for that run — run state,
// step intents and results, sign-offs, lease release — is made only if the store still shows each of
// these leases held by the run at that generation, checked in the same statement as the write (on
// PostgreSQL with FOR SHARE, so a takeover waits for the write's commit or the write sees it).
// A console whose lease was taken over (it stalled longer than the lease timeout) is refused once; the
// fence is then lost, and every later write for the run is refused without reaching the store.
class LeaseFence
{
public:
    using LostHandler = std::function<void(const Error &why)>;

    LeaseFence(qint64 runId, const QList<QPair<QString, qint64>> &generations, LostHandler onLost = {});

    qint64 runId() const { return m_runId; }
    bool isLost() const { return m_lost.has_value(); }
    // Why the run may no longer write (valid once lost).
    Error lostError() const { return m_lost.value_or(Error{}); }

    // " AND ..." for a write's WHERE clause; bindTo() adds its values, in order, after the statement's own.
    QString condition(bool postgres) const;
    void bindTo(QSqlQuery &q) const;

    // A fenced write changed nothing: reads who holds the leases now, loses the fence and returns why.
    Error refuse(Database &db, const QString &what);
    // Loses the fence (the heartbeat found a lease taken over); the handler learns it once.
    void lose(const Error &why);

    // "a to run 9 (operator bob), b (released)": where the leases this fence expects went.
    static QString describeLoss(Database &db, qint64 runId, const QList<QPair<QString, qint64>> &generations);
    // The error a console shows when its run lost leases: names the holders and what to do.
    static Error lostLeaseError(qint64 runId, const QString &lostTo, const QString &what = {});

private:
    qint64 m_runId;
    QList<QPair<QString, qint64>> m_generations;
    LostHandler m_onLost;
    std::optional<Error> m_lost;
};

} // namespace lockstep
