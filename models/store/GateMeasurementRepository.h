#pragma once

#include "models/Result.h"
#include "models/run/GateMeasurementRecord.h"

#include <QList>

namespace lockstep {

class Database;

// The gate readings of runs (migration 0010). Append-only: a reading is added when the engine judged
// it and never changed; in team mode the consoles' role may insert and read, not update or delete.
class GateMeasurementRepository
{
public:
    explicit GateMeasurementRepository(Database &db);

    // Written only while the run holds its leases (LeaseFence), like the run's other writes.
    Result<GateMeasurementRecord> add(const GateMeasurementRecord &record);
    // Oldest first.
    Result<QList<GateMeasurementRecord>> forRun(qint64 runId) const;

private:
    Database &m_db;
};

} // namespace lockstep
