// Lockstep's own scrapes and derivations against a real Prometheus scraping the same lockstep-fleetsim
// instances, and gates that pass on a good release and fail on a bad one.
#include "app/metrics/FleetMetrics.h"
#include "app/metrics/MetricGateEvaluator.h"
#include "app/metrics/MetricStore.h"
#include "app/metrics/PrometheusMetricSource.h"
#include "app/metrics/ScrapeMetricSource.h"
#include "app/metrics/Scraper.h"
#include "models/Clock.h"
#include "tests/support/FleetSim.h"
#include "tests/support/Prometheus.h"

#include <QJsonArray>
#include <QTest>

#include <memory>

using namespace lockstep;
using namespace std::chrono_literals;

namespace {

constexpr int kInstances = 20;
constexpr int kWindowSeconds = 30;

const QString kP95Query = QStringLiteral(
    "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[30s])))");
const QString kErrorQuery = QStringLiteral(
    "sum(rate(http_requests_total{code=~\"5..\"}[30s])) / sum(rate(http_requests_total[30s]))");

void waitUntil(const QDateTime &when)
{
    // Bounded by the callers' deadlines (at most ~40 s ahead).
    while (QDateTime::currentDateTimeUtc() < when)
        QTest::qWait(100);
}

GateSpec gate(const QString &metric, double below)
{
    GateSpec g;
    g.id = metric + QStringLiteral("-gate");
    g.metric = metric;
    g.comparison = Comparison::Below;
    g.threshold = below;
    g.interval = 2s;
    g.count = 3;
    g.failureLimit = 1;
    g.noData = NoDataPolicy::Fail;
    return g;
}

} // namespace

class TestPrometheusAgreement : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void goodReleaseAgreesAndGatesPass();
    void badReleaseAgreesAndGatesFail();
    void cleanupTestCase();

private:
    GateOutcome runGate(MetricSource &source, const GateSpec &g, const QDateTime &upgradeStarted);
    void compare(const QDateTime &at, double errorTolerance, bool errorRelative);

    test::FleetSim m_sim;
    test::Prometheus m_prometheus;
    std::unique_ptr<MetricStore> m_store;
    std::unique_ptr<Scraper> m_scraper;
    QList<Instance> m_instances;
    QDateTime m_started;
};

void TestPrometheusAgreement::initTestCase()
{
    qRegisterMetaType<GateMeasurement>();
    qRegisterMetaType<GateOutcome>();
    if (const QString failure = m_sim.start({QStringLiteral("--instances"), QString::number(kInstances),
                                             QStringLiteral("--upgrade-ms"), QStringLiteral("300")});
        !failure.isEmpty())
        QFAIL(qPrintable(failure));
    QList<test::Prometheus::Target> targets;
    QList<ScrapeTarget> scrapeTargets;
    for (int i = 1; i <= kInstances; ++i) {
        Instance inst;
        inst.name = QStringLiteral("node-%1").arg(i, 4, 10, QLatin1Char('0'));
        inst.baseUrl = m_sim.instanceUrl(inst.name);
        m_instances.append(inst);
        targets.append({inst.name, inst.baseUrl});
        scrapeTargets.append(Scraper::targetFor(inst));
    }
    if (const QString failure = m_prometheus.start(targets, 1s); !failure.isEmpty())
        QFAIL(qPrintable(failure));
    m_store = std::make_unique<MetricStore>();
    m_scraper = std::make_unique<Scraper>(*m_store, MetricDefinitions{}, Scraper::Options{1s, 900ms, 8});
    m_scraper->setTargets(scrapeTargets);
    m_started = QDateTime::currentDateTimeUtc();
    m_scraper->start();
    QVERIFY2(m_prometheus.waitForScrapes(3), qPrintable(m_prometheus.output()));
}

void TestPrometheusAgreement::cleanupTestCase()
{
    if (m_scraper)
        m_scraper->stop();
    m_prometheus.stop();
    m_sim.stop();
}

GateOutcome TestPrometheusAgreement::runGate(MetricSource &source, const GateSpec &g, const QDateTime &upgradeStarted)
{
    MetricGateEvaluator evaluator(source, {10s});
    QObject owner;
    std::optional<GateOutcome> outcome;
    GateRun *run = evaluator.start(g, m_instances, {}, upgradeStarted, &owner);
    connect(run, &GateRun::finished, &owner, [&outcome](const GateOutcome &o) { outcome = o; });
    for (int i = 0; i < 400 && !outcome; ++i)
        QTest::qWait(100);
    if (!outcome) {
        GateOutcome timedOut;
        timedOut.summary = QStringLiteral("gate did not finish within 40 s");
        return timedOut;
    }
    return *outcome;
}

void TestPrometheusAgreement::compare(const QDateTime &at, double errorTolerance, bool errorRelative)
{
    FleetMetrics fleet(*m_store);
    QStringList names;
    for (const Instance &i : std::as_const(m_instances))
        names.append(i.name);
    const std::int64_t to = at.toMSecsSinceEpoch();
    const std::int64_t from = to - kWindowSeconds * 1000;

    QString error;
    const auto promP95 = m_prometheus.queryValue(kP95Query, at, &error);
    QVERIFY2(promP95, qPrintable(error));
    const Result<MetricReading> ourP95 = fleet.evaluate(QStringLiteral("p95_latency"), names, from, to);
    QVERIFY(ourP95.ok() && ourP95->value);
    QCOMPARE(ourP95->instancesWithData, kInstances);
    const double p95Diff = std::abs(*ourP95->value - *promP95) / *promP95;
    qInfo("p95: Lockstep %.6f, Prometheus %.6f (%.3f%% apart)", *ourP95->value, *promP95, p95Diff * 100);
    QVERIFY2(p95Diff <= 0.01, qPrintable(QStringLiteral("p95 %1 vs Prometheus %2").arg(*ourP95->value).arg(*promP95)));

    const auto promErrors = m_prometheus.queryValue(kErrorQuery, at, &error);
    QVERIFY2(promErrors, qPrintable(error));
    const Result<MetricReading> ourErrors = fleet.evaluate(QStringLiteral("error_rate"), names, from, to);
    QVERIFY(ourErrors.ok() && ourErrors->value);
    const double errorDiff = std::abs(*ourErrors->value - *promErrors) / (errorRelative ? *promErrors : 1.0);
    qInfo("error rate: Lockstep %.6f, Prometheus %.6f (%.4f %s apart)", *ourErrors->value, *promErrors,
          errorRelative ? errorDiff * 100 : errorDiff, errorRelative ? "%" : "absolute");
    QVERIFY2(errorDiff <= errorTolerance,
             qPrintable(QStringLiteral("error rate %1 vs Prometheus %2").arg(*ourErrors->value).arg(*promErrors)));
}

void TestPrometheusAgreement::goodReleaseAgreesAndGatesPass()
{
    ScrapeMetricSource scrapes(*m_store, m_scraper.get());
    PrometheusMetricSource::Options options;
    options.baseUrl = m_prometheus.baseUrl();
    PrometheusMetricSource prometheus(options);

    GateOutcome o = runGate(scrapes, gate(QStringLiteral("error_rate"), 0.01), m_started);
    QVERIFY2(o.state == GateOutcome::State::Passed, qPrintable(o.summary));
    QCOMPARE(o.measurements.size(), 3);
    QVERIFY(o.measurements.first().value.has_value());
    o = runGate(prometheus, gate(QStringLiteral("p95_latency"), 0.5), m_started);
    QVERIFY2(o.state == GateOutcome::State::Passed, qPrintable(o.summary));
    QVERIFY(*o.measurements.first().value > 0.05 && *o.measurements.first().value < 0.3);

    waitUntil(m_started.addSecs(kWindowSeconds + 3));
    // 0.2 % errors are a handful of whole requests per window: compare to 0.1 percentage point.
    compare(QDateTime::currentDateTimeUtc().addMSecs(-1000), 0.001, false);
}

void TestPrometheusAgreement::badReleaseAgreesAndGatesFail()
{
    const QJsonArray releases = m_sim.get(QStringLiteral("/feeds/webwaka-platform/releases.json")).json()
                                    .toObject().value(QStringLiteral("releases")).toArray();
    QString bad;
    for (const QJsonValue &r : releases)
        if (r.toObject().value(QStringLiteral("bad")).toBool())
            bad = r.toObject().value(QStringLiteral("version")).toString();
    QVERIFY2(!bad.isEmpty(), "the simulator's feed has no bad release");

    const QDateTime upgradeStarted = QDateTime::currentDateTimeUtc();
    for (const Instance &i : std::as_const(m_instances)) {
        const auto reply = m_sim.post(QStringLiteral("/api/instances/%1/upgrade").arg(i.name),
                                      QJsonObject{{QStringLiteral("version"), bad}});
        QVERIFY2(reply.status == 202, reply.body.constData());
    }

    ScrapeMetricSource scrapes(*m_store, m_scraper.get());
    PrometheusMetricSource::Options options;
    options.baseUrl = m_prometheus.baseUrl();
    PrometheusMetricSource prometheus(options);
    GateSpec errors = gate(QStringLiteral("error_rate"), 0.01);
    errors.initialDelay = 2s;
    GateOutcome o = runGate(scrapes, errors, upgradeStarted);
    QVERIFY2(o.state == GateOutcome::State::Failed, qPrintable(o.summary));
    QCOMPARE(o.measurements.last().verdict, GateMeasurement::Verdict::Fail);   // a real value, not "no data"
    QVERIFY(*o.measurements.last().value > 0.03);
    GateSpec latency = gate(QStringLiteral("p95_latency"), 0.5);
    latency.initialDelay = 2s;
    o = runGate(prometheus, latency, upgradeStarted);
    QVERIFY2(o.state == GateOutcome::State::Failed, qPrintable(o.summary));
    QCOMPARE(o.measurements.last().verdict, GateMeasurement::Verdict::Fail);

    // The whole window after the restart: counters started again from zero.
    waitUntil(upgradeStarted.addSecs(kWindowSeconds + 3));
    compare(QDateTime::currentDateTimeUtc().addMSecs(-1000), 0.01, true);
}

QTEST_GUILESS_MAIN(TestPrometheusAgreement)
#include "tst_prometheus_agreement.moc"
