#pragma once

#include "models/Result.h"
#include "models/run/Lease.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace lockstep {

class Database;
class LeaseFence;

// Instance leases: an instance is in at most one active run.
class LeaseRepository
{
public:
    explicit LeaseRepository(Database &db);

    // Takes every instance for the run, or none: refused with the runs and operators holding them.
    // Leases left behind by runs that already ended are taken over. Taking a lease the run already
    // holds again is allowed and bumps its generation.
    Result<QList<Lease>> acquire(qint64 runId, const QString &operatorName, const QStringList &instances);
    Status release(qint64 runId);
    Result<QList<Lease>> heldBy(qint64 runId) const;
    Result<std::optional<Lease>> holder(const QString &instance) const;

    // Team mode: a lease whose holder has not heartbeated for `expiry` may be taken over by another run;
    // that run is then marked interrupted (its console died or lost the database). Zero (the default,
    // one console on SQLite): leases never expire, a crashed console's run keeps its instances.
    void setExpiry(std::chrono::milliseconds expiry) { m_expiry = expiry; }
    std::chrono::milliseconds expiry() const { return m_expiry; }
    // Refreshes the heartbeat of the run's leases that still carry the given generations; returns the
    // instances it no longer holds (taken over after an expiry): the run must stop writing for them.
    Result<QStringList> heartbeat(qint64 runId, const QHash<QString, qint64> &generations);
    // Team mode: whether another console is driving the run now (one of its leases was refreshed within
    // the expiry). Always false without an expiry.
    Result<bool> isLive(qint64 runId) const;

    // Fences the run's writes on this connection to the leases it holds now (`generations`): from now on
    // its run state, step log, sign-offs and lease release are written only while the store still shows
    // every one of them held by the run at that generation (LeaseFence). The first refused write, or
    // loseLeases() from the heartbeat, calls `onLost` once with why (who holds the instances now); every
    // later write for the run is refused without reaching the store. Keep the returned fence while the
    // run is driven here and pass it to unfenceWrites() when done.
    std::shared_ptr<LeaseFence> fenceWrites(qint64 runId, const QHash<QString, qint64> &generations,
                                            std::function<void(const Error &)> onLost);
    void unfenceWrites(const std::shared_ptr<LeaseFence> &fence);
    // Whether the run's fence on this connection is lost (its console must not write for it any more).
    bool hasLostLeases(qint64 runId) const;
    // The heartbeat found `instances` taken over: the run's fence (if any) is lost. Returns why.
    Error loseLeases(qint64 runId, const QHash<QString, qint64> &generations, const QStringList &instances);

private:
    Status interruptRun(qint64 runId, const QString &instance, const QString &takenBy);

    Database &m_db;
    std::chrono::milliseconds m_expiry{0};
};

} // namespace lockstep
