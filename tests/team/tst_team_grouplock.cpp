// Group locks (runbook `lock:`) through the engine: two runs from two consoles on one store, on SQLite
// and on PostgreSQL, upgrade the nodes of one cluster with `max_in_flight: 1`. Whatever each run's
// max_parallel allows, the step log shows no two nodes of the cluster in flight at once, the waiting run
// names the holder, and both runs end.

#include "app/engine/EngineServices.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/runbook/RunbookLoader.h"
#include "app/steps/StepKinds.h"
#include "models/Clock.h"
#include "models/run/RunNarration.h"
#include "models/store/Database.h"
#include "models/store/GroupLockRepository.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"
#include "tests/engine/FakeStepLauncher.h"
#include "tests/team/StoreBackends.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const QString kRunbook = QStringLiteral(R"(runbook: cluster-upgrade
product: demo
lock: {group: tag:cluster, max_in_flight: 1}
strategy:
  waves: [{percent: 100}]
  max_parallel: 2
  between_waves: {then: promote}
steps:
  - id: precheck
    local: "true"
    read_only: true
  - id: drain
    local: "true"
  - id: upgrade
    local: "true"
  - id: verify
    local: "true"
    read_only: true
)");

Instance node(const QString &name, const QString &cluster)
{
    Instance i;
    i.name = name;
    i.product = QStringLiteral("demo");
    i.currentVersion = QStringLiteral("1.0.0");
    i.tags = {QStringLiteral("cluster:") + cluster, QStringLiteral("db")};
    return i;
}

// One console: its own connection to the store, its repositories and a launcher whose steps take a while.
struct Console
{
    Database db;
    std::unique_ptr<RunRepository> runs;
    std::unique_ptr<LeaseRepository> leases;
    std::unique_ptr<GroupLockRepository> groupLocks;
    std::unique_ptr<SignOffRepository> signOffs;
    RecordingAuditSink audit;
    FakeStepLauncher launcher;

    Status open(const QString &location, const QString &connection)
    {
        if (Status s = db.open(location, connection); !s)
            return s;
        runs = std::make_unique<RunRepository>(db);
        leases = std::make_unique<LeaseRepository>(db);
        groupLocks = std::make_unique<GroupLockRepository>(db);
        signOffs = std::make_unique<SignOffRepository>(db);
        launcher.setRule(QStringLiteral("*"), QStringLiteral("*"), FakeStepLauncher::Rule{150});
        return okStatus();
    }
    EngineServices services()
    {
        EngineServices s;
        s.runs = runs.get();
        s.leases = leases.get();
        s.groupLocks = groupLocks.get();
        s.signOffs = signOffs.get();
        s.audit = &audit;
        s.launcher = &launcher;
        return s;
    }
};

Plan planFor(const QList<Instance> &instances)
{
    auto runbook = RunbookLoader::loadString(kRunbook, QStringLiteral("cluster-upgrade.yaml"));
    if (!runbook)
        qFatal("%s", qPrintable(runbook.error().toString()));
    PlanRequest req;
    req.runbooks = {*runbook};
    req.instances = instances;
    req.targetVersion = QStringLiteral("1.1.0");
    auto plan = Planner::plan(req, QDateTime::currentDateTimeUtc());
    if (!plan)
        qFatal("cannot plan: %s", qPrintable(plan.error().toString()));
    return *plan;
}

RunRecord runningRun(const QString &operatorName)
{
    RunRecord r;
    r.runbookId = QStringLiteral("cluster-upgrade");
    r.product = QStringLiteral("demo");
    r.targetVersion = QStringLiteral("1.1.0");
    r.operatorName = operatorName;
    r.state = RunState::Running;
    return r;
}

// When an instance was in flight: from the intent of its first change-making step to the end of its
// last upgrade step, as the step log holds them.
struct InFlight
{
    QString instance;
    QDateTime from, to;
};

QList<InFlight> inFlight(RunRepository &runs, qint64 runId, const Runbook &runbook)
{
    QList<InFlight> out;
    const auto attempts = runs.attempts(runId);
    if (!attempts)
        return out;
    QHash<QString, InFlight> by;
    for (const StepResult &r : *attempts) {
        if (r.phase != RunPhase::Upgrade)
            continue;
        InFlight &f = by[r.instance];
        f.instance = r.instance;
        const StepSpec *spec = runbook.findStep(r.step);
        if (spec && StepKinds::changesSystem(*spec) && (!f.from.isValid() || r.startedAt < f.from))
            f.from = r.startedAt;
        if (!f.to.isValid() || r.finishedAt > f.to)
            f.to = r.finishedAt;
    }
    return by.values();
}

} // namespace

class TestTeamGroupLock : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;
    int m_connections = 0;
    QString connectionName() { return QStringLiteral("grouplock-%1").arg(++m_connections); }

private slots:
    void initTestCase()
    {
        if (const QString failure = m_backends.start(); !failure.isEmpty())
            QFAIL(qPrintable(failure));
    }

    void twoRunsNeverOverlapInOneGroup_data()
    {
        StoreBackends::addColumn();
        StoreBackends::addRows();
    }

    void twoRunsNeverOverlapInOneGroup()
    {
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        QVERIFY(!location.isEmpty());
        Console alice, bob;
        const Status openedA = alice.open(location, connectionName());
        QVERIFY2(openedA.ok(), qPrintable(openedA ? QString() : openedA.error().toString()));
        const Status openedB = bob.open(location, connectionName());
        QVERIFY2(openedB.ok(), qPrintable(openedB ? QString() : openedB.error().toString()));

        // Each run may upgrade two nodes at once; the cluster allows one at a time. The second cluster's
        // node is not held back by the first cluster's.
        const Plan planA = planFor({node(QStringLiteral("db-1"), QStringLiteral("a")), node(QStringLiteral("db-2"), QStringLiteral("a"))});
        const Plan planB = planFor({node(QStringLiteral("db-3"), QStringLiteral("a")), node(QStringLiteral("db-4"), QStringLiteral("a")),
                                    node(QStringLiteral("db-5"), QStringLiteral("b"))});
        QVERIFY(Planner::preview(planB, QDateTime::currentDateTimeUtc()).lock.contains(QStringLiteral("cluster=a (db-3, db-4)")));
        auto a = RunExecutor::create(planA, QStringLiteral("alice"), alice.services());
        QVERIFY2(a, qPrintable(a ? QString() : a.error().toString()));
        auto b = RunExecutor::create(planB, QStringLiteral("bob"), bob.services());
        QVERIFY2(b, qPrintable(b ? QString() : b.error().toString()));
        std::unique_ptr<RunExecutor> runA(*a), runB(*b);

        QStringList waitNotes;
        for (RunExecutor *run : {runA.get(), runB.get()})
            connect(run, &RunExecutor::instanceChanged, this, [&waitNotes](const InstanceProgress &p) {
                if (p.note.startsWith(QStringLiteral("waiting for lock")))
                    waitNotes << QStringLiteral("%1: %2").arg(p.instance, p.note);
            });
        QSignalSpy waitedB(runB.get(), &RunExecutor::instanceWaiting);
        QStringList told;   // the run's story, as lockstep-cli run and the progress timeline tell it
        connect(runB.get(), &RunExecutor::runEvent, this, [&told](const RunEvent &e) {
            if (e.kind == RunEvent::Kind::LockWaiting)
                told << RunNarration::describe(e);
        });
        QVERIFY(runA->start(QStringLiteral("alice")).ok());
        QVERIFY(runB->start(QStringLiteral("bob")).ok());

        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(runA->state()) && isTerminal(runB->state()), 60000);
        QCOMPARE(runA->state(), RunState::Succeeded);
        QCOMPARE(runB->state(), RunState::Succeeded);

        // The run that waited was told who holds the cluster: run, operator, console, instance.
        const QString heldByA = QStringLiteral("waiting for lock cluster=a held by run %1 (alice, console ").arg(runA->runId());
        bool named = false;
        for (const QString &n : std::as_const(waitNotes))
            if ((n.startsWith(QStringLiteral("db-3")) || n.startsWith(QStringLiteral("db-4"))) && n.contains(heldByA)
                && (n.contains(QStringLiteral("on instance db-1")) || n.contains(QStringLiteral("on instance db-2"))))
                named = true;
        QVERIFY2(named, qPrintable(waitNotes.join(QLatin1Char('\n'))));
        QVERIFY(!waitedB.isEmpty());   // the progress grid's row
        QVERIFY(waitedB.first().at(1).toString().startsWith(QStringLiteral("waiting for lock cluster=a held by run ")));
        QVERIFY2(!told.isEmpty(), "the wait is not in the run's story");
        QVERIFY2(told.first().startsWith(QStringLiteral("db-3 waiting for lock cluster=a held by run "))
                     || told.first().startsWith(QStringLiteral("db-4 waiting for lock cluster=a held by run ")),
                 qPrintable(told.join(QLatin1Char('\n'))));
        for (const QString &n : std::as_const(waitNotes))
            QVERIFY2(!n.startsWith(QStringLiteral("db-5")), qPrintable(n));   // cluster b never waits for cluster a

        QList<InFlight> cluster = inFlight(*alice.runs, runA->runId(), planA.runbook)
                                  + inFlight(*bob.runs, runB->runId(), planB.runbook);
        cluster.erase(std::remove_if(cluster.begin(), cluster.end(), [](const InFlight &f) { return f.instance == QLatin1String("db-5"); }),
                      cluster.end());
        QCOMPARE(cluster.size(), 4);
        for (int x = 0; x < cluster.size(); ++x) {
            QVERIFY(cluster[x].from.isValid() && cluster[x].to.isValid());
            for (int y = x + 1; y < cluster.size(); ++y)
                QVERIFY2(!(cluster[x].from < cluster[y].to && cluster[y].from < cluster[x].to),
                         qPrintable(QStringLiteral("%1 [%2, %3] overlaps %4 [%5, %6]")
                                        .arg(cluster[x].instance, cluster[x].from.toString(Qt::ISODateWithMs),
                                             cluster[x].to.toString(Qt::ISODateWithMs), cluster[y].instance,
                                             cluster[y].from.toString(Qt::ISODateWithMs), cluster[y].to.toString(Qt::ISODateWithMs))));
        }
        // Nothing stays held once both runs ended.
        auto holders = alice.groupLocks->holders(QStringLiteral("cluster=a"));
        QVERIFY(holders);
        QVERIFY(holders->isEmpty());
    }

    // A console that died stops refreshing its slots; after the lease timeout another run takes them.
    void deadConsoleSlotExpires_data()
    {
        StoreBackends::addColumn();
        StoreBackends::addRows();
    }

    void deadConsoleSlotExpires()
    {
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        QVERIFY(!location.isEmpty());
        Console alice, bob;
        const Status openedA = alice.open(location, connectionName());
        QVERIFY2(openedA.ok(), qPrintable(openedA ? QString() : openedA.error().toString()));
        const Status openedB = bob.open(location, connectionName());
        QVERIFY2(openedB.ok(), qPrintable(openedB ? QString() : openedB.error().toString()));
        ManualClock clock(QDateTime::currentDateTimeUtc());
        Clock::setInstance(&clock);
        auto a = alice.runs->create(runningRun(QStringLiteral("alice")));
        auto b = bob.runs->create(runningRun(QStringLiteral("bob")));
        QVERIFY(a && b);
        alice.groupLocks->setExpiry(std::chrono::seconds(30));
        bob.groupLocks->setExpiry(std::chrono::seconds(30));
        auto took = alice.groupLocks->take(QStringLiteral("cluster=a"), 1, *a, QStringLiteral("db-1"), QStringLiteral("alice"), QStringLiteral("one"));
        QVERIFY(took && took->taken);
        auto waits = bob.groupLocks->take(QStringLiteral("cluster=a"), 1, *b, QStringLiteral("db-3"), QStringLiteral("bob"), QStringLiteral("two"));
        QVERIFY(waits && !waits->taken);
        QCOMPARE(waits->holders.size(), 1);
        QCOMPARE(waits->holders[0].runId, *a);
        QCOMPARE(waits->holders[0].instance, QStringLiteral("db-1"));
        QCOMPARE(waits->holders[0].console, QStringLiteral("one"));
        // Refreshed within the timeout: still held.
        clock.set(clock.now().addSecs(20));
        QVERIFY(alice.groupLocks->heartbeat(*a).ok());
        clock.set(clock.now().addSecs(20));
        waits = bob.groupLocks->take(QStringLiteral("cluster=a"), 1, *b, QStringLiteral("db-3"), QStringLiteral("bob"), QStringLiteral("two"));
        QVERIFY(waits && !waits->taken);
        // Alice's console is gone: 31 s without a heartbeat.
        clock.set(clock.now().addSecs(11));
        took = bob.groupLocks->take(QStringLiteral("cluster=a"), 1, *b, QStringLiteral("db-3"), QStringLiteral("bob"), QStringLiteral("two"));
        QVERIFY(took && took->taken);
        auto holders = alice.groupLocks->holders(QStringLiteral("cluster=a"));
        QVERIFY(holders && holders->size() == 1 && holders->at(0).runId == *b);
        Clock::setInstance(nullptr);
    }
};

QTEST_GUILESS_MAIN(TestTeamGroupLock)
#include "tst_team_grouplock.moc"
