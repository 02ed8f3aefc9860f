// The scraper against a hostile /metrics on a real loopback server: bodies that are huge, endless,
// trickling, gzip bombs, and one 80,000-label series. The console must keep its memory and its
// event loop, and the gate must say why it has no data.
#include "app/metrics/MetricGateEvaluator.h"
#include "app/metrics/MetricStore.h"
#include "app/metrics/ScrapeMetricSource.h"
#include "app/metrics/Scraper.h"
#include "tests/support/HostileHttpServer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace lockstep;
using lockstep::test::HostileHttpServer;

namespace {

// VmHWM (peak resident) or VmRSS of this process in MiB, from /proc/self/status.
qint64 residentMiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong() / 1024;
    return -1;
}

ScrapeTarget target(const HostileHttpServer &server, const QString &behaviour, const QString &name = {})
{
    QUrl url = server.base(behaviour);
    url.setPath(url.path() + QStringLiteral("metrics"));
    return {name.isEmpty() ? behaviour : name, url};
}

// Scrapes one target once and returns its error ("" when it succeeded).
QString scrapeOnce(Scraper &scraper, const ScrapeTarget &t)
{
    scraper.setTargets({t});
    QSignalSpy scraped(&scraper, &Scraper::scraped);
    scraper.scrapeNow();
    if (!scraped.wait(60000))
        return QStringLiteral("test: no scrape result within 60 s");
    return scraped.first().at(2).toString();
}

} // namespace

class TestHostileScrape : public QObject
{
    Q_OBJECT
private slots:
    void gateOverFour200MegabytePagesStaysSmall();
    void endlessBodyIsCut();
    void trickleIsCutByTheDeadline();
    void gzipBombStopsAtTheLimitWithTheReason();
    void brokenGzipSaysWhy();
    void eightyThousandLabelsParseWhileTheLoopTurns();
    void eightyThousandLabelsRefusedByDefaultLimits();

private:
    HostileHttpServer m_server;
};

void TestHostileScrape::gateOverFour200MegabytePagesStaysSmall()
{
    MetricStore store;
    Scraper scraper(store, {}, {std::chrono::seconds(1), std::chrono::seconds(20), 16});
    // Two announce their 200 MB, two just send it: the cap must hold either way.
    scraper.setTargets({target(m_server, QStringLiteral("big"), QStringLiteral("big-1")),
                        target(m_server, QStringLiteral("big"), QStringLiteral("big-2")),
                        target(m_server, QStringLiteral("stream"), QStringLiteral("stream-1")),
                        target(m_server, QStringLiteral("stream"), QStringLiteral("stream-2"))});
    QList<Instance> instances;
    for (const QString &name : {QStringLiteral("big-1"), QStringLiteral("big-2"), QStringLiteral("stream-1"),
                                QStringLiteral("stream-2")}) {
        Instance i;
        i.name = name;
        instances << i;
    }
    ScrapeMetricSource source(store, &scraper);
    MetricGateEvaluator evaluator(source, {std::chrono::seconds(1)});
    GateSpec gate;
    gate.id = gate.metric = QStringLiteral("error_rate");
    gate.threshold = 0.01;
    gate.interval = std::chrono::seconds(2);
    gate.count = 3;
    gate.providerErrorLimit = 1;
    gate.initialDelay = std::chrono::seconds(2);

    scraper.start();
    QObject owner;
    GateRun *run = evaluator.start(gate, instances, {}, QDateTime::currentDateTimeUtc(), &owner);
    QSignalSpy measured(run, &GateRun::measured);
    QSignalSpy finished(run, &GateRun::finished);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    scraper.stop();

    QVERIFY(!measured.isEmpty());
    const auto m = measured.first().first().value<GateMeasurement>();
    QCOMPARE(m.verdict, GateMeasurement::Verdict::ProviderError);
    QVERIFY2(m.reason.contains(QStringLiteral("larger than 4 MiB")), qPrintable(m.reason));
    QVERIFY2(m.reason.contains(QStringLiteral("metrics page from 127.0.0.1:%1").arg(m_server.port())),
             qPrintable(m.reason));
    const auto health = scraper.health(QStringLiteral("big-1"));
    QVERIFY(health && health->lastError);
    QVERIFY2(health->lastError->message.contains(QStringLiteral("announced")), qPrintable(health->lastError->message));
    QVERIFY(scraper.health(QStringLiteral("stream-2"))->lastError->message.contains(QStringLiteral("larger than 4 MiB")));

    const qint64 peak = residentMiB("VmHWM:");
    qInfo("peak resident %lld MiB, now %lld MiB", peak, residentMiB("VmRSS:"));
    QVERIFY2(peak > 0 && peak < 300, qPrintable(QStringLiteral("peak resident %1 MiB").arg(peak)));
    QVERIFY(residentMiB("VmRSS:") < 300);
}

void TestHostileScrape::endlessBodyIsCut()
{
    MetricStore store;
    Scraper::Options options;
    options.timeout = std::chrono::seconds(30);
    Scraper scraper(store, {}, options);
    const QString error = scrapeOnce(scraper, target(m_server, QStringLiteral("endless")));
    QVERIFY2(error.contains(QStringLiteral("larger than 4 MiB")), qPrintable(error));
    QVERIFY(residentMiB("VmHWM:") < 300);
}

void TestHostileScrape::trickleIsCutByTheDeadline()
{
    // A byte a second keeps Qt's transfer timeout happy forever; the deadline holds regardless.
    MetricStore store;
    Scraper scraper(store, {}, {std::chrono::seconds(60), std::chrono::seconds(2), 4});
    const QString error = scrapeOnce(scraper, target(m_server, QStringLiteral("trickle")));
    QVERIFY2(error.contains(QStringLiteral("scrape timed out after 2000 ms")), qPrintable(error));
}

void TestHostileScrape::gzipBombStopsAtTheLimitWithTheReason()
{
    MetricStore store;
    Scraper scraper(store, {}, {});
    const QString error = scrapeOnce(scraper, target(m_server, QStringLiteral("gzipbomb")));
    QVERIFY2(error.contains(QStringLiteral("larger than 4 MiB after gzip decoding")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("decompression bomb")), qPrintable(error));
}

void TestHostileScrape::brokenGzipSaysWhy()
{
    MetricStore store;
    Scraper scraper(store, {}, {});
    const QString error = scrapeOnce(scraper, target(m_server, QStringLiteral("badgzip")));
    // zlib's own reason follows the colon: never an empty "Decompression failed: ".
    QVERIFY2(error.contains(QStringLiteral("could not be gzip-decoded: incorrect header check")), qPrintable(error));
}

void TestHostileScrape::eightyThousandLabelsParseWhileTheLoopTurns()
{
    MetricStore store;
    Scraper::Options options;
    options.limits = {};   // no limits: the parser itself must be fast enough
    options.timeout = std::chrono::seconds(30);
    Scraper scraper(store, {}, options);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(0);
    const QString error = scrapeOnce(scraper, target(m_server, QStringLiteral("labels")));
    ticker.stop();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(ticks > 0);
    QCOMPARE(store.seriesCount(QStringLiteral("labels")), std::size_t(1));
    std::size_t labels = 0;
    store.forEachSeries(QStringLiteral("labels"), "http_requests_total", 0, std::numeric_limits<std::int64_t>::max(),
                        [&labels](const SeriesLabels &s, const std::vector<TimedValue> &) { labels = s.labels.size(); });
    QCOMPARE(labels, std::size_t(HostileHttpServer::kLabelCount));
}

void TestHostileScrape::eightyThousandLabelsRefusedByDefaultLimits()
{
    MetricStore store;
    Scraper scraper(store, {}, {});
    const QString error = scrapeOnce(scraper, target(m_server, QStringLiteral("labels")));
    QVERIFY2(error.contains(QStringLiteral("line 2 is longer than 65536 bytes")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestHostileScrape)
#include "tst_hostilescrape.moc"
