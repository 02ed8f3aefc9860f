// Gate readings kept with the run (gate_measurements): a gated run through fleetsim keeps every reading
// its gates judged — between waves, in a gate: step, after the last wave — with window, value,
// threshold, verdict and source, exactly as the engine judged them; the report of the finished run
// (lockstep-cli report) lists them per wave with a chart per gate; a reading the store refuses pauses the run, and the gates
// measure again once it is resumed.
#include "app/engine/EngineRuntime.h"
#include "app/engine/GateReadingLog.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/report/RunReport.h"
#include "app/report/StoredRunReport.h"
#include "app/runbook/RunbookLoader.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/GateMeasurementRepository.h"
#include "tests/engine/FakeStepLauncher.h"
#include "tests/support/FleetSim.h"
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// Two waves; each instance ends with an error-rate gate step; after each wave the error-rate and p95
// gates judge it (scraped by Lockstep itself).
const char *kRunbook = R"(
runbook: platform-gated
product: webwaka-platform
strategy:
  waves: [{count: 1, name: canary}, {percent: 100, name: rest}]
  max_parallel: 3
  between_waves: {observe: 100ms, then: promote}
  on_failure: pause
steps:
  - id: upgrade
    http: "POST {{instance.api}}/instances/{{instance.name}}/upgrade"
    body: {version: "{{version}}"}
    expect: {status: [202]}
  - id: healthy
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 10s
    poll_interval: 100ms
  - id: step-gate
    gate: error-rate
gates:
  - id: error-rate
    metric: error_rate
    below: 0.03
    interval: 400ms
    count: 2
    initial_delay: 800ms
    no_data: fail
  - id: latency
    metric: p95_latency
    below: 0.5
    interval: 400ms
    count: 2
    initial_delay: 800ms
    no_data: fail
)";

// The same gates between waves only: the first reading is one of the gates after the canary.
const char *kBetweenWavesOnly = R"(
runbook: platform-between
product: webwaka-platform
strategy:
  waves: [{count: 1, name: canary}, {percent: 100, name: rest}]
  between_waves: {observe: 100ms, then: promote}
steps:
  - id: upgrade
    http: "POST {{instance.api}}/instances/{{instance.name}}/upgrade"
    body: {version: "{{version}}"}
    expect: {status: [202]}
  - id: healthy
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 10s
    poll_interval: 100ms
gates:
  - id: error-rate
    metric: error_rate
    below: 0.03
    interval: 400ms
    count: 2
    initial_delay: 800ms
    no_data: fail
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

Plan planFor(const char *text, const QList<Instance> &instances)
{
    auto runbook = RunbookLoader::loadString(QString::fromUtf8(text), QStringLiteral("gated.yaml"));
    if (!runbook)
        qFatal("runbook: %s", qPrintable(runbook.error().toString()));
    PlanRequest request;
    request.runbooks = {*runbook};
    request.instances = instances;
    request.targetVersion = QStringLiteral("1.5.0");
    auto plan = Planner::plan(request, Clock::instance().now());
    if (!plan)
        qFatal("plan: %s", qPrintable(plan.error().toString()));
    plan->runbookSource = QString::fromUtf8(text);
    return *plan;
}

struct Harness
{
    QTemporaryDir dir;
    Database db;
    RecordingAuditSink audit;
    std::unique_ptr<EngineRuntime> runtime;

    QString path() const { return dir.filePath(QStringLiteral("lockstep.db")); }

    Harness()
    {
        if (!db.open(path(), QStringLiteral("gate-readings")))
            qFatal("cannot open the store");
        EngineRuntime::Options options;
        options.scrapeInterval = std::chrono::milliseconds(200);
        options.gateMinimumWindow = std::chrono::milliseconds(1000);
        runtime = std::make_unique<EngineRuntime>(db, &audit, options);
    }
};

struct Judged
{
    QString gate;
    GateMeasurement measurement;
};

} // namespace

class TestGateReadings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<GateMeasurement>(); }

    void everyJudgedReadingIsKeptAndReported()
    {
        FleetSim sim;
        if (const QString failure = sim.start({QStringLiteral("--instances"), QStringLiteral("3"),
                                               QStringLiteral("--upgrade-ms"), QStringLiteral("200")});
            !failure.isEmpty())
            QFAIL(qPrintable(failure));
        Harness h;
        const QList<Instance> instances = fleet(sim, 3);
        h.runtime->watch(instances);
        auto created = RunExecutor::create(planFor(kRunbook, instances), QStringLiteral("alice"), h.runtime->services());
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
        std::unique_ptr<RunExecutor> run(*created);
        QList<Judged> judged;
        connect(run.get(), &RunExecutor::gateMeasured, this,
                [&](const QString &gate, const GateMeasurement &m) { judged.append({gate, m}); });
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 90000);
        QVERIFY2(run->state() == RunState::Succeeded, qPrintable(run->note()));

        // One stored row per judged reading, in the order judged, with what the gate judged.
        auto stored = GateMeasurementRepository(h.db).forRun(run->runId());
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().toString()));
        // 3 gate steps x 2, and 2 gates x 2 after each of the 2 waves.
        QCOMPARE(judged.size(), 3 * 2 + 2 * 2 * 2);
        QCOMPARE(stored->size(), judged.size());
        QSet<QString> places;
        for (const GateMeasurementRecord &r : *stored) {
            const auto match = std::find_if(judged.cbegin(), judged.cend(), [&](const Judged &j) {
                return j.gate == r.gate && j.measurement.reason == r.reason && j.measurement.time == r.measuredAt;
            });
            QVERIFY2(match != judged.cend(), qPrintable(r.gate + QStringLiteral(": ") + r.reason));
            const GateMeasurement &m = match->measurement;
            QCOMPARE(r.runId, run->runId());
            QCOMPARE(r.verdict, GateReadingLog::verdictName(m.verdict));
            QCOMPARE(r.verdict, QStringLiteral("pass"));   // a good release
            QVERIFY(r.value.has_value());
            QCOMPARE(*r.value, *m.value);
            QCOMPARE(r.windowTo, r.measuredAt);
            QVERIFY(r.windowFrom.isValid() && r.windowFrom < r.windowTo);
            QCOMPARE(r.windowFrom, m.windowFrom);
            QCOMPARE(r.source, QStringLiteral("scrape"));
            QCOMPARE(r.metric, r.gate == QLatin1String("latency") ? QStringLiteral("p95_latency") : QStringLiteral("error_rate"));
            QCOMPARE(r.threshold, std::optional<double>(r.gate == QLatin1String("latency") ? 0.5 : 0.03));
            QCOMPARE(r.condition, r.gate == QLatin1String("latency") ? QStringLiteral("< 0.5") : QStringLiteral("< 0.03"));
            places.insert(QStringLiteral("%1 %2 %3").arg(r.phase).arg(r.wave).arg(r.scope));
        }
        QCOMPARE(places, (QSet<QString>{QStringLiteral("step 1 node-0001"), QStringLiteral("step 2 node-0002"),
                                        QStringLiteral("step 2 node-0003"), QStringLiteral("wave 1 node-0001"),
                                        QStringLiteral("wave 2 node-0002, node-0003")}));

        // The report of the finished run, from the store alone: lockstep-cli report, as an auditor runs it.
        const QString html = h.dir.filePath(QStringLiteral("run.html"));
        QProcess cli;
        cli.start(cliPath(), {QStringLiteral("report"), QString::number(run->runId()), QStringLiteral("--html"), html,
                              QStringLiteral("--database"), h.path()});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString report = QString::fromUtf8(file.readAll());
        QVERIFY(report.contains(QStringLiteral("<h2>Gate measurements</h2>")));
        QVERIFY2(report.contains(QStringLiteral("%1 readings the gates judged").arg(stored->size())), qPrintable(report));
        const int canary = report.indexOf(QStringLiteral("<h3>Wave 1 (canary): gates after the wave</h3>"));
        const int rest = report.indexOf(QStringLiteral("<h3>Wave 2 (rest): gates after the wave</h3>"));
        QVERIFY(canary > 0 && rest > canary);
        QVERIFY(report.contains(QStringLiteral("<h3>Wave 2 (rest): gate steps of its instances</h3>")));
        for (const GateMeasurementRecord &r : *stored) {
            // Each reading is a row: time, gate, instances, window, value, baseline, threshold, verdict, source.
            const QString row = QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4–%5</td><td>%6</td><td></td><td>%7</td><td>pass</td><td>scrape</td></tr>")
                                    .arg(r.measuredAt.toUTC().toString(QStringLiteral("HH:mm:ss")), r.gate, r.scope,
                                         r.windowFrom.toUTC().toString(QStringLiteral("HH:mm:ss")),
                                         r.windowTo.toUTC().toString(QStringLiteral("HH:mm:ss")),
                                         QString::number(*r.value, 'g', 4), r.condition.toHtmlEscaped());
            QVERIFY2(report.contains(row), qPrintable(row));
        }
        // A chart per gate, drawn from the kept readings, embedded in the file.
        QVERIFY(report.contains(QStringLiteral("error-rate (error_rate &lt; 0.03): 10 readings<br><img src=\"data:image/png;base64,")));
        QVERIFY(report.contains(QStringLiteral("latency (p95_latency &lt; 0.5): 4 readings<br><img src=\"data:image/png;base64,")));
        // The same data the console's report page gets.
        AuditLog *noAudit = nullptr;
        auto data = StoredRunReport::load(*h.runtime, noAudit, run->runId());
        QVERIFY(data.ok());
        QCOMPARE(data->measurements.size(), stored->size());
        QCOMPARE(data->charts.size(), 2);
        if (qEnvironmentVariableIntValue("LOCKSTEP_UPDATE_SCREENSHOTS") == 1)
            QVERIFY(data->charts.first().second.save(sourceDir() + QStringLiteral("/docs/screenshots/report-gate-readings.png")));
    }

    void aReadingTheStoreRefusesPausesTheRun()
    {
        FleetSim sim;
        if (const QString failure = sim.start({QStringLiteral("--instances"), QStringLiteral("2"),
                                               QStringLiteral("--upgrade-ms"), QStringLiteral("200")});
            !failure.isEmpty())
            QFAIL(qPrintable(failure));
        Harness h;
        const QList<Instance> instances = fleet(sim, 2);
        h.runtime->watch(instances);
        // The store refuses every reading from now on (as a full disk or a revoked grant would).
        QSqlQuery q(h.db.connection());
        QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER refuse_readings BEFORE INSERT ON gate_measurements "
                                      "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")));
        auto created = RunExecutor::create(planFor(kBetweenWavesOnly, instances), QStringLiteral("alice"), h.runtime->services());
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy measured(run.get(), &RunExecutor::gateMeasured);
        QSignalSpy waves(run.get(), &RunExecutor::waveStarted);
        QVERIFY(run->start(QStringLiteral("alice")).ok());

        // The canary's first reading cannot be kept: the run pauses and says what failed.
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Paused, 60000);
        QCOMPARE(measured.size(), 1);
        QVERIFY2(run->note().contains(QStringLiteral("cannot store the measurement of gate error-rate of run %1").arg(run->runId())),
                 qPrintable(run->note()));
        QVERIFY2(run->note().contains(QStringLiteral("database or disk is full")), qPrintable(run->note()));
        QCOMPARE(waves.size(), 1);   // the next wave did not start on an unrecorded verdict
        QVERIFY(GateMeasurementRepository(h.db).forRun(run->runId())->isEmpty());
        QVERIFY(h.audit.has(QStringLiteral("run.state"), QStringLiteral("paused")));

        // The store is writable again: resumed, the gates measure the canary again and keep every reading.
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER refuse_readings")));
        QVERIFY(run->resume(QStringLiteral("alice"), QStringLiteral("disk cleaned up")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 90000);
        QVERIFY2(run->state() == RunState::Succeeded, qPrintable(run->note()));
        auto stored = GateMeasurementRepository(h.db).forRun(run->runId());
        QVERIFY(stored.ok());
        QCOMPARE(stored->size(), measured.size() - 1);   // all but the refused one
        QCOMPARE(stored->first().wave, 1);
        QCOMPARE(stored->last().wave, 2);
    }
};

QTEST_MAIN(TestGateReadings)
#include "tst_gatereadings.moc"
