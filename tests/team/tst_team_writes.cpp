// Writes of a console that shares the store, on both backends:
// - an audit append inside the executor's grouped step-log transaction is part of that transaction (a
//   savepoint), not a second BEGIN whose COMMIT would commit the group early on PostgreSQL;
// - a console whose run lost its leases to another console (it stalled past the lease timeout) is refused
//   every write for the run — run state, step log, sign-offs, audit, lease release — and learns who holds
//   the instances now, whether a write or the heartbeat finds out first.
#include "app/audit/AuditLog.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/LeaseFence.h"
#include "models/store/LeaseHeartbeat.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"
#include "tests/team/StoreBackends.h"

#include <QScopeGuard>
#include <QSqlQuery>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

RunRecord sampleRun(const QString &operatorName)
{
    RunRecord r;
    r.runbookId = QStringLiteral("platform-upgrade");
    r.product = QStringLiteral("platform");
    r.targetVersion = QStringLiteral("1.5.0");
    r.operatorName = operatorName;
    r.state = RunState::Planned;
    r.plan = QByteArrayLiteral("{\"waves\":[]}");
    return r;
}

StepResult intentFor(qint64 runId, const QString &instance, const QString &step)
{
    StepResult s;
    s.runId = runId;
    s.instance = instance;
    s.step = step;
    s.attempt = 1;
    s.startedAt = Clock::instance().now();
    return s;
}

SignOff signOffFor(qint64 runId, const QString &item, const QString &operatorName)
{
    SignOff s;
    s.runId = runId;
    s.item = item;
    s.operatorName = operatorName;
    s.signedAt = Clock::instance().now();
    return s;
}

AuditEvent auditFor(qint64 runId, const QString &action)
{
    AuditEvent e;
    e.operatorName = QStringLiteral("lockstep");
    e.action = action;
    e.runId = QString::number(runId);
    e.result = QStringLiteral("ok");
    return e;
}

qint64 count(Database &db, const QString &sql, qint64 runId)
{
    QSqlQuery q(db.connection());
    q.prepare(sql);
    q.addBindValue(runId);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// Everything a run left in the store, as another console reads it.
QString snapshot(Database &db, qint64 runId)
{
    QSqlQuery q(db.connection());
    QStringList out;
    q.prepare(QStringLiteral("SELECT state, note, updated_at, current_wave FROM runs WHERE id = ?"));
    q.addBindValue(runId);
    q.exec();
    while (q.next())
        out << QStringLiteral("run %1|%2|%3|%4").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                                     q.value(3).toString());
    q.prepare(QStringLiteral("SELECT id, step, outcome, finished_at FROM step_attempts WHERE run_id = ? ORDER BY id"));
    q.addBindValue(runId);
    q.exec();
    while (q.next())
        out << QStringLiteral("step %1|%2|%3|%4").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                                      q.value(3).toString());
    q.prepare(QStringLiteral("SELECT item, operator FROM signoffs WHERE run_id = ? ORDER BY id"));
    q.addBindValue(runId);
    q.exec();
    while (q.next())
        out << QStringLiteral("signoff %1|%2").arg(q.value(0).toString(), q.value(1).toString());
    q.prepare(QStringLiteral("SELECT seq, action FROM audit_events WHERE run_id = ? ORDER BY seq"));
    q.addBindValue(QString::number(runId));
    q.exec();
    while (q.next())
        out << QStringLiteral("audit %1|%2").arg(q.value(0).toString(), q.value(1).toString());
    q.exec(QStringLiteral("SELECT instance, run_id, generation, released_at FROM leases ORDER BY instance"));
    while (q.next())
        out << QStringLiteral("lease %1|%2|%3|%4").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                                       q.value(3).toString());
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TestTeamWrites : public QObject
{
    Q_OBJECT

private:
    StoreBackends m_backends;
    int m_connections = 0;

    QString connectionName() { return QStringLiteral("team-writes-%1").arg(++m_connections); }

private slots:
    void initTestCase()
    {
        if (const QString failure = m_backends.start(); !failure.isEmpty())
            QFAIL(qPrintable(failure));
    }

    // The executor groups step results and intents in one transaction (RunRepository::begin); an audit
    // append inside it must neither fail (SQLite refuses a second BEGIN) nor commit the group early
    // (PostgreSQL only warns about a second BEGIN, and the append's COMMIT would end the group).
    void auditAppendInsideTheStepLogGroupCommitsWithIt_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void auditAppendInsideTheStepLogGroupCommitsWithIt()
    {
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        Database writer;
        Database reader;
        QVERIFY(writer.open(location, connectionName()).ok());
        QVERIFY(reader.open(location, connectionName()).ok());
        RunRepository runs(writer);
        AuditLog log(writer);
        const qint64 run = *runs.create(sampleRun(QStringLiteral("alice")));
        const QString stateSql = QStringLiteral("SELECT count(*) FROM runs WHERE id = ? AND state = 'running'");
        const QString auditSql = QStringLiteral("SELECT count(*) FROM audit_events WHERE run_id = CAST(? AS TEXT)");

        QVERIFY(runs.begin().ok());
        QCOMPARE(writer.transactionDepth(), 1);
        QVERIFY(runs.updateState(run, RunState::Running, 0, QStringLiteral("grouped")).ok());
        const auto appended = log.append(auditFor(run, QStringLiteral("run.state")));
        QVERIFY2(appended.ok(), qPrintable(appended.ok() ? QString() : appended.error().toString()));
        QCOMPARE(writer.transactionDepth(), 1);   // the append was a savepoint inside the group

        // Nothing of the group is visible to another console before the group commits.
        QCOMPARE(count(reader, stateSql, run), 0);
        QCOMPARE(count(reader, auditSql, run), 0);
        QVERIFY(runs.commit().ok());
        QCOMPARE(writer.transactionDepth(), 0);
        QCOMPARE(count(reader, stateSql, run), 1);
        QCOMPARE(count(reader, auditSql, run), 1);
        QVERIFY(log.verify().ok());
        QVERIFY(log.verify()->ok());

        // The next group starts from depth 0 again: a real transaction, not a savepoint of a stale one.
        QVERIFY(runs.begin().ok());
        QVERIFY(runs.updateState(run, RunState::Paused, 0, QStringLiteral("second group")).ok());
        QVERIFY(log.append(auditFor(run, QStringLiteral("run.paused"))).ok());
        QCOMPARE(count(reader, auditSql, run), 1);
        QVERIFY(runs.commit().ok());
        QCOMPARE(count(reader, QStringLiteral("SELECT count(*) FROM runs WHERE id = ? AND state = 'paused'"), run), 1);
        QCOMPARE(count(reader, auditSql, run), 2);
    }

    // Console A drives run 1 on a and b; it stalls, the lease on a expires and console B's run takes a
    // over. Every write A then tries for run 1 is refused with who holds a now, and the store shows
    // nothing new from A — not even the release of b, which A no longer knows to be its own.
    void aConsoleThatLostItsLeaseWritesNothingMore_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void aConsoleThatLostItsLeaseWritesNothingMore()
    {
        QFETCH(QString, backend);
        ManualClock clock(QDateTime(QDate(2026, 11, 21), QTime(10, 0), Qt::UTC));
        Clock::setInstance(&clock);
        auto restoreClock = qScopeGuard([] { Clock::setInstance(nullptr); });
        const QString location = m_backends.freshLocation(backend);
        Database consoleA;
        Database consoleB;
        QVERIFY(consoleA.open(location, connectionName()).ok());
        QVERIFY(consoleB.open(location, connectionName()).ok());
        RunRepository runsA(consoleA);
        LeaseRepository leasesA(consoleA);
        SignOffRepository signOffsA(consoleA);
        AuditLog auditA(consoleA);
        RunRepository runsB(consoleB);
        LeaseRepository leasesB(consoleB);
        leasesA.setExpiry(std::chrono::seconds(10));
        leasesB.setExpiry(std::chrono::seconds(10));

        const qint64 run1 = *runsA.create(sampleRun(QStringLiteral("alice")));
        const auto taken = leasesA.acquire(run1, QStringLiteral("alice"), {QStringLiteral("a"), QStringLiteral("b")});
        QVERIFY(taken.ok());
        QHash<QString, qint64> generations;
        for (const Lease &l : *taken)
            generations.insert(l.instance, l.generation);
        QStringList lostWhy;
        auto fence = leasesA.fenceWrites(run1, generations, [&](const Error &why) { lostWhy << why.message; });

        // While it holds its leases, every kind of write goes through.
        QVERIFY(runsA.updateState(run1, RunState::Running, 0, {}).ok());
        const auto attempt = runsA.recordIntent(intentFor(run1, QStringLiteral("a"), QStringLiteral("s1")),
                                                generations.value(QStringLiteral("a")));
        QVERIFY(attempt.ok());
        QVERIFY(signOffsA.add(signOffFor(run1, QStringLiteral("change-approved"), QStringLiteral("alice"))).ok());
        QVERIFY(auditA.append(auditFor(run1, QStringLiteral("step.started"))).ok());
        QVERIFY(lostWhy.isEmpty());

        // A stalls past the lease timeout; B's run takes a over (and marks run 1 interrupted).
        clock.advance(11000);
        const qint64 run2 = *runsB.create(sampleRun(QStringLiteral("bob")));
        QVERIFY(leasesB.acquire(run2, QStringLiteral("bob"), {QStringLiteral("a")}).ok());
        const QString before = snapshot(consoleB, run1);
        QVERIFY2(before.contains(QStringLiteral("run interrupted|")), qPrintable(before));

        // A comes back: its first write is refused and says who holds a now.
        StepResult result = intentFor(run1, QStringLiteral("a"), QStringLiteral("s1"));
        result.id = *attempt;
        result.outcome = StepOutcome::Succeeded;
        result.finishedAt = clock.now();
        const Status refused = runsA.recordResult(result);
        QVERIFY(!refused.ok());
        const QString expected = QStringLiteral("run %1 lost its lease on a to run %2 (operator bob)").arg(run1).arg(run2);
        QVERIFY2(refused.error().message.contains(expected), qPrintable(refused.error().toString()));
        QCOMPARE(lostWhy.size(), 1);
        QVERIFY2(lostWhy.first().contains(expected), qPrintable(lostWhy.first()));

        // ... and so is every later one, of every kind.
        QVERIFY(!runsA.updateState(run1, RunState::Succeeded, 0, QStringLiteral("all done")).ok());
        QVERIFY(!runsA.recordIntent(intentFor(run1, QStringLiteral("b"), QStringLiteral("s2")),
                                    generations.value(QStringLiteral("b"))).ok());
        QVERIFY(!signOffsA.add(signOffFor(run1, QStringLiteral("change-approved"), QStringLiteral("carol"))).ok());
        QVERIFY(!auditA.append(auditFor(run1, QStringLiteral("run.state"))).ok());
        QVERIFY(!leasesA.release(run1).ok());
        QVERIFY(leasesA.hasLostLeases(run1));
        QCOMPARE(lostWhy.size(), 1);   // told once
        QCOMPARE(snapshot(consoleB, run1), before);

        // The store refuses on its own too: a fence that does not know yet (a fresh one, at the old
        // generations) is refused by the statement itself, for an audit append as for the run state.
        leasesA.unfenceWrites(fence);
        QStringList secondWhy;
        fence = leasesA.fenceWrites(run1, generations, [&](const Error &why) { secondWhy << why.message; });
        QVERIFY(!auditA.append(auditFor(run1, QStringLiteral("step.finished"))).ok());
        QCOMPARE(secondWhy.size(), 1);
        QVERIFY2(secondWhy.first().contains(expected), qPrintable(secondWhy.first()));
        QCOMPARE(snapshot(consoleB, run1), before);
        QVERIFY(auditA.verify()->ok());

        // Without a fence (another operator's console signing for the run) writes are not fenced.
        leasesA.unfenceWrites(fence);
        QVERIFY(SignOffRepository(consoleB).add(signOffFor(run1, QStringLiteral("change-approved"), QStringLiteral("bob"))).ok());
    }

    // The heartbeat is the first to notice (A was idle): the fence is lost before A writes anything, and
    // A's next write never reaches the store.
    void theHeartbeatLosesTheFence_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void theHeartbeatLosesTheFence()
    {
        QFETCH(QString, backend);
        ManualClock clock(QDateTime(QDate(2026, 11, 21), QTime(10, 0), Qt::UTC));
        Clock::setInstance(&clock);
        auto restoreClock = qScopeGuard([] { Clock::setInstance(nullptr); });
        const QString location = m_backends.freshLocation(backend);
        Database consoleA;
        Database consoleB;
        QVERIFY(consoleA.open(location, connectionName()).ok());
        QVERIFY(consoleB.open(location, connectionName()).ok());
        RunRepository runsA(consoleA);
        LeaseRepository leasesA(consoleA);
        LeaseRepository leasesB(consoleB);
        leasesA.setExpiry(std::chrono::seconds(10));
        leasesB.setExpiry(std::chrono::seconds(10));
        const qint64 run1 = *runsA.create(sampleRun(QStringLiteral("alice")));
        QVERIFY(leasesA.acquire(run1, QStringLiteral("alice"), {QStringLiteral("a")}).ok());
        LeaseHeartbeat heartbeat(leasesA, run1);
        QVERIFY(heartbeat.start(std::chrono::hours(1)).ok());
        QStringList lostWhy;
        auto fence = leasesA.fenceWrites(run1, {{QStringLiteral("a"), leasesA.heldBy(run1)->first().generation}},
                                         [&](const Error &why) { lostWhy << why.message; });
        auto unfence = qScopeGuard([&] { leasesA.unfenceWrites(fence); });

        clock.advance(11000);
        const qint64 run2 = *RunRepository(consoleB).create(sampleRun(QStringLiteral("bob")));
        QVERIFY(leasesB.acquire(run2, QStringLiteral("bob"), {QStringLiteral("a")}).ok());
        QCOMPARE(heartbeat.beat(), QStringList{QStringLiteral("a")});
        QCOMPARE(lostWhy.size(), 1);
        QVERIFY2(lostWhy.first().contains(QStringLiteral("lost its lease on a to run %1 (operator bob)").arg(run2)),
                 qPrintable(lostWhy.first()));
        const QString before = snapshot(consoleB, run1);
        QVERIFY(!runsA.updateState(run1, RunState::Running, 0, {}).ok());
        QCOMPARE(snapshot(consoleB, run1), before);
    }
};

QTEST_GUILESS_MAIN(TestTeamWrites)
#include "tst_team_writes.moc"
