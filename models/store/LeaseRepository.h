#pragma once

#include "models/Result.h"
#include "models/run/Lease.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace lockstep {

class Database;

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

private:
    Database &m_db;
};

} // namespace lockstep
