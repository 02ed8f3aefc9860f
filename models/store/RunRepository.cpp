#include "models/store/RunRepository.h"

#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/LeaseFence.h"
#include "models/store/StoreSql.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace lockstep {

using storesql::fromIso;
using storesql::iso;
using storesql::queryError;
using storesql::text;

namespace {

const QString kRunColumns = QStringLiteral(
    "id, runbook_id, runbook_file, product, target_version, change_class, operator, state, current_wave, "
    "created_at, updated_at, finished_at, note, watch_started_at");

RunRecord readRun(const QSqlQuery &q, bool withPlan)
{
    RunRecord r;
    r.id = q.value(0).toLongLong();
    r.runbookId = q.value(1).toString();
    r.runbookFile = q.value(2).toString();
    r.product = q.value(3).toString();
    r.targetVersion = q.value(4).toString();
    r.changeClass = q.value(5).toString();
    r.operatorName = q.value(6).toString();
    r.state = parseRunState(q.value(7).toString()).value_or(RunState::Interrupted);
    r.currentWave = q.value(8).toInt();
    r.createdAt = fromIso(q.value(9).toString());
    r.updatedAt = fromIso(q.value(10).toString());
    r.finishedAt = fromIso(q.value(11).toString());
    r.note = q.value(12).toString();
    r.watchStartedAt = fromIso(q.value(13).toString());
    if (withPlan) {
        r.runbookSource = q.value(14).toString();
        r.plan = q.value(15).toString().toUtf8();
    }
    return r;
}

StepResult readAttempt(const QSqlQuery &q)
{
    StepResult s;
    s.id = q.value(0).toLongLong();
    s.runId = q.value(1).toLongLong();
    s.phase = parseRunPhase(q.value(2).toString()).value_or(RunPhase::Upgrade);
    s.wave = q.value(3).toInt();
    s.instance = q.value(4).toString();
    s.step = q.value(5).toString();
    s.attempt = q.value(6).toInt();
    s.startedAt = fromIso(q.value(7).toString());
    s.finishedAt = fromIso(q.value(8).toString());
    const QString outcome = q.value(9).toString();
    if (!outcome.isEmpty())
        s.outcome = parseStepOutcome(outcome).value_or(StepOutcome::Failed);
    s.exitCode = q.value(10).toInt();
    s.outputTail = q.value(11).toString();
    s.durationMs = q.value(12).toLongLong();
    s.note = q.value(13).toString();
    s.processGroup = q.value(14).toLongLong();
    s.processIdentity = q.value(15).toString();
    return s;
}

const QString kAttemptColumns = QStringLiteral(
    "id, run_id, phase, wave, instance, step, attempt, started_at, finished_at, outcome, exit_code, "
    "output_tail, duration_ms, note, process_group, process_identity");

} // namespace

RunRepository::RunRepository(Database &db) : m_db(db) {}

Status RunRepository::begin()
{
    // Through the Database's transaction depth, never QSqlDatabase::transaction(): an audit append (or any
    // Transaction guard) inside the group then becomes a savepoint. A second plain BEGIN would be refused
    // by SQLite and, worse, only warned about by PostgreSQL, whose inner COMMIT would commit the group early.
    return m_db.beginTransaction();
}

Status RunRepository::commit()
{
    if (Status s = m_db.commitTransaction(); !s)
        return Error{QStringLiteral("cannot commit the step log: %1").arg(s.error().message), QStringLiteral("store"),
                     QStringLiteral("check that the database is writable and not full")};
    return okStatus();
}

void RunRepository::rollback()
{
    m_db.rollbackTransaction();
}

Result<qint64> RunRepository::create(const RunRecord &run)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO runs (runbook_id, runbook_file, runbook_source, product, target_version, change_class, "
        "operator, state, plan, current_wave, created_at, updated_at, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    const QString now = iso(Clock::instance().now());
    q.addBindValue(text(run.runbookId));
    q.addBindValue(text(run.runbookFile));
    q.addBindValue(text(run.runbookSource));
    q.addBindValue(text(run.product));
    q.addBindValue(text(run.targetVersion));
    q.addBindValue(text(run.changeClass));
    q.addBindValue(text(run.operatorName));
    q.addBindValue(text(runStateName(run.state)));
    q.addBindValue(text(QString::fromUtf8(run.plan)));
    q.addBindValue(run.currentWave);
    q.addBindValue(text(now));
    q.addBindValue(text(now));
    q.addBindValue(text(run.note));
    if (!q.exec() || !q.next())
        return queryError(q, QStringLiteral("store the run"));
    const qint64 id = q.value(0).toLongLong();
    q.finish();   // with RETURNING, SQLite commits when the statement is reset
    m_db.notify(QStringLiteral("run"), id);
    return id;
}

Status RunRepository::updateState(qint64 runId, RunState state, int currentWave, const QString &note)
{
    LeaseFence *fence = m_db.leaseFence(runId);
    if (fence && fence->isLost())
        return fence->lostError();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE runs SET state = ?, current_wave = ?, note = ?, updated_at = ?, "
                             "finished_at = ? WHERE id = ?")
              + (fence ? fence->condition(m_db.dialect() == Database::Dialect::Postgres) : QString()));
    const QString now = iso(Clock::instance().now());
    q.addBindValue(text(runStateName(state)));
    q.addBindValue(currentWave);
    q.addBindValue(text(note));
    q.addBindValue(text(now));
    q.addBindValue(text(isTerminal(state) ? now : QString()));
    q.addBindValue(runId);
    if (fence)
        fence->bindTo(q);
    if (!q.exec())
        return queryError(q, QStringLiteral("store the state of run %1").arg(runId));
    if (q.numRowsAffected() != 1) {
        if (fence)
            return fence->refuse(m_db, QStringLiteral("run state %1").arg(runStateName(state)));
        return Error{QStringLiteral("run %1 does not exist").arg(runId), QStringLiteral("store"), {}};
    }
    m_db.notify(QStringLiteral("run"), runId);
    return okStatus();
}

Status RunRepository::startWatch(qint64 runId, const QDateTime &startedAt)
{
    LeaseFence *fence = m_db.leaseFence(runId);
    if (fence && fence->isLost())
        return fence->lostError();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE runs SET watch_started_at = ?, updated_at = ? WHERE id = ?")
              + (fence ? fence->condition(m_db.dialect() == Database::Dialect::Postgres) : QString()));
    q.addBindValue(text(iso(startedAt)));
    q.addBindValue(text(iso(Clock::instance().now())));
    q.addBindValue(runId);
    if (fence)
        fence->bindTo(q);
    if (!q.exec())
        return queryError(q, QStringLiteral("store the watch start of run %1").arg(runId));
    if (q.numRowsAffected() != 1) {
        if (fence)
            return fence->refuse(m_db, QStringLiteral("watch start"));
        return Error{QStringLiteral("run %1 does not exist").arg(runId), QStringLiteral("store"), {}};
    }
    m_db.notify(QStringLiteral("run"), runId);
    return okStatus();
}

Result<RunRecord> RunRepository::find(qint64 runId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ") + kRunColumns + QStringLiteral(", runbook_source, plan FROM runs WHERE id = ?"));
    q.addBindValue(runId);
    if (!q.exec())
        return queryError(q, QStringLiteral("read run %1").arg(runId));
    if (!q.next())
        return Error{QStringLiteral("no run %1").arg(runId), QStringLiteral("store"),
                     QStringLiteral("`lockstep-cli runs` lists the runs")};
    return readRun(q, true);
}

Result<QList<RunRecord>> RunRepository::list(int limit) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ") + kRunColumns + QStringLiteral(" FROM runs ORDER BY id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return queryError(q, QStringLiteral("list runs"));
    QList<RunRecord> runs;
    while (q.next())
        runs.append(readRun(q, false));
    return runs;
}

Result<QList<RunRecord>> RunRepository::unfinished() const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ") + kRunColumns
              + QStringLiteral(", runbook_source, plan FROM runs WHERE state NOT IN (?, ?, ?, ?) ORDER BY id"));
    for (RunState s : {RunState::Succeeded, RunState::Failed, RunState::RolledBack, RunState::Aborted})
        q.addBindValue(text(runStateName(s)));
    if (!q.exec())
        return queryError(q, QStringLiteral("list unfinished runs"));
    QList<RunRecord> runs;
    while (q.next())
        runs.append(readRun(q, true));
    return runs;
}

Result<qint64> RunRepository::recordIntent(const StepResult &intent, qint64 leaseGeneration)
{
    LeaseFence *fence = m_db.leaseFence(intent.runId);
    if (fence && fence->isLost())
        return fence->lostError();
    // One statement both checks the lease and writes the intent, so no other writer can slip between.
    // A run-level step (before:/after:, no instance) runs while the run still holds its leases.
    const bool runLevel = intent.instance.isEmpty();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO step_attempts (run_id, phase, wave, instance, step, attempt, started_at) "
        "SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM leases WHERE ")
              + (runLevel ? QStringLiteral("run_id = ? AND released_at = '')")
                          : QStringLiteral("instance = ? AND run_id = ? AND generation = ? AND released_at = '')"))
              + (fence ? fence->condition(m_db.dialect() == Database::Dialect::Postgres) : QString())
              + QStringLiteral(" RETURNING id"));
    q.addBindValue(intent.runId);
    q.addBindValue(text(runPhaseName(intent.phase)));
    q.addBindValue(intent.wave);
    q.addBindValue(text(intent.instance));
    q.addBindValue(text(intent.step));
    q.addBindValue(intent.attempt);
    q.addBindValue(text(iso(intent.startedAt)));
    if (!runLevel)
        q.addBindValue(text(intent.instance));
    q.addBindValue(intent.runId);
    if (!runLevel)
        q.addBindValue(leaseGeneration);
    if (fence)
        fence->bindTo(q);
    if (!q.exec())
        return queryError(q, QStringLiteral("record the start of step %1 on %2").arg(intent.step, intent.instance));
    if (!q.next()) {
        q.finish();
        if (fence)
            return fence->refuse(m_db, QStringLiteral("start of step %1 on %2").arg(intent.step, intent.instance));
        return Error{QStringLiteral("run %1 no longer holds the lease on %2").arg(intent.runId).arg(intent.instance),
                     intent.instance + QLatin1Char('/') + intent.step,
                     QStringLiteral("another run or console took the instance; the step was not started")};
    }
    const qint64 id = q.value(0).toLongLong();
    q.finish();   // the intent is committed only once the statement is reset: before the step starts
    m_db.notify(QStringLiteral("step-started"), intent.runId);
    return id;
}

Status RunRepository::recordResult(const StepResult &result)
{
    LeaseFence *fence = m_db.leaseFence(result.runId);
    if (fence && fence->isLost())
        return fence->lostError();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE step_attempts SET finished_at = ?, outcome = ?, exit_code = ?, output_tail = ?, "
                             "duration_ms = ?, note = ? WHERE id = ?")
              + (fence ? fence->condition(m_db.dialect() == Database::Dialect::Postgres) : QString()));
    q.addBindValue(text(iso(result.finishedAt)));
    q.addBindValue(text(result.outcome ? stepOutcomeName(*result.outcome) : QString()));
    q.addBindValue(result.exitCode);
    q.addBindValue(text(result.outputTail));
    q.addBindValue(result.durationMs);
    q.addBindValue(text(result.note));
    q.addBindValue(result.id);
    if (fence)
        fence->bindTo(q);
    if (!q.exec())
        return queryError(q, QStringLiteral("record the result of step %1 on %2").arg(result.step, result.instance));
    if (fence && q.numRowsAffected() != 1)
        return fence->refuse(m_db, QStringLiteral("result of step %1 on %2").arg(result.step, result.instance));
    m_db.notify(QStringLiteral("step"), result.runId);
    return okStatus();
}

Status RunRepository::recordProcess(const StepResult &intent, qint64 processGroup, const QString &identity)
{
    LeaseFence *fence = m_db.leaseFence(intent.runId);
    if (fence && fence->isLost())
        return fence->lostError();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE step_attempts SET process_group = ?, process_identity = ? WHERE id = ? AND outcome = ''")
              + (fence ? fence->condition(m_db.dialect() == Database::Dialect::Postgres) : QString()));
    q.addBindValue(processGroup);
    q.addBindValue(text(identity));
    q.addBindValue(intent.id);
    if (fence)
        fence->bindTo(q);
    if (!q.exec())
        return queryError(q, QStringLiteral("record the process of step %1 on %2").arg(intent.step, intent.instance));
    if (q.numRowsAffected() != 1) {
        if (fence)
            return fence->refuse(m_db, QStringLiteral("process of step %1 on %2").arg(intent.step, intent.instance));
        return Error{QStringLiteral("step %1 on %2 has no open intent to record its process with").arg(intent.step, intent.instance),
                     intent.instance + QLatin1Char('/') + intent.step, {}};
    }
    return okStatus();
}

Result<QList<StepResult>> RunRepository::attempts(qint64 runId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ") + kAttemptColumns + QStringLiteral(" FROM step_attempts WHERE run_id = ? ORDER BY id"));
    q.addBindValue(runId);
    if (!q.exec())
        return queryError(q, QStringLiteral("read the steps of run %1").arg(runId));
    QList<StepResult> out;
    while (q.next())
        out.append(readAttempt(q));
    return out;
}

Result<QList<StepResult>> RunRepository::markInterrupted(qint64 runId)
{
    auto all = attempts(runId);
    if (!all)
        return all.error();
    QList<StepResult> interrupted;
    for (StepResult s : *all) {
        if (s.hasResult())
            continue;
        s.outcome = StepOutcome::Interrupted;
        s.note = QStringLiteral("the console stopped while this step ran; it may or may not have taken effect");
        if (Status st = recordResult(s); !st)
            return st.error();
        interrupted.append(s);
    }
    return interrupted;
}

} // namespace lockstep
