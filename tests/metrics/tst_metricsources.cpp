#include "app/metrics/MetricStore.h"
#include "app/metrics/PrometheusMetricSource.h"
#include "app/metrics/RoutedMetricSource.h"
#include "app/metrics/ScrapeMetricSource.h"
#include "app/metrics/Scraper.h"
#include "tests/support/FreePort.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace lockstep;

namespace {

QUrl local(quint16 port, const QString &path)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
}

Instance instance(const QString &name, const QString &metricsSource = {})
{
    Instance i;
    i.name = name;
    i.metricsSource = metricsSource;
    return i;
}

// Waits (bounded) for a MetricSource answer.
Result<MetricReading> readSync(MetricSource &source, const MetricQuery &query)
{
    std::optional<Result<MetricReading>> answer;
    QObject context;
    source.read(query, &context, [&answer](const Result<MetricReading> &r) { answer = r; });
    for (int i = 0; i < 1000 && !answer; ++i)
        QTest::qWait(10);
    if (!answer)
        return Error{QStringLiteral("test: no answer within 10 s"), {}, {}};
    return *answer;
}

// Answers every query with its own name as the reading's detail, and counts them.
class NamedSource final : public MetricSource
{
public:
    explicit NamedSource(QString name) : m_name(std::move(name)) {}
    void read(const MetricQuery &, QObject *context, Callback done) override
    {
        ++reads;
        QTimer::singleShot(0, context, [done, name = m_name] { done(MetricReading{1.0, name, 1}); });
    }
    int reads = 0;

private:
    QString m_name;
};

} // namespace

class TestMetricSources : public QObject
{
    Q_OBJECT
private slots:
    void scraperStoresSamplesAndKeepsErrors();
    void scraperBoundsConcurrency();
    void scrapeSourceSeparatesProviderErrorsFromNoData();
    void promqlForGates();
    void prometheusAnswersAndErrors();
    void routedSourcePicksWhereEachGateIsMeasured();
};

void TestMetricSources::scraperStoresSamplesAndKeepsErrors()
{
    QHttpServer server;
    int hits = 0;
    server.route(QStringLiteral("/i/<arg>/metrics"), [&hits](const QString &name) {
        if (name == QLatin1String("b"))
            return QHttpServerResponse("text/plain", "oops", QHttpServerResponse::StatusCode::InternalServerError);
        if (name == QLatin1String("c"))
            return QHttpServerResponse("text/plain", "http_requests_total{code=\"200\"} 1\nhttp_requests_total{code=200} 2\n");
        ++hits;
        return QHttpServerResponse("text/plain; version=0.0.4",
                                   "# TYPE http_requests_total counter\nhttp_requests_total{code=\"200\"} "
                                       + QByteArray::number(hits * 10) + "\nqueue_depth 3\nother 1\n");
    });
    const quint16 port = quint16(server.listen(QHostAddress::LocalHost, 0));
    QVERIFY(port != 0);
    QTcpServer silent;   // accepts connections, never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    const quint16 closed = test::freePort();

    MetricStore store;
    Scraper scraper(store, {}, {std::chrono::seconds(60), std::chrono::milliseconds(500), 4});
    scraper.setTargets({{QStringLiteral("a"), local(port, QStringLiteral("/i/a/metrics"))},
                        {QStringLiteral("b"), local(port, QStringLiteral("/i/b/metrics"))},
                        {QStringLiteral("c"), local(port, QStringLiteral("/i/c/metrics"))},
                        {QStringLiteral("d"), local(silent.serverPort(), QStringLiteral("/metrics"))},
                        {QStringLiteral("e"), local(closed, QStringLiteral("/metrics"))}});
    QSignalSpy round(&scraper, &Scraper::roundFinished);
    scraper.scrapeNow();
    QVERIFY(round.wait(10000));

    QVERIFY(!scraper.health(QStringLiteral("a"))->lastError);
    QCOMPARE(store.seriesCount(QStringLiteral("a")), std::size_t(2));   // requests + queue, not "other"
    QVERIFY(scraper.health(QStringLiteral("b"))->lastError->message.contains(QStringLiteral("HTTP 500")));
    const Error parse = *scraper.health(QStringLiteral("c"))->lastError;
    QVERIFY2(parse.where.endsWith(QStringLiteral("/i/c/metrics line 2:26")), qPrintable(parse.toString()));
    QVERIFY(parse.message.contains(QStringLiteral("expected '\"' to start the value of label \"code\"")));
    QVERIFY(!store.hasInstance(QStringLiteral("c")));   // nothing stored from a bad body
    QVERIFY(scraper.health(QStringLiteral("d"))->lastError->message.contains(QStringLiteral("timed out")));
    QVERIFY(scraper.health(QStringLiteral("e"))->lastError->message.contains(QStringLiteral("scrape failed")));
}

void TestMetricSources::scraperBoundsConcurrency()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QSignalSpy connections(&silent, &QTcpServer::newConnection);
    MetricStore store;
    Scraper scraper(store, {}, {std::chrono::seconds(60), std::chrono::seconds(3), 2});
    QList<ScrapeTarget> targets;
    for (int i = 0; i < 6; ++i)
        targets.append({QStringLiteral("n%1").arg(i), local(silent.serverPort(), QStringLiteral("/metrics"))});
    scraper.setTargets(targets);
    scraper.scrapeNow();
    QTRY_VERIFY_WITH_TIMEOUT(connections.size() >= 2, 5000);
    QTest::qWait(300);
    QCOMPARE(connections.size(), 2);   // the other four wait for a free slot
}

void TestMetricSources::scrapeSourceSeparatesProviderErrorsFromNoData()
{
    QHttpServer server;
    server.route(QStringLiteral("/i/<arg>/metrics"), [](const QString &name) {
        if (name == QLatin1String("down"))
            return QHttpServerResponse("text/plain", "no", QHttpServerResponse::StatusCode::ServiceUnavailable);
        return QHttpServerResponse("text/plain", "http_requests_total{code=\"200\"} 5\n");
    });
    const quint16 port = quint16(server.listen(QHostAddress::LocalHost, 0));
    QVERIFY(port != 0);
    MetricStore store;
    Scraper scraper(store, {}, {});
    scraper.setTargets({{QStringLiteral("up"), local(port, QStringLiteral("/i/up/metrics"))},
                        {QStringLiteral("down"), local(port, QStringLiteral("/i/down/metrics"))}});
    QSignalSpy round(&scraper, &Scraper::roundFinished);
    scraper.scrapeNow();
    QVERIFY(round.wait(10000));

    ScrapeMetricSource source(store, &scraper);
    MetricQuery q;
    q.metric = QStringLiteral("error_rate");
    q.to = QDateTime::currentDateTimeUtc().addSecs(1);
    q.from = q.to.addSecs(-60);
    q.instances = {instance(QStringLiteral("down"))};
    Result<MetricReading> r = readSync(source, q);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QStringLiteral("HTTP 503")), qPrintable(r.error().toString()));

    q.instances = {instance(QStringLiteral("up"))};   // scraped fine, but one sample cannot make a rate
    r = readSync(source, q);
    QVERIFY(r.ok());
    QVERIFY(!r->value);
    QVERIFY(r->detail.contains(QStringLiteral("two samples")));

    q.promql = true;
    q.metric = QStringLiteral("sum(up)");
    QVERIFY(!readSync(source, q).ok());
}

void TestMetricSources::promqlForGates()
{
    PrometheusMetricSource::Options options;
    options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9090"));
    PrometheusMetricSource source(options);
    MetricQuery q;
    q.to = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    q.from = q.to.addSecs(-30);
    q.instances = {instance(QStringLiteral("node-1")), instance(QStringLiteral("node.2"))};
    q.metric = QStringLiteral("p95_latency");
    QCOMPARE(*source.promql(q), QStringLiteral("histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket"
                                               "{instance=~\"node-1|node\\\\.2\"}[30000ms])))"));
    q.metric = QStringLiteral("error_rate");
    q.instances = {instance(QStringLiteral("x"), QStringLiteral("{job=\"api\",instance=\"10.0.0.5:9100\"}"))};
    QCOMPARE(*source.promql(q),
             QStringLiteral("(sum(rate(http_requests_total{job=\"api\",instance=\"10.0.0.5:9100\",code=~\"5..\"}[30000ms])) "
                            "or vector(0)) / sum(rate(http_requests_total{job=\"api\",instance=\"10.0.0.5:9100\"}[30000ms]))"));
    // Two instances with multi-label selectors cannot be merged into one selector.
    q.instances.append(instance(QStringLiteral("y"), QStringLiteral("job=\"api\",instance=\"10.0.0.6:9100\"")));
    QVERIFY(!source.promql(q).ok());
    q.metric = QStringLiteral("sum(up{job=\"api\"})");
    q.promql = true;
    QCOMPARE(*source.promql(q), QStringLiteral("sum(up{job=\"api\"})"));
    q.promql = false;
    q.metric = QStringLiteral("apdex");
    QVERIFY(!source.promql(q).ok());
}

void TestMetricSources::prometheusAnswersAndErrors()
{
    QHttpServer server;
    server.route(QStringLiteral("/api/v1/query"), [](const QHttpServerRequest &request) {
        const QString query = QUrlQuery(request.url()).queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded);
        auto json = [](const QByteArray &body, QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok) {
            return QHttpServerResponse("application/json", body, status);
        };
        if (query.contains(QLatin1String("boom")))
            return json(R"({"status":"error","errorType":"execution","error":"boom happened"})",
                        QHttpServerResponse::StatusCode::UnprocessableEntity);
        if (query.contains(QLatin1String("garbage")))
            return json("<html>proxy error</html>");
        if (query.contains(QLatin1String("empty")))
            return json(R"({"status":"success","data":{"resultType":"vector","result":[]}})");
        if (query.contains(QLatin1String("nan")))
            return json(R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}})");
        if (query.contains(QLatin1String("scalar")))
            return json(R"({"status":"success","data":{"resultType":"scalar","result":[1,"42"]}})");
        if (query == QLatin1String("sum(x{a=\"+\"}) + 1"))
            return json(R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"0.25"]}]}})");
        return json(R"({"status":"error","errorType":"bad_data","error":"unexpected query"})",
                    QHttpServerResponse::StatusCode::BadRequest);
    });
    const quint16 port = quint16(server.listen(QHostAddress::LocalHost, 0));
    QVERIFY(port != 0);
    PrometheusMetricSource::Options options;
    options.baseUrl = local(port, {});
    options.timeout = std::chrono::milliseconds(500);
    PrometheusMetricSource source(options);
    MetricQuery q;
    q.promql = true;
    q.to = QDateTime::currentDateTimeUtc();
    q.from = q.to.addSecs(-30);
    auto ask = [&](const QString &expr) {
        q.metric = expr;
        return readSync(source, q);
    };

    Result<MetricReading> r = ask(QStringLiteral("sum(x{a=\"+\"}) + 1"));   // reaches Prometheus verbatim
    QVERIFY2(r.ok() && r->value == 0.25, qPrintable(r.ok() ? r->detail : r.error().toString()));
    r = ask(QStringLiteral("scalar"));
    QVERIFY(r.ok() && r->value == 42.0);
    r = ask(QStringLiteral("empty"));
    QVERIFY(r.ok() && !r->value && r->detail.contains(QStringLiteral("no series")));
    r = ask(QStringLiteral("nan"));
    QVERIFY(r.ok() && !r->value && r->detail.contains(QStringLiteral("NaN")));
    r = ask(QStringLiteral("boom"));
    QVERIFY(!r.ok() && r.error().message.contains(QStringLiteral("HTTP 422: execution: boom happened")));
    r = ask(QStringLiteral("garbage"));
    QVERIFY(!r.ok() && r.error().message.contains(QStringLiteral("unparsable answer")));

    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    options.baseUrl = local(silent.serverPort(), {});
    PrometheusMetricSource slow(options);
    q.metric = QStringLiteral("up");
    r = readSync(slow, q);
    QVERIFY(!r.ok() && r.error().message.contains(QStringLiteral("did not answer within 500 ms")));

    options.baseUrl = local(test::freePort(), {});
    PrometheusMetricSource gone(options);
    r = readSync(gone, q);
    QVERIFY(!r.ok() && r.error().message.contains(QStringLiteral("cannot reach Prometheus")));
}

void TestMetricSources::routedSourcePicksWhereEachGateIsMeasured()
{
    NamedSource scrapes(QStringLiteral("scrapes")), prometheus(QStringLiteral("prometheus"));
    MetricQuery builtIn;
    builtIn.metric = QStringLiteral("error_rate");
    builtIn.instances = {instance(QStringLiteral("a")), instance(QStringLiteral("b"), QStringLiteral("scrape"))};
    MetricQuery promql = builtIn;
    promql.metric = QStringLiteral("sum(rate(rejects_total{{{selector}}}[{{window}}]))");
    promql.promql = true;
    MetricQuery selected = builtIn;
    selected.instances = {instance(QStringLiteral("a"), QStringLiteral("{job=\"api\",instance=\"a\"}")),
                          instance(QStringLiteral("b"), QStringLiteral("job=\"api\"")) };
    MetricQuery mixed = builtIn;
    mixed.instances = {instance(QStringLiteral("a"), QStringLiteral("job=\"api\"")), instance(QStringLiteral("b"))};

    // Without a Prometheus: built-in metrics from the scrapes, PromQL is an error that says what to do.
    RoutedMetricSource alone(scrapes, nullptr);
    QCOMPARE(readSync(alone, builtIn)->detail, QStringLiteral("scrapes"));
    QCOMPARE(readSync(alone, selected)->detail, QStringLiteral("scrapes"));
    const Result<MetricReading> refused = readSync(alone, promql);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QStringLiteral("has no Prometheus")), qPrintable(refused.error().toString()));
    QVERIFY2(refused.error().hint.contains(QStringLiteral("--prometheus")), qPrintable(refused.error().toString()));
    QCOMPARE(prometheus.reads, 0);

    // With one: PromQL goes there, and so do built-in metrics of instances the inventory measures there.
    RoutedMetricSource both(scrapes, &prometheus);
    QCOMPARE(readSync(both, promql)->detail, QStringLiteral("prometheus"));
    QCOMPARE(readSync(both, selected)->detail, QStringLiteral("prometheus"));
    QCOMPARE(readSync(both, builtIn)->detail, QStringLiteral("scrapes"));
    QCOMPARE(readSync(both, mixed)->detail, QStringLiteral("scrapes"));
}

QTEST_GUILESS_MAIN(TestMetricSources)
#include "tst_metricsources.moc"
