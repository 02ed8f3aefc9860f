#include "app/engine/RunExecutor.h"
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
};

QTEST_GUILESS_MAIN(TestWatch)
#include "tst_watch.moc"
