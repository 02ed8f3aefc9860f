#pragma once

#include "app/engine/EngineServices.h"
#include "models/Result.h"
#include "models/run/Plan.h"
#include "models/run/RunRecord.h"
#include "models/run/StepResult.h"

#include <QList>

namespace lockstep {

class RunExecutor;

// What start-up found of a run that did not end.
struct RecoveredRun
{
    RunRecord record;
    QList<StepResult> interrupted;      // steps that started and have no result: shown to the operator
};

// Crash recovery, run when a console starts: every run that did not reach a terminal state has its
// started-but-unfinished steps marked interrupted (audited), and can be restored into an executor that
// waits for the operator. Nothing is re-run here.
// Team mode (leases with an expiry): a run whose leases another console keeps alive is skipped by scan()
// and refused by scan(runId)/restore(); once its leases expired it is recovered like a crashed run.
class RunRecovery
{
public:
    explicit RunRecovery(const EngineServices &services);

    Result<QList<RecoveredRun>> scan();
    Result<RecoveredRun> scan(qint64 runId);
    // The plan a stored run was made from: its runbook text parsed again, its resolved plan decoded.
    static Result<Plan> planOf(const RunRecord &record);
    Result<RunExecutor *> restore(qint64 runId, QObject *parent = nullptr);
    // As above; `given` supplies the run's secret parameters again (they are never stored).
    Result<RunExecutor *> restore(qint64 runId, const QMap<QString, QString> &given, QObject *parent = nullptr);
    // Fills the plan's withheld secret parameters from `given`, else from $LOCKSTEP_PARAM_<NAME> (upper
    // case, '-' as '_'); refused naming each one missing.
    static Status supplySecretParams(Plan &plan, qint64 runId, const QMap<QString, QString> &given);

private:
    Result<RecoveredRun> recover(const RunRecord &record);
    Result<bool> liveElsewhere(qint64 runId) const;

    EngineServices m_services;
};

} // namespace lockstep
