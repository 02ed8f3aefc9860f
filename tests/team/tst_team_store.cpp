// The store's repositories, checked on both backends: SQLite (one console) and PostgreSQL (team mode),
// including what only matters when several consoles share one database: concurrent migration,
// leases that one console wins, expiry of a dead console's lease, four-eyes from two connections and
// live notifications.
#include "app/engine/EngineServices.h"
#include "app/engine/RunRecovery.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"
#include "models/store/StoreNotifier.h"
#include "tests/team/StoreBackends.h"

#include <QDir>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace lockstep;
using namespace lockstep::test;

namespace {

RunRecord sampleRun(const QString &operatorName = QStringLiteral("alice"))
{
    RunRecord r;
    r.runbookId = QStringLiteral("platform-upgrade");
    r.product = QStringLiteral("platform");
    r.targetVersion = QStringLiteral("1.5.0");
    r.changeClass = QStringLiteral("minor");
    r.operatorName = operatorName;
    r.state = RunState::Planned;
    r.plan = QByteArrayLiteral("{\"waves\":[]}");
    r.runbookSource = QStringLiteral("runbook: platform-upgrade\n");
    return r;
}

StepResult intentFor(qint64 runId, const QString &instance, const QString &step)
{
    StepResult s;
    s.runId = runId;
    s.instance = instance;
    s.step = step;
    s.startedAt = Clock::instance().now();
    return s;
}

} // namespace

class TestTeamStore : public QObject
{
    Q_OBJECT

private:
    StoreBackends m_backends;
    int m_connections = 0;

    QString connectionName() { return QStringLiteral("team-store-%1").arg(++m_connections); }

private slots:
    void initTestCase()
    {
        if (const QString failure = m_backends.start(); !failure.isEmpty())
            QFAIL(qPrintable(failure));
    }

    void migratesToTheLatestVersion_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void migratesToTheLatestVersion()
    {
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        QVERIFY(!location.isEmpty());
        {
            Database db;
            const Status s = db.open(location, connectionName());
            QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
            QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        }
        Database again;   // a second start applies nothing
        QVERIFY(again.open(location, connectionName()).ok());
        QSqlQuery q(again.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(DISTINCT version) FROM schema_version")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), q.value(1).toInt());
    }

    // Several consoles starting at once on one new database: every one opens, each migration once.
    // Team mode only: a SQLite store belongs to one console.
    void concurrentStartsMigrateOnce_data()
    {
        StoreBackends::addColumn();
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }
    void concurrentStartsMigrateOnce()
    {
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        QVERIFY(!location.isEmpty());
        constexpr int kConsoles = 4;
        std::vector<QString> failures(kConsoles);
        std::vector<std::thread> threads;
        for (int i = 0; i < kConsoles; ++i)
            threads.emplace_back([&, i] {
                Database db;
                const Status s = db.open(location, QStringLiteral("concurrent-migrate-%1-%2").arg(backend).arg(i));
                if (!s)
                    failures[i] = s.error().toString();
            });
        for (std::thread &t : threads)
            t.join();
        for (const QString &f : failures)
            QVERIFY2(f.isEmpty(), qPrintable(f));
        Database db;
        QVERIFY(db.open(location, connectionName()).ok());
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM schema_version")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), int(QDir(QStringLiteral(":/lockstep/migrations")).entryList(QDir::Files).size()));
    }

    void runsAndStepLog_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void runsAndStepLog()
    {
        QFETCH(QString, backend);
        Database db;
        QVERIFY(db.open(m_backends.freshLocation(backend), connectionName()).ok());
        RunRepository runs(db);
        LeaseRepository leases(db);
        const auto id = runs.create(sampleRun());
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().toString()));
        QVERIFY(*id > 0);
        const auto second = runs.create(sampleRun());
        QVERIFY(second.ok());
        QVERIFY(*second > *id);

        const auto found = runs.find(*id);
        QVERIFY(found.ok());
        QCOMPARE(found->targetVersion, QStringLiteral("1.5.0"));
        QCOMPARE(found->plan, QByteArrayLiteral("{\"waves\":[]}"));
        QCOMPARE(found->state, RunState::Planned);

        QVERIFY(runs.updateState(*id, RunState::Running, 1, QStringLiteral("wave 2")).ok());
        QCOMPARE(runs.find(*id)->state, RunState::Running);
        QCOMPARE(runs.find(*id)->currentWave, 1);
        QVERIFY(!runs.updateState(9999, RunState::Running, 0, {}).ok());
        QCOMPARE(runs.list()->size(), 2);
        QCOMPARE(runs.list()->first().id, *second);

        // Write-ahead: an intent needs the lease at its generation.
        const auto taken = leases.acquire(*id, QStringLiteral("alice"), {QStringLiteral("db-1")});
        QVERIFY2(taken.ok(), qPrintable(taken.ok() ? QString() : taken.error().toString()));
        const qint64 generation = taken->first().generation;
        const auto intent = runs.recordIntent(intentFor(*id, QStringLiteral("db-1"), QStringLiteral("pull")), generation);
        QVERIFY2(intent.ok(), qPrintable(intent.ok() ? QString() : intent.error().toString()));
        QVERIFY(!runs.recordIntent(intentFor(*id, QStringLiteral("db-1"), QStringLiteral("pull")), generation + 1).ok());
        QVERIFY(!runs.recordIntent(intentFor(*id, QStringLiteral("db-2"), QStringLiteral("pull")), generation).ok());

        StepResult result = intentFor(*id, QStringLiteral("db-1"), QStringLiteral("pull"));
        result.id = *intent;
        result.outcome = StepOutcome::Succeeded;
        result.exitCode = 0;
        result.outputTail = QStringLiteral("pulled 'it' \\ \"done\"");
        result.durationMs = 1234;
        result.finishedAt = Clock::instance().now();
        QVERIFY(runs.recordResult(result).ok());
        const auto second_intent = runs.recordIntent(intentFor(*id, QStringLiteral("db-1"), QStringLiteral("up")), generation);
        QVERIFY(second_intent.ok());

        const auto attempts = runs.attempts(*id);
        QVERIFY(attempts.ok());
        QCOMPARE(attempts->size(), 2);
        QCOMPARE(attempts->at(0).outcome, std::optional<StepOutcome>(StepOutcome::Succeeded));
        QCOMPARE(attempts->at(0).outputTail, result.outputTail);
        QCOMPARE(attempts->at(0).durationMs, qint64(1234));
        QVERIFY(!attempts->at(1).hasResult());

        QCOMPARE(runs.unfinished()->size(), 2);
        const auto interrupted = runs.markInterrupted(*id);
        QVERIFY(interrupted.ok());
        QCOMPARE(interrupted->size(), 1);
        QCOMPARE(runs.attempts(*id)->at(1).outcome, std::optional<StepOutcome>(StepOutcome::Interrupted));
    }

    void leasesOneRunPerInstance_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void leasesOneRunPerInstance()
    {
        QFETCH(QString, backend);
        Database db;
        QVERIFY(db.open(m_backends.freshLocation(backend), connectionName()).ok());
        RunRepository runs(db);
        LeaseRepository leases(db);
        const qint64 first = *runs.create(sampleRun());
        const qint64 second = *runs.create(sampleRun(QStringLiteral("bob")));
        QVERIFY(leases.acquire(first, QStringLiteral("alice"), {QStringLiteral("a"), QStringLiteral("b")}).ok());
        const auto refused = leases.acquire(second, QStringLiteral("bob"), {QStringLiteral("c"), QStringLiteral("b")});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("b is in run %1 (operator alice)").arg(first)),
                 qPrintable(refused.error().message));
        QVERIFY(leases.heldBy(second)->isEmpty());   // all or nothing: c was not taken either
        QCOMPARE(leases.holder(QStringLiteral("b"))->value().runId, first);

        QVERIFY(leases.release(first).ok());
        QVERIFY(!leases.holder(QStringLiteral("b"))->has_value());
        const auto taken = leases.acquire(second, QStringLiteral("bob"), {QStringLiteral("c"), QStringLiteral("b")});
        QVERIFY(taken.ok());
        QCOMPARE(taken->size(), 2);
        for (const Lease &l : *taken)
            QCOMPARE(l.generation, qint64(l.instance == QLatin1String("b") ? 2 : 1));
    }

    // Many consoles race for one instance: exactly one run gets it, every other is told who holds it.
    void concurrentAcquireHasOneWinner_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void concurrentAcquireHasOneWinner()
    {
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        QList<qint64> runIds;
        {
            Database db;
            QVERIFY(db.open(location, connectionName()).ok());
            RunRepository runs(db);
            for (int i = 0; i < 6; ++i)
                runIds << *runs.create(sampleRun(QStringLiteral("op%1").arg(i)));
        }
        std::atomic<int> winners{0};
        std::vector<QString> messages(runIds.size());
        std::vector<std::thread> threads;
        for (int i = 0; i < int(runIds.size()); ++i)
            threads.emplace_back([&, i] {
                Database db;
                if (Status s = db.open(location, QStringLiteral("race-%1-%2").arg(backend).arg(i)); !s) {
                    messages[i] = s.error().toString();
                    return;
                }
                LeaseRepository leases(db);
                auto taken = leases.acquire(runIds[i], QStringLiteral("op%1").arg(i), {QStringLiteral("shared")});
                if (taken)
                    ++winners;
                else
                    messages[i] = taken.error().message;
            });
        for (std::thread &t : threads)
            t.join();
        QCOMPARE(winners.load(), 1);
        for (const QString &m : messages)
            if (!m.isEmpty())
                QVERIFY2(m.contains(QStringLiteral("shared is in run ")), qPrintable(m));
    }

    // A console that died stops heartbeating: after the timeout its lease may be taken over, its run
    // shows as interrupted, and its stale generation is refused on the next write.
    void expiredLeaseIsTakenOver_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void expiredLeaseIsTakenOver()
    {
        QFETCH(QString, backend);
        ManualClock clock(QDateTime(QDate(2026, 11, 21), QTime(10, 0), Qt::UTC));
        Clock::setInstance(&clock);
        auto restore = qScopeGuard([] { Clock::setInstance(nullptr); });
        Database db;
        QVERIFY(db.open(m_backends.freshLocation(backend), connectionName()).ok());
        RunRepository runs(db);
        LeaseRepository leases(db);
        leases.setExpiry(std::chrono::seconds(10));
        const qint64 dead = *runs.create(sampleRun());
        const qint64 next = *runs.create(sampleRun(QStringLiteral("bob")));
        QVERIFY(runs.updateState(dead, RunState::Running, 0, {}).ok());
        const auto taken = leases.acquire(dead, QStringLiteral("alice"), {QStringLiteral("a")});
        QVERIFY(taken.ok());
        const QHash<QString, qint64> generations{{QStringLiteral("a"), taken->first().generation}};

        clock.advance(8000);
        QVERIFY(leases.heartbeat(dead, generations)->isEmpty());   // alive: refreshed
        clock.advance(8000);
        QVERIFY(!leases.acquire(next, QStringLiteral("bob"), {QStringLiteral("a")}).ok());   // 8 s since the heartbeat
        clock.advance(3000);
        const auto over = leases.acquire(next, QStringLiteral("bob"), {QStringLiteral("a")});
        QVERIFY2(over.ok(), qPrintable(over.ok() ? QString() : over.error().toString()));
        QCOMPARE(runs.find(dead)->state, RunState::Interrupted);
        QVERIFY(runs.find(dead)->note.contains(QStringLiteral("lease on a expired")));

        // The dead console, should it come back, learns it lost the lease and cannot write.
        QCOMPARE(*leases.heartbeat(dead, generations), QStringList{QStringLiteral("a")});
        QVERIFY(!runs.recordIntent(intentFor(dead, QStringLiteral("a"), QStringLiteral("s1")), generations.value(QStringLiteral("a"))).ok());

        // Without an expiry (one console) a lease never goes stale.
        LeaseRepository patient(db);
        const qint64 third = *runs.create(sampleRun(QStringLiteral("carol")));
        clock.advance(24 * 3600 * 1000);
        QVERIFY(!patient.acquire(third, QStringLiteral("carol"), {QStringLiteral("a")}).ok());
    }

    // A console starting up leaves alone the runs another console is driving; once their leases expired
    // they are recovered like crashed runs (steps in flight marked interrupted).
    void recoveryLeavesLiveRunsAlone_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void recoveryLeavesLiveRunsAlone()
    {
        QFETCH(QString, backend);
        ManualClock clock(QDateTime(QDate(2026, 11, 21), QTime(10, 0), Qt::UTC));
        Clock::setInstance(&clock);
        auto restore = qScopeGuard([] { Clock::setInstance(nullptr); });
        const QString location = m_backends.freshLocation(backend);
        Database driver;
        Database starter;
        QVERIFY(driver.open(location, connectionName()).ok());
        QVERIFY(starter.open(location, connectionName()).ok());
        RunRepository runs(driver);
        LeaseRepository leases(driver);
        leases.setExpiry(std::chrono::seconds(10));
        const qint64 run = *runs.create(sampleRun());
        QVERIFY(runs.updateState(run, RunState::Running, 0, {}).ok());
        const auto taken = leases.acquire(run, QStringLiteral("alice"), {QStringLiteral("a")});
        QVERIFY(taken.ok());
        QVERIFY(runs.recordIntent(intentFor(run, QStringLiteral("a"), QStringLiteral("s1")), taken->first().generation).ok());

        RunRepository starterRuns(starter);
        LeaseRepository starterLeases(starter);
        starterLeases.setExpiry(std::chrono::seconds(10));
        EngineServices services;
        services.runs = &starterRuns;
        services.leases = &starterLeases;
        RunRecovery recovery(services);
        const auto scanned = recovery.scan();
        QVERIFY(scanned.ok());
        QVERIFY(scanned->isEmpty());
        QVERIFY(!recovery.scan(run).ok());
        QVERIFY(!runs.attempts(run)->first().hasResult());   // the live step was not touched

        clock.advance(11000);   // the driving console stopped heartbeating
        const auto recovered = recovery.scan(run);
        QVERIFY2(recovered.ok(), qPrintable(recovered.ok() ? QString() : recovered.error().toString()));
        QCOMPARE(recovered->interrupted.size(), 1);
    }

    // Four-eyes across consoles: the second sign-off comes through another connection.
    void fourEyesFromTwoConsoles_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void fourEyesFromTwoConsoles()
    {
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        Database alice;
        Database bob;
        QVERIFY(alice.open(location, connectionName()).ok());
        QVERIFY(bob.open(location, connectionName()).ok());
        const qint64 run = *RunRepository(alice).create(sampleRun());

        StoreNotifier bobSees(bob);
        QVERIFY(bobSees.status().ok());
        QSignalSpy signedOff(&bobSees, &StoreNotifier::signOffAdded);

        SignOff first{0, run, QStringLiteral("stakeholders"), QStringLiteral("alice"), Clock::instance().now(),
                      QStringLiteral("mailed the list"), {}, {}, {}, {}, {}, {}};
        QVERIFY(SignOffRepository(alice).add(first).ok());
        QVERIFY(!SignOffRepository(bob).add(first).ok());   // alice cannot sign twice, from any console

        // Within a second, without polling: PostgreSQL NOTIFY (or, on SQLite, this process's writes).
        if (backend == QLatin1String("postgresql"))
            QVERIFY(signedOff.wait(1000));
        else
            QTRY_VERIFY_WITH_TIMEOUT(!signedOff.isEmpty(), 1000);
        QCOMPARE(signedOff.first().first().toLongLong(), run);

        SignOff second = first;
        second.operatorName = QStringLiteral("bob");
        QVERIFY(SignOffRepository(bob).add(second).ok());
        const auto all = SignOffRepository(alice).forRun(run);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(1).operatorName, QStringLiteral("bob"));
    }

    void notificationsCarryTheKind_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void notificationsCarryTheKind()
    {
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        Database writer;
        Database watcher;
        QVERIFY(writer.open(location, connectionName()).ok());
        QVERIFY(watcher.open(location, connectionName()).ok());
        StoreNotifier notifier(watcher);
        QSignalSpy runChanged(&notifier, &StoreNotifier::runChanged);
        QSignalSpy stepResults(&notifier, &StoreNotifier::stepResultAdded);
        QSignalSpy leasesChanged(&notifier, &StoreNotifier::leasesChanged);
        RunRepository runs(writer);
        LeaseRepository leases(writer);
        const qint64 run = *runs.create(sampleRun());
        const auto taken = leases.acquire(run, QStringLiteral("alice"), {QStringLiteral("a")});
        QVERIFY(taken.ok());
        const auto intent = runs.recordIntent(intentFor(run, QStringLiteral("a"), QStringLiteral("s1")), taken->first().generation);
        QVERIFY(intent.ok());
        StepResult result = intentFor(run, QStringLiteral("a"), QStringLiteral("s1"));
        result.id = *intent;
        result.outcome = StepOutcome::Succeeded;
        QVERIFY(runs.recordResult(result).ok());
        QTRY_VERIFY_WITH_TIMEOUT(!stepResults.isEmpty(), 1000);
        QCOMPARE(stepResults.first().first().toLongLong(), run);
        QTRY_VERIFY_WITH_TIMEOUT(!runChanged.isEmpty() && !leasesChanged.isEmpty(), 1000);
    }

    void passwordIsNeverShown()
    {
        const QString shown = Database::displayLocation(QStringLiteral("postgresql://ops:s3cret@db.example:5432/lockstep"));
        QVERIFY(!shown.contains(QStringLiteral("s3cret")));
        QVERIFY(shown.contains(QStringLiteral("ops@db.example:5432/lockstep")));
        QCOMPARE(Database::displayLocation(QStringLiteral("/var/lib/lockstep.db")), QStringLiteral("/var/lib/lockstep.db"));
    }
};

QTEST_GUILESS_MAIN(TestTeamStore)
#include "tst_team_store.moc"
