#pragma once

#include "models/Result.h"
#include "models/run/RunRecord.h"
#include "models/run/StepResult.h"

#include <QList>

namespace lockstep {

class Database;

// Runs and their write-ahead step log. Every write is its own committed transaction: when a call
// returns, the row is on disk (SQLite synchronous=FULL), which is what crash recovery relies on.
class RunRepository
{
public:
    explicit RunRepository(Database &db);

    // Groups the following writes into one transaction (one fsync); commit() makes them durable.
    Status begin();
    Status commit();
    // Ends the group without committing any of it (a write inside it failed).
    void rollback();

    Result<qint64> create(const RunRecord &run);
    Status updateState(qint64 runId, RunState state, int currentWave, const QString &note);
    // When the run's post-rollout watch started: what its time left is measured from, after a restart too.
    Status startWatch(qint64 runId, const QDateTime &startedAt);
    Result<RunRecord> find(qint64 runId) const;
    // Newest first, without the plan and runbook text.
    Result<QList<RunRecord>> list(int limit = 100) const;
    // Runs not in a terminal state: the ones recovery looks at on start.
    Result<QList<RunRecord>> unfinished() const;

    // The intent of a step attempt, committed before the step starts. Refused when the run does not
    // hold the instance's lease at `leaseGeneration` any more (another run or console took it).
    Result<qint64> recordIntent(const StepResult &intent, qint64 leaseGeneration);
    // The process group a local step's command runs in, recorded with the attempt's intent (intent.id)
    // before the command may run: recovery finds a group a killed console left running.
    Status recordProcess(const StepResult &intent, qint64 processGroup, const QString &identity);
    // The result of an attempt recorded by recordIntent (result.id).
    Status recordResult(const StepResult &result);
    Result<QList<StepResult>> attempts(qint64 runId) const;
    // Attempts with an intent and no result become Interrupted; returns them (recovery).
    Result<QList<StepResult>> markInterrupted(qint64 runId);

private:
    Database &m_db;
};

} // namespace lockstep
