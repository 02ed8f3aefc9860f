#include "app/engine/RunExecutor.h"
#include "app/engine/TimeScale.h"
#include "models/Clock.h"
#include "tests/engine/EngineFixture.h"
#include "tests/engine/RoundGates.h"

#include <QSignalSpy>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;
using namespace std::chrono_literals;

namespace {

GateSpec gate(const QString &id)
{
    GateSpec g;
    g.id = id;
    g.metric = QStringLiteral("error_rate");
    g.threshold = 0.01;
    g.interval = 30s;
    g.count = 10;
    return g;
}

// One wave of every instance (three of a product, as an operator upgrades a small fleet), two gates.
Runbook oneWaveRunbook(OnFailure onFailure)
{
    Runbook r = makeRunbook();
    WaveSpec all;
    all.name = QStringLiteral("all");
    all.percent = 100;
    r.strategy.waves = {all};
    r.strategy.onFailure = onFailure;
    r.gates = {gate(QStringLiteral("error-rate")), gate(QStringLiteral("latency"))};
    return r;
}

// The one-wave runbook with a day-long watch after it: `gates` named (or all), `onFailure` its own.
Runbook watchedRunbook(OnFailure onFailure, const QStringList &gates = {})
{
    Runbook r = oneWaveRunbook(OnFailure::Pause);
    r.watch.duration = 24h;
    r.watch.gates = gates;
    r.watch.onFailure = onFailure;
    return r;
}

// Moves the test's clock; the system clock again when the test ends.
struct ClockGuard
{
    ManualClock clock{QDateTime::currentDateTimeUtc()};
    ClockGuard() { Clock::setInstance(&clock); }
    ~ClockGuard() { Clock::setInstance(nullptr); }
};

RunExecutor *createRun(EngineFixture &f, const Plan &plan, RoundGates &gates)
{
    EngineServices services = f.services();
    services.gates = &gates;
    auto run = RunExecutor::create(plan, QStringLiteral("alice"), services);
    if (!run)
        qFatal("cannot create the run: %s", qPrintable(run.error().toString()));
    return *run;
}

} // namespace

// Every wave is judged by the gates, the last one included, and after it the run can watch the fleet.
class TestWatch : public QObject
{
    Q_OBJECT

private slots:
    void oneWaveRunMeasuresItsGatesBeforeItSucceeds()
    {
        EngineFixture f;
        RoundGates gates;
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(oneWaveRunbook(OnFailure::Rollback), makeInstances(3)), gates));
        QList<RunState> states;
        connect(run.get(), &RunExecutor::runStateChanged, this, [&](RunState s) { states << s; });
        QSignalSpy finishedGates(run.get(), &RunExecutor::gateFinished);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Succeeded, 10000);
        QVERIFY(states.contains(RunState::Observing));
        QCOMPARE(gates.started.value(QStringLiteral("error-rate")), 1);
        QCOMPARE(gates.started.value(QStringLiteral("latency")), 1);
        QCOMPARE(gates.judged.value(QStringLiteral("error-rate")), 3);   // the whole wave
        QCOMPARE(finishedGates.size(), 2);
        QVERIFY(f.audit.has(QStringLiteral("gate.finished"), QStringLiteral("passed")));
    }

    void failedGateOnTheLastWaveRollsBackWhatRan()
    {
        EngineFixture f;
        RoundGates gates;
        gates.rounds.insert(QStringLiteral("error-rate"), {GateOutcome::State::Failed});
        gates.delayMs = 200;
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(oneWaveRunbook(OnFailure::Rollback), makeInstances(3)), gates));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::RolledBack, 10000);
        for (const QString &i : {QStringLiteral("i01"), QStringLiteral("i02"), QStringLiteral("i03")}) {
            QCOMPARE(run->progress(i).state, InstanceState::RolledBack);
            QCOMPARE(f.launcher.count(i + QStringLiteral("/downgrade/rollback")), 1);
        }
        QVERIFY(f.audit.has(QStringLiteral("gate.finished"), QStringLiteral("failed")));
    }

    void failedGateOnTheLastWavePausesUnderThePausePolicy()
    {
        EngineFixture f;
        RoundGates gates;
        gates.rounds.insert(QStringLiteral("latency"), {GateOutcome::State::Failed});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(oneWaveRunbook(OnFailure::Pause), makeInstances(3)), gates));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Paused, 10000);
        QVERIFY2(run->note().contains(QStringLiteral("gate latency")), qPrintable(run->note()));
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::Succeeded);   // the operator decides
        QCOMPARE(f.launcher.count(QStringLiteral("i01/downgrade/rollback")), 0);
    }

    void inconclusiveGateOnTheLastWaveAsksAPerson()
    {
        EngineFixture f;
        RoundGates gates;
        gates.rounds.insert(QStringLiteral("error-rate"), {GateOutcome::State::NeedsOperator});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(oneWaveRunbook(OnFailure::Rollback), makeInstances(3)), gates));
        QSignalSpy asked(run.get(), &RunExecutor::approvalNeeded);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::AwaitingApproval, 10000);
        QCOMPARE(asked.size(), 1);
        QVERIFY(run->approveNextWave(QStringLiteral("bob"), QStringLiteral("0.7 % is our normal")).ok());
        QCOMPARE(run->state(), RunState::Succeeded);
    }

    void lastWaveOfSeveralIsJudgedToo()
    {
        // Canary, 25 %, the rest: the final part of the fleet is measured like the waves before it.
        EngineFixture f;
        RoundGates gates;
        Runbook r = makeRunbook();
        r.gates = {gate(QStringLiteral("error-rate"))};
        r.strategy.onFailure = OnFailure::Rollback;
        gates.rounds.insert(QStringLiteral("error-rate"), {GateOutcome::State::Passed, GateOutcome::State::Passed,
                                                          GateOutcome::State::Failed});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(8)), gates));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::RolledBack, 10000);
        QCOMPARE(gates.started.value(QStringLiteral("error-rate")), 3);
        QCOMPARE(run->progress(QStringLiteral("i08")).state, InstanceState::RolledBack);
    }

    void watchPassesCleanAndTheRunSucceeds()
    {
        // A 24 h watch on a moved clock: the run watches, the gates measure round after round, and once
        // the day has passed with every round clean the run succeeds.
        ClockGuard time;
        EngineFixture f;
        RoundGates gates;
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(watchedRunbook(OnFailure::Rollback), makeInstances(3)), gates));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Watching, 10000);
        QCOMPARE(run->watchEnds(), time.clock.now().addSecs(24 * 3600));
        QCOMPARE(f.runs->find(run->runId())->state, RunState::Watching);
        QCOMPARE(f.runs->find(run->runId())->watchStartedAt, run->watchStartedAt());
        QVERIFY(f.audit.has(QStringLiteral("watch.started")));
        // The gates keep measuring while the day lasts.
        QTRY_VERIFY_WITH_TIMEOUT(gates.started.value(QStringLiteral("error-rate")) >= 4, 10000);
        QCOMPARE(run->state(), RunState::Watching);
        QCOMPARE(gates.judged.value(QStringLiteral("latency")), 3);   // the whole fleet
        time.clock.advance(24 * 3600 * 1000);
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Succeeded, 10000);
        QVERIFY(f.audit.has(QStringLiteral("watch.finished"), QStringLiteral("passed")));
        QVERIFY(!run->watchEnds().isValid());
    }

    void watchMeasuresOnlyTheGatesItNames()
    {
        ClockGuard time;
        EngineFixture f;
        RoundGates gates;
        std::unique_ptr<RunExecutor> run(createRun(
            f, makePlan(watchedRunbook(OnFailure::Rollback, {QStringLiteral("latency")}), makeInstances(3)), gates));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Watching, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(gates.started.value(QStringLiteral("latency")) >= 3, 10000);
        QCOMPARE(gates.started.value(QStringLiteral("error-rate")), 1);   // the last wave's gates only
    }

    void failingGateDuringTheWatchRollsBack()
    {
        // Hours into the watch the error rate climbs: everything the run upgraded is rolled back.
        ClockGuard time;
        EngineFixture f;
        RoundGates gates;
        gates.rounds.insert(QStringLiteral("error-rate"), {GateOutcome::State::Passed, GateOutcome::State::Passed,
                                                          GateOutcome::State::Passed, GateOutcome::State::Failed});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(watchedRunbook(OnFailure::Rollback), makeInstances(3)), gates));
        QList<RunState> states;
        connect(run.get(), &RunExecutor::runStateChanged, this, [&](RunState s) { states << s; });
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::RolledBack, 10000);
        QVERIFY(states.contains(RunState::Watching));
        for (const QString &i : {QStringLiteral("i01"), QStringLiteral("i02"), QStringLiteral("i03")})
            QCOMPARE(run->progress(i).state, InstanceState::RolledBack);
        QVERIFY(run->note().contains(QStringLiteral("3 rolled back")));
        QVERIFY(f.audit.has(QStringLiteral("gate.finished"), QStringLiteral("failed")));
    }

    void failingGateDuringAWatchThatPausesAsksTheOperator()
    {
        ClockGuard time;
        EngineFixture f;
        RoundGates gates;
        gates.rounds.insert(QStringLiteral("latency"), {GateOutcome::State::Passed, GateOutcome::State::Failed,
                                                       GateOutcome::State::Passed});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(watchedRunbook(OnFailure::Pause), makeInstances(3)), gates));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Paused, 10000);
        QVERIFY2(run->note().contains(QStringLiteral("during the watch")), qPrintable(run->note()));
        QCOMPARE(f.launcher.count(QStringLiteral("i01/downgrade")), 0);
        const QDateTime ends = run->watchEnds();
        // The operator looked and goes on watching: the watch's end stays where it was.
        time.clock.advance(3600 * 1000);
        QVERIFY(run->resume(QStringLiteral("bob"), QStringLiteral("a slow disk, fixed")).ok());
        QCOMPARE(run->state(), RunState::Watching);
        QCOMPARE(run->watchEnds(), ends);
        // Roll back all stays one action during the watch.
        QVERIFY(run->emergencyRollback(QStringLiteral("bob"), QStringLiteral("customers report errors")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::RolledBack, 10000);
        QCOMPARE(run->progress(QStringLiteral("i02")).state, InstanceState::RolledBack);
    }

    void rollingBackAllDuringTheWatchEndsIt()
    {
        // The console's "Roll back all" rolls back each upgraded instance: the watch stops measuring and
        // the run ends rolled back once they are.
        ClockGuard time;
        EngineFixture f;
        RoundGates gates;
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(watchedRunbook(OnFailure::Pause), makeInstances(3)), gates));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Watching, 10000);
        for (const QString &i : {QStringLiteral("i01"), QStringLiteral("i02"), QStringLiteral("i03")})
            QVERIFY(run->rollback(i, QStringLiteral("bob"), QStringLiteral("support tickets")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::RolledBack, 10000);
        QCOMPARE(gates.cancelled, 2);
        for (const QString &i : {QStringLiteral("i01"), QStringLiteral("i02"), QStringLiteral("i03")})
            QCOMPARE(run->progress(i).state, InstanceState::RolledBack);
    }

    void endingTheWatchEarlyNeedsAReasonAndIsAudited()
    {
        ClockGuard time;
        EngineFixture f;
        RoundGates gates;
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(watchedRunbook(OnFailure::Rollback), makeInstances(3)), gates));
        QVERIFY(!run->endWatch(QStringLiteral("bob"), QStringLiteral("too early")).ok());   // not watching yet
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Watching, 10000);
        time.clock.advance(2 * 3600 * 1000);
        QVERIFY(!run->endWatch(QStringLiteral("bob"), QStringLiteral("  ")).ok());
        QCOMPARE(run->state(), RunState::Watching);
        QVERIFY(run->endWatch(QStringLiteral("bob"), QStringLiteral("change freeze starts; metrics flat for 2 h")).ok());
        QCOMPARE(run->state(), RunState::Succeeded);
        bool audited = false;
        for (const EngineAuditEntry &e : f.audit.entries)
            if (e.action == QLatin1String("watch.ended-early")) {
                audited = true;
                QCOMPARE(e.operatorName, QStringLiteral("bob"));
                QVERIFY(e.reason.contains(QStringLiteral("change freeze")));
                QCOMPARE(e.evidence.value(QStringLiteral("seconds_left")).toInteger(), 22 * 3600);
            }
        QVERIFY(audited);
        QCOMPARE(gates.cancelled, 2);   // both gates' rounds in flight stopped measuring
    }

    void restartedConsoleResumesTheWatchWithTheTimeLeft()
    {
        // The console is killed 20 h into the watch; restored, the run waits for the operator, and resumed
        // it watches the 4 h that are left (from the stored start), then succeeds.
        ClockGuard time;
        EngineFixture f;
        RoundGates gates;
        const Plan plan = makePlan(watchedRunbook(OnFailure::Rollback), makeInstances(3));
        qint64 runId = 0;
        QDateTime ends;
        {
            std::unique_ptr<RunExecutor> run(createRun(f, plan, gates));
            runId = run->runId();
            QVERIFY(run->start(QStringLiteral("alice")).ok());
            QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Watching, 10000);
            ends = run->watchEnds();
            time.clock.advance(20 * 3600 * 1000);
        }
        QCOMPARE(f.runs->find(runId)->state, RunState::Watching);
        EngineServices services = f.services();
        services.gates = &gates;
        auto restored = RunExecutor::restore(runId, plan, services);
        QVERIFY2(restored.ok(), qPrintable(restored.ok() ? QString() : restored.error().toString()));
        std::unique_ptr<RunExecutor> run(*restored);
        QCOMPARE(run->state(), RunState::Paused);
        QVERIFY2(run->note().contains(QStringLiteral("during the watch")), qPrintable(run->note()));
        QCOMPARE(run->watchEnds(), ends);
        QVERIFY(run->resume(QStringLiteral("alice")).ok());
        QCOMPARE(run->state(), RunState::Watching);
        QCOMPARE(run->watchEnds(), ends);
        QCOMPARE(time.clock.now().secsTo(run->watchEnds()), 4 * 3600);
        QTRY_VERIFY_WITH_TIMEOUT(gates.started.value(QStringLiteral("error-rate")) >= 3, 10000);
        QCOMPARE(run->state(), RunState::Watching);
        time.clock.advance(4 * 3600 * 1000);
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Succeeded, 10000);
    }

    void watchOfTheDemoTimeScaleTakesMinutes()
    {
        Runbook r = watchedRunbook(OnFailure::Rollback);
        PlanRequest request;
        request.runbooks = {r};
        request.instances = makeInstances(3);
        request.targetVersion = QStringLiteral("1.1.0");
        request.timeScale = 20;
        auto plan = Planner::plan(request, QDateTime::currentDateTimeUtc());
        QVERIFY(plan.ok());
        QCOMPARE(plan->runbook.watch.duration, TimeScale::kDemoWatch);
        r.watch.duration = 20min;
        request.runbooks = {r};
        QCOMPARE(Planner::plan(request, QDateTime::currentDateTimeUtc())->runbook.watch.duration, Millis(1min));
    }
};

QTEST_GUILESS_MAIN(TestWatch)
#include "tst_watch.moc"
