#include "ui/monitoring/MonitoringSources.h"

#include "app/engine/RunRecovery.h"
#include "app/runbook/RunbookLoader.h"
#include "models/store/RunRepository.h"

#include <QDir>

// resources/lockstep.qrc is compiled into a static library: an archive member nothing refers to is left
// out of the executable, and with it the bundled runbooks and icons. Referring to its initializer here
// keeps it in every binary that has the console's windows (and registers it, once, if not yet done).
static void initBundledResources()
{
    static const bool done = [] {
        Q_INIT_RESOURCE(lockstep);
        return true;
    }();
    Q_UNUSED(done);
}

namespace lockstep::MonitoringSources {

ProductGates bundledGates(const QString &product)
{
    initBundledResources();
    const QDir bundled(QStringLiteral(":/runbooks"));
    for (const QFileInfo &f : bundled.entryInfoList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files, QDir::Name)) {
        const Result<Runbook> runbook = RunbookLoader::loadFile(f.filePath());
        if (runbook && runbook->product == product && !runbook->gates.isEmpty())
            return {runbook->id, runbook->gates};
    }
    return {};
}

Result<StoredRun> loadRun(const RunRepository &runs, qint64 runId)
{
    Result<RunRecord> record = runs.find(runId);
    if (!record)
        return record.error();
    // Rebuilt as recovery rebuilds it (the change class's conditions, the demo time scale), so the
    // gates charted here are the gates the run judges.
    Result<Plan> plan = RunRecovery::planOf(*record);
    if (!plan)
        return plan.error();
    return StoredRun{*record, *plan};
}

} // namespace lockstep::MonitoringSources
