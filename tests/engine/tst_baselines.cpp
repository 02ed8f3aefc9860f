// Gate baselines through the engine, against a real lockstep-fleetsim (and a real Prometheus for the
// PromQL path): the engine records when each instance's upgrade started (the intent time of its first
// change-making step), a `pre-upgrade` baseline reads the window before it, and a release that doubles
// the error rate or the latency fails against it while an unchanged one passes. `not-upgraded` compares a
// `gate:` step's instance with the run's instances nothing changed yet.
#include "app/engine/EngineRuntime.h"
#include "app/identity/OperatorIdentity.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/RunRecovery.h"
#include "app/runbook/RunbookLoader.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/RunRepository.h"
#include "tests/engine/FakeStepLauncher.h"
#include "tests/support/FleetSim.h"
#include "tests/support/Prometheus.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const QString kProduct = QStringLiteral("webwaka-platform");
const QString kTarget = QStringLiteral("1.5.0");
constexpr int kWindowMs = 2000;   // the gates' window (EngineRuntime::Options::gateMinimumWindow)

// A read-only pre-check and a settle wait (neither starts the upgrade: the window before it fills with
// scrapes), then the upgrade through fleetsim's API. GATE_STEP is replaced by a `gate:` step or nothing,
// GATES by the gates, WAVES by the strategy's waves.
const char *kRunbook = R"(
runbook: platform-baselines
product: webwaka-platform
strategy:
  waves: WAVES
  max_parallel: PARALLEL
  between_waves: {observe: 100ms, then: promote}
  failure_budget: {max_failed: 0}
  on_failure: rollback
steps:
  - id: pre-check
    http: "GET {{instance.url}}/health"
    expect: {status: [200]}
  - id: settle
    wait: 2500ms
  - id: upgrade
    http: "POST {{instance.api}}/instances/{{instance.name}}/upgrade"
    body: {version: "{{version}}"}
    expect: {status: [202]}
    undo: restore-previous
  - id: healthy
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 10s
    poll_interval: 100ms
GATE_STEP
gates:
GATES
rollback_steps:
  - id: restore-previous
    http: "POST {{instance.api}}/instances/{{instance.name}}/rollback"
    expect: {status: [202]}
)";

// The error rate may grow by half over its baseline (a good release: 0.2 %, twice that fails).
const char *kErrorRateGate = R"(  - id: error-rate
    metric: error_rate
    below: 0.001
    baseline: BASELINE
    tolerance: 0.5
    interval: 500ms
    count: 3
    failure_limit: 1
    initial_delay: 1s
    no_data: fail)";

// p95 latency from Prometheus, against its own value before the upgrade.
const char *kPromqlLatencyGate = R"(  - id: p95
    promql: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{{{selector}}}[{{window}}])))'
    below: 0.01
    baseline: pre-upgrade
    tolerance: 0.5
    interval: 500ms
    count: 3
    failure_limit: 1
    initial_delay: 1s
    no_data: fail)";

struct RunbookShape
{
    QString waves = QStringLiteral("[{count: 1, name: canary}, {percent: 100}]");
    int parallel = 2;
    QString gates;
    QString gateStep;
};

QString runbookText(const RunbookShape &shape)
{
    QString text = QString::fromUtf8(kRunbook);
    text.replace(QLatin1String("WAVES"), shape.waves);
    text.replace(QLatin1String("PARALLEL"), QString::number(shape.parallel));
    text.replace(QLatin1String("GATE_STEP"), shape.gateStep);
    text.replace(QLatin1String("GATES"), shape.gates);
    return text;
}

QString errorRateGate(const QString &baseline)
{
    return QString::fromUtf8(kErrorRateGate).replace(QLatin1String("BASELINE"), baseline);
}

QList<Instance> fleet(const FleetSim &sim, int n)
{
    QList<Instance> out;
    for (int i = 1; i <= n; ++i) {
        Instance inst;
        inst.name = QStringLiteral("node-%1").arg(i, 4, 10, QLatin1Char('0'));
        inst.product = kProduct;
        inst.baseUrl = sim.instanceUrl(inst.name);
        inst.apiUrl = sim.apiUrl();
        inst.currentVersion = QStringLiteral("1.4.2");
        out << inst;
    }
    return out;
}

QString versionOf(const FleetSim &sim, const QString &name)
{
    return sim.get(QStringLiteral("/api/instances/") + name).json().toObject().value(QStringLiteral("version")).toString();
}

Plan planFor(const QString &text, const QList<Instance> &instances)
{
    auto runbook = RunbookLoader::loadString(text, QStringLiteral("platform-baselines.yaml"));
    if (!runbook)
        qFatal("runbook: %s", qPrintable(runbook.error().toString()));
    PlanRequest request;
    request.runbooks = {*runbook};
    request.instances = instances;
    request.targetVersion = kTarget;
    auto plan = Planner::plan(request, Clock::instance().now());
    if (!plan)
        qFatal("plan: %s", qPrintable(plan.error().toString()));
    plan->runbookSource = text;
    return *plan;
}

struct Harness
{
    QTemporaryDir dir;
    Database db;
    RecordingAuditSink audit;
    std::unique_ptr<EngineRuntime> runtime;

    explicit Harness(const QUrl &prometheus = {})
    {
        if (!db.open(dir.filePath(QStringLiteral("lockstep.db")), QStringLiteral("baselines")))
            qFatal("cannot open the store");
        EngineRuntime::Options options;
        options.scrapeInterval = std::chrono::milliseconds(250);
        options.gateMinimumWindow = std::chrono::milliseconds(kWindowMs);
        options.prometheusUrl = prometheus;
        runtime = std::make_unique<EngineRuntime>(db, &audit, options);
    }

    // The intent time of `step` on `instance`, as stored in the write-ahead log.
    QDateTime storedIntent(qint64 runId, const QString &instance, const QString &step)
    {
        const auto attempts = runtime->runs().attempts(runId);
        if (!attempts)
            return {};
        for (const StepResult &a : *attempts)
            if (a.instance == instance && a.step == step && a.phase == RunPhase::Upgrade)
                return a.startedAt;
        return {};
    }
};

struct Measured
{
    QString gate;
    GateMeasurement measurement;
};

} // namespace

class TestBaselines : public QObject
{
    Q_OBJECT

    FleetSim m_sim;

    void startSim(int instances)
    {
        m_sim.stop();
        if (const QString failure = m_sim.start({QStringLiteral("--instances"), QString::number(instances),
                                                 QStringLiteral("--upgrade-ms"), QStringLiteral("200")});
            !failure.isEmpty())
            QFAIL(qPrintable(failure));
    }

    static std::unique_ptr<RunExecutor> create(Harness &h, const Plan &plan, QList<Measured> *measured)
    {
        // The console scrapes a run's instances from the moment it has the run (ConsoleSession::adopt).
        QList<Instance> instances;
        for (const Wave &w : plan.waves)
            instances << w.instances;
        h.runtime->watch(instances);
        auto created = RunExecutor::create(plan, QStringLiteral("alice"), h.runtime->services());
        if (!created)
            qFatal("create: %s", qPrintable(created.error().toString()));
        std::unique_ptr<RunExecutor> run(*created);
        QObject::connect(run.get(), &RunExecutor::gateMeasured, run.get(),
                         [measured](const QString &gate, const GateMeasurement &m) { measured->append({gate, m}); });
        return run;
    }

private slots:
    void init() { startSim(3); }
    void cleanupTestCase() { m_sim.stop(); }

    // An unchanged error rate passes against the window before each wave's upgrade; that window ends at
    // the intent time of the instance's first change-making step (not the read-only pre-check, not the
    // settle wait), as the store has it.
    void preUpgradeBaselineSteadyPasses()
    {
        Harness h;
        const QList<Instance> instances = fleet(m_sim, 2);
        RunbookShape shape;
        shape.gates = errorRateGate(QStringLiteral("pre-upgrade"));
        QList<Measured> measured;
        auto run = create(h, planFor(runbookText(shape), instances), &measured);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 90000);
        QVERIFY2(run->state() == RunState::Succeeded, qPrintable(run->note()));
        QCOMPARE(versionOf(m_sim, QStringLiteral("node-0001")), kTarget);
        QCOMPARE(versionOf(m_sim, QStringLiteral("node-0002")), kTarget);

        QCOMPARE(measured.size(), 6);   // three per wave
        for (int i = 0; i < measured.size(); ++i) {
            const QString instance = i < 3 ? QStringLiteral("node-0001") : QStringLiteral("node-0002");
            const GateMeasurement &m = measured[i].measurement;
            QVERIFY2(m.verdict == GateMeasurement::Verdict::Pass, qPrintable(m.reason));
            // Compared with a real reading of the release's 0.2 % errors, not a zero from 1970.
            QVERIFY2(m.baseline && *m.baseline > 0.0015 && *m.baseline < 0.0025, qPrintable(m.reason));
            const QDateTime started = h.storedIntent(run->runId(), instance, QStringLiteral("upgrade"));
            QVERIFY(started.isValid());
            QCOMPARE(run->upgradeStarted(instance), started);
            QCOMPARE(m.baselineTo, started);
            QCOMPARE(m.baselineFrom, started.addMSecs(-kWindowMs));
            QVERIFY(h.storedIntent(run->runId(), instance, QStringLiteral("settle")) < started);
            QVERIFY2(m.reason.contains(QStringLiteral("before the upgrade started")), qPrintable(m.reason));
        }
    }

    // The new release doubles the error rate: the canary's gate fails against its pre-upgrade baseline,
    // the failure policy rolls the canary back, and the second wave never starts.
    void preUpgradeBaselineDoubledFailsAndRollsBack()
    {
        QVERIFY(m_sim.setReleaseDegradation(kProduct, kTarget, 2.0));
        Harness h;
        const QList<Instance> instances = fleet(m_sim, 2);
        RunbookShape shape;
        shape.gates = errorRateGate(QStringLiteral("pre-upgrade"));
        QList<Measured> measured;
        auto run = create(h, planFor(runbookText(shape), instances), &measured);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 90000);
        QVERIFY2(run->state() == RunState::RolledBack, qPrintable(run->note()));
        QCOMPARE(run->progress(QStringLiteral("node-0001")).state, InstanceState::RolledBack);
        QCOMPARE(run->progress(QStringLiteral("node-0002")).state, InstanceState::Pending);
        QTRY_COMPARE_WITH_TIMEOUT(versionOf(m_sim, QStringLiteral("node-0001")), QStringLiteral("1.4.2"), 20000);
        QCOMPARE(versionOf(m_sim, QStringLiteral("node-0002")), QStringLiteral("1.4.2"));

        QVERIFY(!measured.isEmpty());
        const GateMeasurement &failed = measured.last().measurement;
        QVERIFY2(failed.verdict == GateMeasurement::Verdict::Fail, qPrintable(failed.reason));
        QVERIFY2(failed.baseline && *failed.baseline > 0.0015 && *failed.baseline < 0.0025, qPrintable(failed.reason));
        QVERIFY2(failed.value && *failed.value > 0.003, qPrintable(failed.reason));
        QCOMPARE(failed.baselineTo, h.storedIntent(run->runId(), QStringLiteral("node-0001"), QStringLiteral("upgrade")));
        QVERIFY(h.audit.has(QStringLiteral("rollback.finished"), {}, QStringLiteral("node-0001")));
    }

    // The console dies after the upgrade step; the restored run has the same upgrade start (from the
    // stored intents) and its gate compares with the window before it.
    void resumedRunKeepsTheUpgradeStart()
    {
        Harness h;
        const QList<Instance> instances = fleet(m_sim, 1);
        RunbookShape shape;
        shape.waves = QStringLiteral("[{percent: 100}]");
        shape.gates = errorRateGate(QStringLiteral("pre-upgrade"));
        shape.gateStep = QStringLiteral("  - id: look\n    manual: \"Look at {{instance.name}}\"");
        const Plan plan = planFor(runbookText(shape), instances);
        QList<Measured> measured;
        auto run = create(h, plan, &measured);
        const qint64 runId = run->runId();
        QSignalSpy waiting(run.get(), &RunExecutor::manualStepWaiting);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(waiting.size(), 1, 30000);
        const QDateTime started = run->upgradeStarted(QStringLiteral("node-0001"));
        QVERIFY(started.isValid());
        QCOMPARE(started, h.storedIntent(runId, QStringLiteral("node-0001"), QStringLiteral("upgrade")));
        run.reset();   // the console stops: the manual step has no result

        RunRecovery recovery(h.runtime->services());
        QVERIFY(recovery.scan(runId));
        auto restored = RunExecutor::restore(runId, plan, h.runtime->services());
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().toString()));
        run.reset(*restored);
        QCOMPARE(run->upgradeStarted(QStringLiteral("node-0001")), started);
        connect(run.get(), &RunExecutor::gateMeasured, run.get(),
                [&measured](const QString &gate, const GateMeasurement &m) { measured.append({gate, m}); });
        QSignalSpy askedAgain(run.get(), &RunExecutor::manualStepWaiting);
        QVERIFY(run->resume(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(askedAgain.size(), 1, 30000);
        QVERIFY(run->confirmManual(QStringLiteral("node-0001"), QStringLiteral("alice"), QStringLiteral("looks fine")));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 60000);
        QVERIFY2(run->state() == RunState::Succeeded, qPrintable(run->note()));
        QCOMPARE(measured.size(), 3);
        for (const Measured &m : std::as_const(measured)) {
            QVERIFY2(m.measurement.verdict == GateMeasurement::Verdict::Pass, qPrintable(m.measurement.reason));
            QCOMPARE(m.measurement.baselineTo, started);
        }
    }

    // A `gate:` step compares its instance with the run's instances nothing changed yet: the first
    // instance on a release with twice the errors fails its step and is rolled back.
    void notUpgradedInAGateStepFailsADoubledRelease()
    {
        QVERIFY(m_sim.setReleaseDegradation(kProduct, kTarget, 2.0));
        Harness h;
        const QList<Instance> instances = fleet(m_sim, 3);
        RunbookShape shape;
        shape.waves = QStringLiteral("[{percent: 100}]");
        shape.parallel = 1;
        shape.gates = errorRateGate(QStringLiteral("not-upgraded"));
        shape.gateStep = QStringLiteral("  - id: compare\n    gate: error-rate");
        QList<Measured> measured;
        auto run = create(h, planFor(runbookText(shape), instances), &measured);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 90000);
        QVERIFY2(run->state() == RunState::RolledBack, qPrintable(run->note()));
        QCOMPARE(run->progress(QStringLiteral("node-0001")).state, InstanceState::RolledBack);
        QVERIFY(!measured.isEmpty());
        const GateMeasurement &failed = measured.last().measurement;
        QVERIFY2(failed.verdict == GateMeasurement::Verdict::Fail, qPrintable(failed.reason));
        QVERIFY2(failed.baseline && *failed.baseline > 0.0015 && *failed.baseline < 0.0025, qPrintable(failed.reason));
        QCOMPARE(versionOf(m_sim, QStringLiteral("node-0002")), QStringLiteral("1.4.2"));
        QCOMPARE(versionOf(m_sim, QStringLiteral("node-0003")), QStringLiteral("1.4.2"));
    }

    // An unchanged release passes its `gate:` steps against the instances not upgraded yet; the last
    // instance has none left to compare with: its gate asks a person instead of passing or failing, and
    // so does the same gate after the (last) wave.
    void notUpgradedInAGateStepPassesAndTheLastAsks()
    {
        Harness h;
        const QList<Instance> instances = fleet(m_sim, 2);
        RunbookShape shape;
        shape.waves = QStringLiteral("[{percent: 100}]");
        shape.parallel = 1;
        shape.gates = errorRateGate(QStringLiteral("not-upgraded"));
        shape.gateStep = QStringLiteral("  - id: compare\n    gate: error-rate");
        QList<Measured> measured;
        auto run = create(h, planFor(runbookText(shape), instances), &measured);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(run->waitsOnInconclusiveGate(QStringLiteral("node-0002")), 60000);
        QCOMPARE(run->progress(QStringLiteral("node-0001")).state, InstanceState::Succeeded);
        QCOMPARE(measured.size(), 3 + 1);
        for (int i = 0; i < 3; ++i) {
            const GateMeasurement &m = measured[i].measurement;
            QVERIFY2(m.verdict == GateMeasurement::Verdict::Pass, qPrintable(m.reason));
            QVERIFY2(m.baseline && *m.baseline > 0.0015 && *m.baseline < 0.0025, qPrintable(m.reason));
        }
        const GateMeasurement &asks = measured.last().measurement;
        QCOMPARE(asks.verdict, GateMeasurement::Verdict::Inconclusive);
        QVERIFY2(asks.reason.contains(QStringLiteral("no not-yet-upgraded instances")), qPrintable(asks.reason));
        QVERIFY(run->confirmManual(QStringLiteral("node-0002"), QStringLiteral("alice"), QStringLiteral("compared by hand")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::AwaitingApproval, 60000);
        QVERIFY(run->gatesInconclusive());
        QVERIFY2(run->note().contains(QStringLiteral("no not-yet-upgraded instances")), qPrintable(run->note()));
        // The person at this console (the store's identity) accepts it.
        const Status approved = run->approveNextWave(h.runtime->identity().name(), QStringLiteral("no old instance left"));
        QVERIFY2(approved, qPrintable(approved ? QString() : approved.error().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 60000);
        QVERIFY2(run->state() == RunState::Succeeded, qPrintable(run->note()));
    }

    // A PromQL baseline is evaluated by Prometheus at the upgrade start (never at time 0): the same p95
    // passes, twice the latency fails and rolls back. Wave 2 judges two instances: its window ends at
    // the earlier of their upgrade starts.
    void promqlBaselineAtTheUpgradeStart_data()
    {
        QTest::addColumn<double>("degradation");
        QTest::newRow("steady") << 1.0;
        QTest::newRow("doubled latency") << 2.0;
    }
    void promqlBaselineAtTheUpgradeStart()
    {
        QFETCH(double, degradation);
        QVERIFY(m_sim.setReleaseDegradation(kProduct, kTarget, degradation));
        const QList<Instance> instances = fleet(m_sim, 3);
        Prometheus prometheus;
        QList<Prometheus::Target> targets;
        for (const Instance &i : instances)
            targets.append({i.name, i.baseUrl});
        if (const QString failure = prometheus.start(targets, std::chrono::milliseconds(500)); !failure.isEmpty())
            QFAIL(qPrintable(failure));
        QVERIFY(prometheus.waitForScrapes(2));
        Harness h(prometheus.baseUrl());
        RunbookShape shape;
        shape.parallel = 2;
        shape.gates = QString::fromUtf8(kPromqlLatencyGate);
        QList<Measured> measured;
        auto run = create(h, planFor(runbookText(shape), instances), &measured);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 90000);
        QVERIFY(!measured.isEmpty());
        const QDateTime canaryStart = h.storedIntent(run->runId(), QStringLiteral("node-0001"), QStringLiteral("upgrade"));
        const GateMeasurement &first = measured.first().measurement;
        QCOMPARE(first.baselineTo, canaryStart);
        // What Prometheus itself says the p95 was over the window before the canary's upgrade.
        const auto expected = prometheus.queryValue(
            QStringLiteral("histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{instance=\"node-0001\"}[%1ms])))")
                .arg(kWindowMs),
            canaryStart);
        QVERIFY(expected);
        QVERIFY2(first.baseline && qAbs(*first.baseline - *expected) < 1e-9,
                 qPrintable(QStringLiteral("%1 vs Prometheus %2").arg(first.reason).arg(*expected)));
        QVERIFY2(*first.baseline > 0.08 && *first.baseline < 0.16, qPrintable(first.reason));

        if (degradation == 1.0) {
            QVERIFY2(run->state() == RunState::Succeeded, qPrintable(run->note()));
            for (const Measured &m : std::as_const(measured))
                QVERIFY2(m.measurement.verdict == GateMeasurement::Verdict::Pass, qPrintable(m.measurement.reason));
            const QDateTime second = h.storedIntent(run->runId(), QStringLiteral("node-0002"), QStringLiteral("upgrade"));
            const QDateTime third = h.storedIntent(run->runId(), QStringLiteral("node-0003"), QStringLiteral("upgrade"));
            QCOMPARE(measured.last().measurement.baselineTo, std::min(second, third));
        } else {
            QVERIFY2(run->state() == RunState::RolledBack, qPrintable(run->note()));
            const GateMeasurement &failed = measured.last().measurement;
            QVERIFY2(failed.verdict == GateMeasurement::Verdict::Fail, qPrintable(failed.reason));
            QCOMPARE(run->progress(QStringLiteral("node-0001")).state, InstanceState::RolledBack);
            QCOMPARE(run->progress(QStringLiteral("node-0002")).state, InstanceState::Pending);
        }
    }
};

QTEST_GUILESS_MAIN(TestBaselines)
#include "tst_baselines.moc"
