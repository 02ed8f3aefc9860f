#include "app/metrics/FleetMetrics.h"
#include "app/metrics/MetricStore.h"
#include "app/metrics/PromTextParser.h"
#include "app/metrics/RingBuffer.h"
#include "app/metrics/ScrapeExtractor.h"

#include <QTest>

#include <cmath>

using namespace lockstep;

namespace {

// One instance's /metrics at a moment: `ok` and `errors` requests so far, `fast` of them under 0.1 s,
// the rest under 0.5 s.
QByteArray body(double ok, double errors, double fast, double queue)
{
    const double total = ok + errors;
    return QStringLiteral("# TYPE http_requests_total counter\n"
                          "http_requests_total{code=\"200\",method=\"GET\"} %1\n"
                          "http_requests_total{code=\"503\",method=\"GET\"} %2\n"
                          "# TYPE http_request_duration_seconds histogram\n"
                          "http_request_duration_seconds_bucket{le=\"0.1\"} %3\n"
                          "http_request_duration_seconds_bucket{le=\"0.5\"} %4\n"
                          "http_request_duration_seconds_bucket{le=\"+Inf\"} %4\n"
                          "http_request_duration_seconds_sum 1\n"
                          "http_request_duration_seconds_count %4\n"
                          "# TYPE queue_depth gauge\n"
                          "queue_depth{queue=\"a\"} %5\n"
                          "queue_depth{queue=\"b\"} 1\n"
                          "unrelated_metric 7\n")
        .arg(ok)
        .arg(errors)
        .arg(fast)
        .arg(total)
        .arg(queue)
        .toUtf8();
}

void scrape(MetricStore &store, const QString &instance, std::int64_t t, const QByteArray &text)
{
    PromTextParser parser;
    ScrapeExtractor extractor({"http_requests_total", "http_request_duration_seconds_bucket", "queue_depth"});
    const Status s = parser.parse(std::string_view(text.constData(), std::size_t(text.size())), extractor);
    QVERIFY(s.ok());
    store.append(instance, t, extractor.take());
}

double value(const Result<MetricReading> &r)
{
    if (!r.ok() || !r->value)
        return std::nan("");
    return *r->value;
}

} // namespace

class TestFleetMetrics : public QObject
{
    Q_OBJECT
private slots:
    void ringBufferOverwritesOldest();
    void derivesRatesErrorShareLatencyAndQueue();
    void counterResetAtUpgradeIsNotANegativeRate();
    void aggregatesBucketsAcrossInstancesBeforeQuantile();
    void noDataIsExplicit();
    void memoryIsBounded();
    void seriesForCharts();
};

void TestFleetMetrics::ringBufferOverwritesOldest()
{
    RingBuffer<int> r(3);
    for (int i = 1; i <= 5; ++i)
        r.push(i);
    QCOMPARE(r.size(), std::size_t(3));
    QCOMPARE(r.at(0), 3);
    QCOMPARE(r.back(), 5);
}

void TestFleetMetrics::derivesRatesErrorShareLatencyAndQueue()
{
    MetricStore store;
    // 10 req/s of which 1 is a 503; 90% under 0.1 s. One scrape every 5 s for a minute.
    for (int i = 0; i <= 12; ++i)
        scrape(store, QStringLiteral("a"), i * 5000, body(45.0 * i, 5.0 * i, 45.0 * i, 3));
    FleetMetrics metrics(store);
    const QStringList a{QStringLiteral("a")};
    QCOMPARE(value(metrics.evaluate(QStringLiteral("request_rate"), a, 30000, 60000)), 10.0);
    QCOMPARE(value(metrics.evaluate(QStringLiteral("error_rate"), a, 30000, 60000)), 0.1);
    // rank 0.95*10 = 9.5 in (0.1, 0.5]: 0.1 + 0.4 * (0.5 / 1) = 0.3
    QVERIFY(qFuzzyCompare(value(metrics.evaluate(QStringLiteral("p95_latency"), a, 30000, 60000)), 0.3));
    QVERIFY(qFuzzyCompare(value(metrics.evaluate(QStringLiteral("p50_latency"), a, 30000, 60000)), 0.1 * 5 / 9));
    QCOMPARE(value(metrics.evaluate(QStringLiteral("queue_depth"), a, 30000, 60000)), 4.0);
    QVERIFY(!metrics.evaluate(QStringLiteral("p95_latencyy"), a, 0, 1).ok());
    QCOMPARE(store.seriesCount(QStringLiteral("a")), std::size_t(2 + 3 + 2));   // unrelated_metric not kept
}

void TestFleetMetrics::counterResetAtUpgradeIsNotANegativeRate()
{
    MetricStore store;
    // 10 req/s; the process restarts after 30 s (counters start again from the new process's count).
    for (int i = 0; i <= 12; ++i) {
        const double n = i <= 6 ? 10.0 * 5 * i + 1000 : 10.0 * 5 * (i - 6) - 25;
        scrape(store, QStringLiteral("a"), i * 5000, body(n, 0, n, 0));
    }
    FleetMetrics metrics(store);
    const double rate = value(metrics.evaluate(QStringLiteral("request_rate"), {QStringLiteral("a")}, 0, 60000));
    QVERIFY2(rate > 8 && rate < 12, qPrintable(QString::number(rate)));
}

void TestFleetMetrics::aggregatesBucketsAcrossInstancesBeforeQuantile()
{
    MetricStore store;
    for (int i = 0; i <= 6; ++i) {
        scrape(store, QStringLiteral("fast"), i * 5000, body(100.0 * i, 0, 100.0 * i, 0));   // all < 0.1 s
        scrape(store, QStringLiteral("slow"), i * 5000, body(100.0 * i, 0, 0, 0));           // all in (0.1, 0.5]
    }
    FleetMetrics metrics(store);
    // Summed per le: 50% under 0.1 s, so p75 = 0.1 + 0.4 * 0.5 = 0.3 (averaging per-instance p75s would not).
    QVERIFY(qFuzzyCompare(
        value(metrics.evaluate(QStringLiteral("p75_latency"), {QStringLiteral("fast"), QStringLiteral("slow")}, 0, 30000)),
        0.3));
}

void TestFleetMetrics::noDataIsExplicit()
{
    MetricStore store;
    FleetMetrics metrics(store);
    auto r = metrics.evaluate(QStringLiteral("error_rate"), {QStringLiteral("ghost")}, 0, 30000);
    QVERIFY(r.ok() && !r->value);
    QVERIFY(r->detail.contains(QStringLiteral("no http_requests_total series")));
    // Constant counters: rates are 0, so there were no requests and no observations.
    for (int i = 0; i <= 6; ++i)
        scrape(store, QStringLiteral("idle"), i * 5000, body(5, 0, 5, 0));
    r = metrics.evaluate(QStringLiteral("error_rate"), {QStringLiteral("idle")}, 0, 30000);
    QVERIFY(r.ok() && !r->value && r->detail.contains(QStringLiteral("no requests")));
    r = metrics.evaluate(QStringLiteral("p95_latency"), {QStringLiteral("idle")}, 0, 30000);
    QVERIFY(r.ok() && !r->value && r->detail.contains(QStringLiteral("no observations")));
    r = metrics.evaluate(QStringLiteral("request_rate"), {QStringLiteral("idle")}, 0, 30000);
    QVERIFY(r.ok() && r->value && *r->value == 0);
}

void TestFleetMetrics::memoryIsBounded()
{
    // Retention 1 min at 5 s: 12 scrapes kept, older ones gone.
    MetricStore store(std::chrono::minutes(1), std::chrono::seconds(5), 4);
    for (int i = 0; i < 100; ++i)
        scrape(store, QStringLiteral("a"), i * 5000, body(10.0 * i, 0, 10.0 * i, 0));
    int points = 0;
    store.forEachSeries(QStringLiteral("a"), "http_requests_total", 0, 1000000,
                        [&](const SeriesLabels &, const std::vector<TimedValue> &p) {
                            points = int(p.size());
                            QCOMPARE(p.front().timeMs, std::int64_t(88 * 5000));
                        });
    QCOMPARE(points, 12);
    QCOMPARE(store.seriesCount(QStringLiteral("a")), std::size_t(4));   // the series cap
    QVERIFY(store.droppedSeries() > 0);
}

void TestFleetMetrics::seriesForCharts()
{
    MetricStore store;
    for (int i = 0; i <= 12; ++i)
        scrape(store, QStringLiteral("a"), i * 5000, body(45.0 * i, 5.0 * i, 45.0 * i, 3));
    FleetMetrics metrics(store);
    const auto s = metrics.series(QStringLiteral("error_rate"), {QStringLiteral("a")}, 0, 60000, 10000, 20000);
    QVERIFY(s.ok());
    QCOMPARE(s->timesMs.size(), std::size_t(7));
    QVERIFY(std::isnan(s->values[0]));        // no window before the first scrape
    QCOMPARE(s->values[3], 0.1);
    QCOMPARE(s->values[6], 0.1);
    QVERIFY(!metrics.series(QStringLiteral("error_rate"), {QStringLiteral("a")}, 0, 60000, 0, 20000).ok());
}

QTEST_GUILESS_MAIN(TestFleetMetrics)
#include "tst_fleetmetrics.moc"
