#include "tests/support/FleetSim.h"
#include "tests/support/FreePort.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <optional>

using lockstep::test::FleetSim;
using lockstep::test::PeerProcess;

// fleetsim's metrics judged by the reference: real Prometheus scrapes two instances, one on a good
// release and one on a bad one, and its rate() / histogram_quantile() must show the numbers the
// simulator promises (docs/fleetsim.md) on either side of the reference procedure's thresholds
// (errors < 1 %, p95 < 500 ms).
class TestFleetSimPrometheus : public QObject
{
    Q_OBJECT

private:
    FleetSim m_sim;
    PeerProcess m_prometheus;
    QTemporaryDir m_dir;
    quint16 m_promPort = 0;

    std::optional<double> query(const QString &expr)
    {
        QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/query").arg(m_promPort));
        url.setQuery(QUrlQuery{{QStringLiteral("query"), expr}});
        QNetworkAccessManager nam;
        QNetworkRequest request(url);
        request.setTransferTimeout(5000);
        QNetworkReply *reply = nam.get(request);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        const QJsonArray result = QJsonDocument::fromJson(reply->readAll())
                                      .object()[QStringLiteral("data")][QStringLiteral("result")].toArray();
        delete reply;
        if (result.size() != 1)
            return std::nullopt;
        bool ok = false;
        const double value = result.at(0)[QStringLiteral("value")][1].toString().toDouble(&ok);
        return ok && !qIsNaN(value) ? std::optional<double>(value) : std::nullopt;
    }

    static QString p95(const char *job)
    {
        return QStringLiteral("histogram_quantile(0.95, rate(http_request_duration_seconds_bucket{job=\"%1\"}[8s]))")
            .arg(QLatin1String(job));
    }

    static QString errorRatio(const char *job)
    {
        return QStringLiteral("sum(rate(http_requests_total{job=\"%1\",code=\"500\"}[8s])) / "
                              "sum(rate(http_requests_total{job=\"%1\"}[8s]))").arg(QLatin1String(job));
    }

private slots:
    void initTestCase()
    {
        if (const QString missing = PeerProcess::missingProgram(QStringLiteral("prometheus"), QStringLiteral("prometheus"));
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        QVERIFY(m_dir.isValid());
        const QString failure = m_sim.start({QStringLiteral("--instances"), QStringLiteral("2"),
                                             QStringLiteral("--upgrade-ms"), QStringLiteral("100")});
        if (!failure.isEmpty())
            QFAIL(qPrintable(failure));
        // node-0002 goes to 1.5.1, the release marked bad in the generic fleet's feed.
        QCOMPARE(m_sim.post(QStringLiteral("/api/instances/node-0002/upgrade"),
                            {{QStringLiteral("version"), QStringLiteral("1.5.1")}}).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(m_sim.get(QStringLiteral("/i/node-0002/version")).json()[QStringLiteral("version")]
                                      .toString(), QStringLiteral("1.5.1"), 10000);

        QFile config(m_dir.filePath(QStringLiteral("prometheus.yml")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("global: {scrape_interval: 1s}\nscrape_configs:\n"
                                    "  - job_name: good\n    metrics_path: /i/node-0001/metrics\n"
                                    "    static_configs: [{targets: ['127.0.0.1:%1']}]\n"
                                    "  - job_name: bad\n    metrics_path: /i/node-0002/metrics\n"
                                    "    static_configs: [{targets: ['127.0.0.1:%1']}]\n")
                         .arg(m_sim.port()).toUtf8());
        config.close();
        m_promPort = lockstep::test::freePort();
        const bool started = m_prometheus.start(
            QStringLiteral("prometheus"),
            {QStringLiteral("--config.file=") + config.fileName(),
             QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
             QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_promPort)},
            m_promPort);
        QVERIFY2(started, qPrintable(m_prometheus.output()));
    }

    void expositionPassesPromtool()
    {
        if (const QString missing = PeerProcess::missingProgram(QStringLiteral("promtool"), QStringLiteral("prometheus"));
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        for (const QString &name : {QStringLiteral("node-0001"), QStringLiteral("node-0002")}) {
            QProcess promtool;
            promtool.start(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")});
            QVERIFY(promtool.waitForStarted());
            promtool.write(m_sim.get(QStringLiteral("/i/%1/metrics").arg(name)).body);
            promtool.closeWriteChannel();
            QVERIFY(promtool.waitForFinished(10000));
            QVERIFY2(promtool.exitCode() == 0, promtool.readAll().constData());
        }
    }

    void prometheusSeesGoodAndBadReleasesApart()
    {
        // Enough scrapes for an 8 s rate window: poll the query until both jobs have ~6 s of data.
        std::optional<double> goodP95, badP95, goodErrors, badErrors;
        QDeadlineTimer deadline(40000);
        QElapsedTimer since;
        since.start();
        while (!deadline.hasExpired()) {
            QTest::qWait(1000);
            goodP95 = query(p95("good"));
            badP95 = query(p95("bad"));
            goodErrors = query(errorRatio("good"));
            badErrors = query(errorRatio("bad"));
            if (since.elapsed() > 7000 && goodP95 && badP95 && goodErrors && badErrors)
                break;
        }
        QVERIFY2(goodP95 && badP95 && goodErrors && badErrors, qPrintable(m_prometheus.output().right(2000)));
        qInfo("p95 good %.3f s, bad %.3f s; errors good %.4f, bad %.4f", *goodP95, *badP95, *goodErrors, *badErrors);
        QVERIFY2(*goodP95 > 0.10 && *goodP95 < 0.15, qPrintable(QString::number(*goodP95)));
        QVERIFY2(*badP95 > 0.75 && *badP95 < 1.0, qPrintable(QString::number(*badP95)));
        QVERIFY2(*goodErrors < 0.01, qPrintable(QString::number(*goodErrors)));
        QVERIFY2(*badErrors > 0.05 && *badErrors < 0.12, qPrintable(QString::number(*badErrors)));
        const std::optional<double> badQueue = query(QStringLiteral("queue_depth{job=\"bad\"}"));
        QVERIFY(badQueue && *badQueue > 5);
    }
};

QTEST_GUILESS_MAIN(TestFleetSimPrometheus)
#include "tst_fleetsimprometheus.moc"
