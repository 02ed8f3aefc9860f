#pragma once

#include "models/Result.h"
#include "models/run/Plan.h"
#include "models/run/RunRecord.h"

#include <QList>
#include <QString>

namespace lockstep {

class RunRepository;

// Where the monitoring view gets its gates and its run from: the product's bundled runbook (the gates
// between waves) when no run is chosen, the stored run's plan and runbook when one is.
namespace MonitoringSources {

struct ProductGates
{
    QString runbookId;          // empty: no bundled runbook for the product defines gates
    QList<GateSpec> gates;
};

// The first bundled runbook (resources/runbooks) for `product` that defines gates.
ProductGates bundledGates(const QString &product);

// A stored run with its plan (waves and instance snapshots) and runbook, rebuilt the way recovery and
// ConsoleSession::planOf rebuild it.
struct StoredRun
{
    RunRecord record;
    Plan plan;
};
Result<StoredRun> loadRun(const RunRepository &runs, qint64 runId);

} // namespace MonitoringSources

} // namespace lockstep
