#include "app/engine/RunExecutor.h"
#include "app/engine/StepDispatcher.h"
#include "app/engine/TimeScale.h"
#include "models/Clock.h"
#include "models/run/PlanCodec.h"
#include "tests/engine/EngineFixture.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace lockstep;
using namespace lockstep::test;
using namespace std::chrono_literals;

namespace {

// A gate that ends the way the test says after `delayMs` (a failure measures 8 % errors first), or
// measures forever (-1) until cancelled.
class ScriptedGateRun final : public GateRun
{
public:
    ScriptedGateRun(const QString &id, int delayMs, GateOutcome::State state, int *cancelled, QObject *parent)
        : GateRun(parent), m_cancelled(cancelled)
    {
        if (delayMs < 0)
            return;
        QTimer::singleShot(delayMs, this, [this, id, state] {
            if (m_done)
                return;
            m_done = true;
            GateMeasurement m;
            m.time = Clock::instance().now();
            m.value = state == GateOutcome::State::Failed ? 0.08 : 0.001;
            m.verdict = state == GateOutcome::State::Failed ? GateMeasurement::Verdict::Fail : GateMeasurement::Verdict::Pass;
            m.reason = QStringLiteral("error_rate %1 %2 0.01").arg(*m.value).arg(state == GateOutcome::State::Failed ? u'>' : u'<');
            emit measured(m);
            GateOutcome o;
            o.state = state;
            o.summary = QStringLiteral("gate %1 (error_rate): failure limit 1 reached: %2").arg(id, m.reason);
            o.measurements = {m};
            emit finished(o);
        });
    }
    void cancel() override
    {
        if (!m_done)
            ++*m_cancelled;
        m_done = true;
    }

private:
    int *m_cancelled;
    bool m_done = false;
};

class ScriptedGates final : public GateEvaluator
{
public:
    struct Script
    {
        int delayMs = 0;
        GateOutcome::State state = GateOutcome::State::Passed;
    };
    GateRun *start(const GateSpec &gate, const QList<Instance> &, const QList<Instance> &, const QDateTime &,
                   QObject *parent) override
    {
        const Script s = scripts.value(gate.id);
        return new ScriptedGateRun(gate.id, s.delayMs, s.state, &cancelled, parent);
    }
    QHash<QString, Script> scripts;
    int cancelled = 0;
};

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

// Canary, then the rest; an hour of observation between them; two gates; failures roll back.
Runbook observedRunbook()
{
    Runbook r = makeRunbook();
    WaveSpec canary;
    canary.name = QStringLiteral("canary");
    canary.count = 1;
    WaveSpec rest;
    rest.percent = 100;
    r.strategy.waves = {canary, rest};
    r.strategy.observe = 1h;
    r.strategy.autoPromote = false;
    r.strategy.onFailure = OnFailure::Rollback;
    r.gates = {gate(QStringLiteral("error-rate")), gate(QStringLiteral("latency"))};
    return r;
}

RunExecutor *createRun(EngineFixture &f, const Plan &plan, ScriptedGates &gates)
{
    EngineServices services = f.services();
    services.gates = &gates;
    auto run = RunExecutor::create(plan, QStringLiteral("alice"), services);
    if (!run)
        qFatal("cannot create the run: %s", qPrintable(run.error().toString()));
    return *run;
}

} // namespace

// When a gate reaches its failure limit the failure policy acts that moment — not when the observation
// would have ended — and every rollback shows in the run's state as it happens, whatever started it.
class TestFailurePolicy : public QObject
{
    Q_OBJECT

private slots:
    void failedGateBetweenWavesRollsBackAtOnce()
    {
        // Headless (no countdown, as lockstep-cli runs): the rollback starts when the gate fails, an hour
        // of observation left; the other gate's measuring is cancelled and reports nothing.
        EngineFixture f;
        ScriptedGates gates;
        gates.scripts.insert(QStringLiteral("error-rate"), {200, GateOutcome::State::Failed});
        gates.scripts.insert(QStringLiteral("latency"), {-1, GateOutcome::State::Passed});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(observedRunbook(), makeInstances(4)), gates));
        QSignalSpy finishedGates(run.get(), &RunExecutor::gateFinished);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Observing, 10000);
        QVERIFY(run->observationEnds().isValid());
        QVERIFY(Clock::instance().now().secsTo(run->observationEnds()) > 3000);   // the hour of observation
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::RolledBack, 10000);
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::RolledBack);
        QCOMPARE(run->progress(QStringLiteral("i02")).state, InstanceState::Pending);
        QCOMPARE(gates.cancelled, 1);
        QCOMPARE(finishedGates.size(), 1);
        QCOMPARE(finishedGates.first().at(0).toString(), QStringLiteral("error-rate"));
        QVERIFY(f.audit.has(QStringLiteral("rollback.started"), {}, QStringLiteral("i01")));
        QVERIFY(!run->observationEnds().isValid());
    }

    void failedGateBetweenWavesStartsTheCountdownAtOnce()
    {
        // The console's countdown appears when the gate fails, naming the gate, its value and the
        // instances it rolls back.
        EngineFixture f;
        ScriptedGates gates;
        gates.scripts.insert(QStringLiteral("error-rate"), {200, GateOutcome::State::Failed});
        gates.scripts.insert(QStringLiteral("latency"), {-1, GateOutcome::State::Passed});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(observedRunbook(), makeInstances(4)), gates));
        run->setRollbackCountdown(10min);
        QSignalSpy scheduled(run.get(), &RunExecutor::rollbackScheduled);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(scheduled.wait(10000));
        QCOMPARE(run->state(), RunState::RollingBack);
        QVERIFY(scheduled.first().at(1).toString().contains(QStringLiteral("gate error-rate")));
        QVERIFY(scheduled.first().at(1).toString().contains(QStringLiteral("0.08")));
        QCOMPARE(scheduled.first().at(2).toStringList(), QStringList{QStringLiteral("i01")});
        QCOMPARE(gates.cancelled, 1);
        QVERIFY(run->rollbackNow(QStringLiteral("bob")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::RolledBack, 10000);
    }

    void failedGateBetweenWavesPausesAtOnceUnderThePausePolicy()
    {
        EngineFixture f;
        ScriptedGates gates;
        gates.scripts.insert(QStringLiteral("error-rate"), {200, GateOutcome::State::Failed});
        gates.scripts.insert(QStringLiteral("latency"), {-1, GateOutcome::State::Passed});
        Runbook r = observedRunbook();
        r.strategy.onFailure = OnFailure::Pause;
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(4)), gates));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Paused, 10000);
        QVERIFY(run->note().contains(QStringLiteral("gate error-rate")));
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::Succeeded);   // the operator decides
    }

    void failedGateStepCountsDownForItsInstance()
    {
        // A `gate:` step inside the wave reaches its failure limit: the countdown starts that moment for
        // the instance the gate judged; nothing more of the wave starts meanwhile.
        EngineFixture f;
        ScriptedGates gates;
        gates.scripts.insert(QStringLiteral("error-rate"), {200, GateOutcome::State::Failed});
        StepDispatcher dispatcher;
        dispatcher.setGateEvaluator(&gates);
        f.launcher.fallback = &dispatcher;
        Runbook r = observedRunbook();
        StepSpec monitor = makeStep(QStringLiteral("monitor"), StepKind::Gate);
        monitor.gate = QStringLiteral("error-rate");
        r.steps << monitor;
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(4)), gates));
        run->setRollbackCountdown(10min);
        QSignalSpy scheduled(run.get(), &RunExecutor::rollbackScheduled);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(scheduled.wait(10000));
        QCOMPARE(run->state(), RunState::RollingBack);
        QCOMPARE(scheduled.first().at(2).toStringList(), QStringList{QStringLiteral("i01")});
        QVERIFY(scheduled.first().at(1).toString().contains(QStringLiteral("gate step monitor failed on i01")));
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::Failed);
        // Cancelled: nothing is rolled back and the operator decides.
        QVERIFY(run->cancelRollback(QStringLiteral("bob"), QStringLiteral("looking first")).ok());
        QCOMPARE(run->state(), RunState::Paused);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/downgrade/rollback")), 0);
        QVERIFY(run->rollback(QStringLiteral("i01"), QStringLiteral("bob"), QStringLiteral("bad canary")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->progress(QStringLiteral("i01")).state, InstanceState::RolledBack, 10000);
    }

    void inWaveFailureShowsRollingBackWhileItRollsBack()
    {
        // A step fails inside the wave and the policy rolls back: the run says "rolling-back" while the
        // rollback steps run, not "running" until they are done.
        EngineFixture f;
        ScriptedGates gates;
        Runbook r = observedRunbook();
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("verify"), {0, StepOutcome::Failed, 1, -1});
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("restore"), {500, StepOutcome::Succeeded, 0, -1});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(4)), gates));
        QList<RunState> states;
        connect(run.get(), &RunExecutor::runStateChanged, this, [&](RunState s) { states << s; });
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->progress(QStringLiteral("i01")).state, InstanceState::RollingBack, 10000);
        QCOMPARE(run->state(), RunState::RollingBack);
        QVERIFY(run->note().contains(QStringLiteral("failure budget")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::RolledBack, 10000);
        QVERIFY(states.contains(RunState::RollingBack));
        QCOMPARE(f.launcher.count(QStringLiteral("i01/restore/rollback")), 1);
    }

    void timeScaleShortensWaitsAndIsStoredWithTheRun()
    {
        Runbook r = observedRunbook();
        r.strategy.observe = 10min;
        StepSpec soak = makeStep(QStringLiteral("soak"), StepKind::Wait);
        soak.waitFor = 2min;
        soak.timeout = 10min;
        r.steps << soak;
        PlanRequest request;
        request.runbooks = {r};
        request.instances = makeInstances(4);
        request.targetVersion = QStringLiteral("1.1.0");
        request.timeScale = 20;
        auto plan = Planner::plan(request, QDateTime::currentDateTimeUtc());
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
        QCOMPARE(plan->timeScale, 20);
        QCOMPARE(plan->runbook.strategy.observe, Millis(30s));
        QCOMPARE(plan->runbook.gates.first().interval, Millis(1500));
        QCOMPARE(plan->runbook.gates.first().count, 10);                       // as many measurements
        QCOMPARE(plan->runbook.findStep(QStringLiteral("soak"))->waitFor, Millis(6s));
        QCOMPARE(plan->runbook.findStep(QStringLiteral("soak"))->timeout, Millis(10min));   // guards real work
        QCOMPARE(Planner::preview(*plan, QDateTime::currentDateTimeUtc()).timeScale, 20);
        request.timeScale = 0;
        QVERIFY(!Planner::plan(request, QDateTime::currentDateTimeUtc()).ok());

        // Stored with the run: after a restart the runbook (from its original text) waits as little.
        PlanRequest real = request;
        real.timeScale = 1;
        QCOMPARE(Planner::plan(real, QDateTime::currentDateTimeUtc())->runbook.strategy.observe, Millis(10min));
        auto decoded = PlanCodec::decode(PlanCodec::encode(*plan), r, {});
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->timeScale, 20);
        QCOMPARE(TimeScale::apply(decoded->runbook, decoded->timeScale).strategy.observe, Millis(30s));
    }
};

QTEST_GUILESS_MAIN(TestFailurePolicy)
#include "tst_failurepolicy.moc"
