#include "tests/support/Prometheus.h"

#include "tests/support/FreePort.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

namespace lockstep::test {

namespace {

QString yamlQuote(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

} // namespace

QString Prometheus::configYaml(const QList<Target> &targets, std::chrono::milliseconds scrapeInterval, const QString &job)
{
    const qint64 interval = scrapeInterval.count();
    QString yaml = QStringLiteral("global:\n  scrape_interval: %1ms\n  scrape_timeout: %2ms\n  evaluation_interval: %1ms\n"
                                  "scrape_configs:\n  - job_name: %3\n    static_configs:\n")
                       .arg(interval)
                       .arg(std::max<qint64>(100, interval * 9 / 10))
                       .arg(yamlQuote(job));
    // One static config per instance: the same host:port with its own path, labelled with its name.
    for (const Target &t : targets) {
        QString path = t.baseUrl.path();
        if (!path.endsWith(QLatin1Char('/')))
            path += QLatin1Char('/');
        yaml += QStringLiteral("      - targets: [%1]\n        labels:\n          __metrics_path__: %2\n"
                               "          instance: %3\n")
                    .arg(yamlQuote(QStringLiteral("%1:%2").arg(t.baseUrl.host()).arg(t.baseUrl.port(80))),
                         yamlQuote(path + QStringLiteral("metrics")), yamlQuote(t.instance));
    }
    return yaml;
}

QString Prometheus::start(const QList<Target> &targets, std::chrono::milliseconds scrapeInterval, const QString &job)
{
    const QString program = QStringLiteral("/usr/bin/prometheus");
    if (const QString missing = PeerProcess::missingProgram(program, QStringLiteral("prometheus")); !missing.isEmpty())
        return missing;
    if (!m_dir.isValid())
        return QStringLiteral("cannot create a temporary directory for Prometheus");
    const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly) || file.write(configYaml(targets, scrapeInterval, job).toUtf8()) < 0)
        return QStringLiteral("cannot write %1").arg(config);
    file.close();
    m_targets = int(targets.size());
    m_port = freePort();
    const QStringList args{QStringLiteral("--config.file=") + config,
                           QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
                           QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_port),
                           QStringLiteral("--storage.tsdb.retention.time=1h"), QStringLiteral("--log.level=warn")};
    if (!m_process.start(program, args, m_port, 20000))
        return QStringLiteral("Prometheus did not start on 127.0.0.1:%1; its output: %2").arg(m_port).arg(m_process.output());
    // The port opens before the API answers queries: wait for /-/ready.
    QNetworkAccessManager network;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && m_process.isRunning()) {
        QNetworkRequest request(QUrl(baseUrl().toString() + QStringLiteral("/-/ready")));
        request.setTransferTimeout(2000);
        QNetworkReply *reply = network.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        if (status == 200)
            return {};
        QThread::msleep(50);
    }
    const QString out = m_process.output();
    stop();
    return QStringLiteral("Prometheus did not become ready within 20 s; its output: %1").arg(out);
}

void Prometheus::stop()
{
    m_process.stop();
}

QUrl Prometheus::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

std::optional<double> Prometheus::queryValue(const QString &promql, const QDateTime &time, QString *error,
                                             int timeoutMs) const
{
    auto fail = [error](const QString &why) -> std::optional<double> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QByteArray params = "query=" + QUrl::toPercentEncoding(promql);
    if (time.isValid())
        params += "&time=" + QByteArray::number(double(time.toMSecsSinceEpoch()) / 1000.0, 'f', 3);
    QUrl url(baseUrl().toString() + QStringLiteral("/api/v1/query"));
    url.setQuery(QString::fromLatin1(params), QUrl::StrictMode);
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    const QByteArray body = reply->readAll();
    const QJsonObject doc = QJsonDocument::fromJson(body).object();
    if (doc.value(QStringLiteral("status")).toString() != QLatin1String("success"))
        return fail(QStringLiteral("query %1 failed: %2 %3").arg(promql, reply->errorString(), QString::fromUtf8(body)));
    const QJsonObject data = doc.value(QStringLiteral("data")).toObject();
    QJsonArray pair;
    if (data.value(QStringLiteral("resultType")).toString() == QLatin1String("scalar")) {
        pair = data.value(QStringLiteral("result")).toArray();
    } else {
        const QJsonArray result = data.value(QStringLiteral("result")).toArray();
        if (result.size() != 1)
            return fail(QStringLiteral("query %1 returned %2 series: %3").arg(promql).arg(result.size()).arg(QString::fromUtf8(body)));
        pair = result.at(0).toObject().value(QStringLiteral("value")).toArray();
    }
    bool ok = false;
    const double v = pair.at(1).toString().toDouble(&ok);
    if (!ok)
        return fail(QStringLiteral("query %1: unparsable value in %2").arg(promql, QString::fromUtf8(body)));
    return v;
}

bool Prometheus::waitForScrapes(int scrapes, int timeoutMs) const
{
    // count_over_time(up[...]) per target counts the scrapes so far; every target must have enough.
    const QString query = QStringLiteral("min(sum_over_time(up[10m])) >= %1 and count(up == 1) == %2").arg(scrapes).arg(m_targets);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (queryValue(query).has_value())
            return true;
        QTimer timer;
        QEventLoop loop;
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(200);
        loop.exec();
    }
    return false;
}

} // namespace lockstep::test
