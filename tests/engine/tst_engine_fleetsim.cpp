#include "app/engine/EngineRuntime.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/runbook/RunbookLoader.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "tests/engine/FakeStepLauncher.h"
#include "tests/support/FleetSim.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// An upgrade through fleetsim's control-plane API; the error-rate gate after the upgrade is what a bad
// release fails.
const char *kRunbook = R"(
runbook: platform-minor
product: webwaka-platform
applies_to: {change: [patch, minor]}
strategy:
  waves: [{count: 1, name: canary}, {percent: 25}, {percent: 100}]
  max_parallel: 3
  between_waves: {observe: 200ms, then: promote}
  failure_budget: {max_failed: 0}
  on_failure: rollback
steps:
  - id: maintenance-on
    http: "POST {{instance.api}}/instances/{{instance.name}}/maintenance"
    body: {enabled: true}
    expect: {status: [200]}
    undo: maintenance-off
  - id: upgrade
    http: "POST {{instance.api}}/instances/{{instance.name}}/upgrade"
    body: {version: "{{version}}"}
    expect: {status: [202]}
  - id: healthy
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 10s
    poll_interval: 100ms
  - id: error-rate
    gate: error-rate
  - id: maintenance-off
    http: "POST {{instance.api}}/instances/{{instance.name}}/maintenance"
    body: {enabled: false}
    expect: {status: [200]}
gates:
  - id: error-rate
    metric: error_rate
    below: 0.03
    interval: 500ms
    count: 3
    failure_limit: 1
    initial_delay: 1500ms
    no_data: fail
rollback: [restore-previous, healthy, maintenance-off]
rollback_steps:
  - id: restore-previous
    http: "POST {{instance.api}}/instances/{{instance.name}}/rollback"
    expect: {status: [202]}
)";

QList<Instance> fleet(const FleetSim &sim, int n)
{
    QList<Instance> out;
    for (int i = 1; i <= n; ++i) {
        Instance inst;
        inst.name = QStringLiteral("node-%1").arg(i, 4, 10, QLatin1Char('0'));
        inst.product = QStringLiteral("webwaka-platform");
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

struct Harness
{
    QTemporaryDir dir;
    Database db;
    RecordingAuditSink audit;
    std::unique_ptr<EngineRuntime> runtime;

    Harness()
    {
        if (!db.open(dir.filePath(QStringLiteral("lockstep.db")), QStringLiteral("engine-fleetsim")))
            qFatal("cannot open the store");
        EngineRuntime::Options options;
        options.scrapeInterval = std::chrono::milliseconds(250);
        options.gateMinimumWindow = std::chrono::milliseconds(1000);
        runtime = std::make_unique<EngineRuntime>(db, &audit, options);
    }
};

Plan planFor(const QList<Instance> &instances, const QString &version)
{
    auto runbook = RunbookLoader::loadString(QString::fromUtf8(kRunbook), QStringLiteral("platform-minor.yaml"));
    if (!runbook)
        qFatal("runbook: %s", qPrintable(runbook.error().toString()));
    PlanRequest request;
    request.runbooks = {*runbook};
    request.instances = instances;
    request.targetVersion = version;
    auto plan = Planner::plan(request, Clock::instance().now());
    if (!plan)
        qFatal("plan: %s", qPrintable(plan.error().toString()));
    plan->runbookSource = QString::fromUtf8(kRunbook);
    return *plan;
}

bool waitForEnd(RunExecutor *run, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!isTerminal(run->state()) && t.elapsed() < timeoutMs)
        QTest::qWait(20);
    return isTerminal(run->state());
}

// Run-level steps against the simulator: before:/after: append to a marker file once per run, each
// instance appends its name while it upgrades through fleetsim's API.
const char *kRunLevelRunbook = R"(
runbook: platform-run-level
product: webwaka-platform
params:
  marker: {required: true}
  after_exit: "0"
strategy:
  waves: [{count: 1, name: canary}, {percent: 100}]
  max_parallel: 2
  between_waves: {observe: 100ms, then: promote}
  on_failure: rollback
before:
  - id: announce
    local: "echo before {{version}} >> {{params.marker}}"
    undo: announce-rollback
steps:
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
  - id: mark
    local: "echo {{instance.name}} >> {{params.marker}}"
after:
  - id: announce-done
    local: "echo after >> {{params.marker}}; exit {{params.after_exit}}"
rollback_steps:
  - id: restore-previous
    http: "POST {{instance.api}}/instances/{{instance.name}}/rollback"
    expect: {status: [202]}
  - id: announce-rollback
    local: "echo undo >> {{params.marker}}"
)";

Plan runLevelPlan(const QList<Instance> &instances, const QMap<QString, QString> &params)
{
    auto runbook = RunbookLoader::loadString(QString::fromUtf8(kRunLevelRunbook), QStringLiteral("platform-run-level.yaml"));
    if (!runbook)
        qFatal("runbook: %s", qPrintable(runbook.error().toString()));
    PlanRequest request;
    request.runbooks = {*runbook};
    request.instances = instances;
    request.targetVersion = QStringLiteral("1.5.0");
    request.params = params;
    auto plan = Planner::plan(request, Clock::instance().now());
    if (!plan)
        qFatal("plan: %s", qPrintable(plan.error().toString()));
    plan->runbookSource = QString::fromUtf8(kRunLevelRunbook);
    return *plan;
}

QStringList markerLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestEngineFleetSim : public QObject
{
    Q_OBJECT

private slots:

    void runLevelStepsRunOnceAroundTheFleet()
    {
        FleetSim sim;
        if (const QString failure = sim.start({QStringLiteral("--instances"), QStringLiteral("4"),
                                               QStringLiteral("--upgrade-ms"), QStringLiteral("200")});
            !failure.isEmpty())
            QFAIL(qPrintable(failure));
        Harness h;
        const QList<Instance> instances = fleet(sim, 4);
        const QString marker = h.dir.filePath(QStringLiteral("marker"));
        auto created = RunExecutor::create(runLevelPlan(instances, {{QStringLiteral("marker"), marker}}),
                                           QStringLiteral("alice"), h.runtime->services());
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
        std::unique_ptr<RunExecutor> run(*created);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 90000);
        QCOMPARE(run->state(), RunState::Succeeded);
        const QStringList lines = markerLines(marker);
        // Once each: before ahead of every instance, after behind the last one.
        QCOMPARE(lines.size(), 2 + 4);
        QCOMPARE(lines.first(), QStringLiteral("before 1.5.0"));
        QCOMPARE(lines.last(), QStringLiteral("after"));
        for (const Instance &i : instances) {
            QCOMPARE(lines.count(i.name), 1);
            QCOMPARE(versionOf(sim, i.name), QStringLiteral("1.5.0"));
        }
    }

    void failedAfterStepRollsTheFleetBackThenUndoesOnce()
    {
        FleetSim sim;
        if (const QString failure = sim.start({QStringLiteral("--instances"), QStringLiteral("3"),
                                               QStringLiteral("--upgrade-ms"), QStringLiteral("200")});
            !failure.isEmpty())
            QFAIL(qPrintable(failure));
        Harness h;
        const QList<Instance> instances = fleet(sim, 3);
        const QString marker = h.dir.filePath(QStringLiteral("marker"));
        auto created = RunExecutor::create(
            runLevelPlan(instances, {{QStringLiteral("marker"), marker}, {QStringLiteral("after_exit"), QStringLiteral("3")}}),
            QStringLiteral("alice"), h.runtime->services());
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 90000);
        QCOMPARE(run->state(), RunState::RolledBack);
        for (const Instance &i : instances)   // the simulator's rollback takes its --upgrade-ms
            QTRY_COMPARE_WITH_TIMEOUT(versionOf(sim, i.name), QStringLiteral("1.4.2"), 20000);
        const QStringList lines = markerLines(marker);
        QCOMPARE(lines.count(QStringLiteral("after")), 1);
        QCOMPARE(lines.count(QStringLiteral("undo")), 1);    // the before: step's undo, once ...
        QCOMPARE(lines.last(), QStringLiteral("undo"));      // ... after every instance rolled back
    }
    void canaryQuarterAllUpgradeSucceeds()
    {
        FleetSim sim;
        if (const QString failure = sim.start({QStringLiteral("--instances"), QStringLiteral("8"),
                                               QStringLiteral("--upgrade-ms"), QStringLiteral("200")});
            !failure.isEmpty())
            QFAIL(qPrintable(failure));
        Harness h;
        const QList<Instance> instances = fleet(sim, 8);
        h.runtime->watch(instances);
        auto created = RunExecutor::create(planFor(instances, QStringLiteral("1.5.0")), QStringLiteral("alice"),
                                           h.runtime->services());
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy waves(run.get(), &RunExecutor::waveStarted);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY2(waitForEnd(run.get(), 90000), qPrintable(run->note()));
        QCOMPARE(run->state(), RunState::Succeeded);
        QCOMPARE(waves.size(), 3);
        for (const Instance &i : instances)
            QCOMPARE(versionOf(sim, i.name), QStringLiteral("1.5.0"));
    }

    void badVersionFailsInWaveTwoAndRollsBack()
    {
        FleetSim sim;
        if (const QString failure = sim.start({QStringLiteral("--instances"), QStringLiteral("8"),
                                               QStringLiteral("--upgrade-ms"), QStringLiteral("200")});
            !failure.isEmpty())
            QFAIL(qPrintable(failure));
        // 1.5.1 looks good while the canary runs; it is found bad before wave 2.
        QVERIFY(sim.setReleaseBad(QStringLiteral("webwaka-platform"), QStringLiteral("1.5.1"), false));
        Harness h;
        const QList<Instance> instances = fleet(sim, 8);
        h.runtime->watch(instances);
        auto created = RunExecutor::create(planFor(instances, QStringLiteral("1.5.1")), QStringLiteral("alice"),
                                           h.runtime->services());
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);
        // After the canary and its between-waves gate passed: wave 2's own gate step finds it bad.
        connect(run.get(), &RunExecutor::waveStarted, this, [&](int wave) {
            if (wave == 1)
                sim.setReleaseBad(QStringLiteral("webwaka-platform"), QStringLiteral("1.5.1"), true);
        });
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY2(waitForEnd(run.get(), 90000), qPrintable(run->note()));
        QCOMPARE(run->state(), RunState::RolledBack);
        QCOMPARE(run->progress(QStringLiteral("node-0001")).state, InstanceState::Succeeded);
        QCOMPARE(run->progress(QStringLiteral("node-0002")).state, InstanceState::RolledBack);
        QCOMPARE(run->progress(QStringLiteral("node-0003")).state, InstanceState::Pending);
        QCOMPARE(versionOf(sim, QStringLiteral("node-0002")), QStringLiteral("1.4.2"));
        QCOMPARE(versionOf(sim, QStringLiteral("node-0003")), QStringLiteral("1.4.2"));
        QVERIFY(h.audit.has(QStringLiteral("rollback.finished"), {}, QStringLiteral("node-0002")));
        QVERIFY(!sim.get(QStringLiteral("/api/instances/node-0002")).json().toObject().value(QStringLiteral("maintenanceMode")).toBool());
    }

    void abortCancelsAnInFlightSixtySecondStep()
    {
        const char *runbookText = R"(
runbook: slow
product: demo
steps:
  - id: slow
    local: "sleep 60"
    timeout: 2m
)";
        Harness h;
        auto runbook = RunbookLoader::loadString(QString::fromUtf8(runbookText), QStringLiteral("slow.yaml"));
        QVERIFY2(runbook.ok(), qPrintable(runbook.ok() ? QString() : runbook.error().toString()));
        Instance a;
        a.name = QStringLiteral("a");
        a.product = QStringLiteral("demo");
        a.currentVersion = QStringLiteral("1.0.0");
        PlanRequest request;
        request.runbooks = {*runbook};
        request.instances = {a};
        request.targetVersion = QStringLiteral("1.0.1");
        auto plan = Planner::plan(request, Clock::instance().now());
        QVERIFY(plan.ok());
        auto created = RunExecutor::create(*plan, QStringLiteral("alice"), h.runtime->services());
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy started(run.get(), &RunExecutor::stepStarted);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE(started.size(), 1);
        QTest::qWait(300);   // the process is really running
        QElapsedTimer t;
        t.start();
        QVERIFY(run->abort(QStringLiteral("alice"), QStringLiteral("wrong window")).ok());
        QVERIFY(waitForEnd(run.get(), 5000));
        QVERIFY2(t.elapsed() < 2000, qPrintable(QStringLiteral("abort took %1 ms").arg(t.elapsed())));
        QCOMPARE(run->state(), RunState::Aborted);
        QCOMPARE(run->progress(QStringLiteral("a")).state, InstanceState::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestEngineFleetSim)
#include "tst_engine_fleetsim.moc"
