#include "app/metrics/Scraper.h"

#include "app/metrics/MetricStore.h"
#include "app/metrics/PromTextParser.h"
#include "app/metrics/ScrapeExtractor.h"
#include "models/Clock.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace lockstep {

Scraper::Scraper(MetricStore &store, MetricDefinitions definitions, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_definitions(std::move(definitions))
    , m_options(options)
{
    connect(&m_timer, &QTimer::timeout, this, &Scraper::scrapeNow);
}

ScrapeTarget Scraper::targetFor(const Instance &instance)
{
    QUrl url = instance.baseUrl;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + QStringLiteral("metrics"));
    return {instance.name, url};
}

void Scraper::setTargets(const QList<ScrapeTarget> &targets)
{
    m_targets = targets;
}

void Scraper::start()
{
    m_timer.start(m_options.interval);
    scrapeNow();
}

void Scraper::stop()
{
    m_timer.stop();
    // Queued targets were marked busy: unmark them, or the next round would skip them for good.
    for (const ScrapeTarget &target : m_queue)
        m_busy.remove(target.instance);
    m_queue.clear();
}

void Scraper::scrapeNow()
{
    for (const ScrapeTarget &target : std::as_const(m_targets)) {
        if (m_busy.contains(target.instance))
            continue;   // the previous scrape is still running: skip, as Prometheus does
        m_busy.insert(target.instance);
        m_queue.push_back(target);
    }
    pump();
}

std::optional<Scraper::Health> Scraper::health(const QString &instance) const
{
    const auto it = m_health.constFind(instance);
    if (it == m_health.constEnd())
        return std::nullopt;
    return *it;
}

void Scraper::pump()
{
    while (m_inFlight < std::max(1, m_options.maxConcurrent) && !m_queue.empty()) {
        const ScrapeTarget target = m_queue.front();
        m_queue.pop_front();
        QNetworkRequest request(target.url);
        request.setTransferTimeout(int(m_options.timeout.count()));
        request.setRawHeader("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1");
        const QDateTime started = Clock::instance().now();
        m_health[target.instance].lastAttempt = started;
        QNetworkReply *reply = m_network.get(request);
        ++m_inFlight;
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, target, started] { onFinished(reply, target, started); });
    }
    if (m_inFlight == 0 && m_queue.empty())
        emit roundFinished();
}

void Scraper::onFinished(QNetworkReply *reply, const ScrapeTarget &target, const QDateTime &started)
{
    reply->deleteLater();
    --m_inFlight;
    m_busy.remove(target.instance);
    Health &health = m_health[target.instance];
    const QString where = target.url.toString();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    std::optional<Error> error;
    if (reply->error() == QNetworkReply::OperationCanceledError) {
        error = Error{QStringLiteral("scrape timed out after %1 ms").arg(m_options.timeout.count()), where,
                      QStringLiteral("check that the instance is up and answers /metrics quickly")};
    } else if (status != 200 && status != 0) {
        error = Error{QStringLiteral("scrape answered HTTP %1").arg(status), where, {}};
    } else if (reply->error() != QNetworkReply::NoError) {
        error = Error{QStringLiteral("scrape failed: %1").arg(reply->errorString()), where,
                      QStringLiteral("check that the instance is up")};
    } else {
        const QByteArray body = reply->readAll();
        const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        PromTextParser parser(PromTextParser::formatForContentType(
            std::string_view(contentType.constData(), std::size_t(contentType.size()))));
        const std::string histogram = m_definitions.latencyHistogram.toStdString();
        ScrapeExtractor extractor({m_definitions.requestsCounter.toStdString(), histogram + "_bucket",
                                   m_definitions.queueGauge.toStdString()});
        const Status parsed = parser.parse(std::string_view(body.constData(), std::size_t(body.size())), extractor);
        if (!parsed) {
            Error e = parsed.error();
            e.where = where + QLatin1Char(' ') + e.where;
            error = e;
        } else {
            m_store.append(target.instance, started.toMSecsSinceEpoch(), extractor.take());
            health.lastSuccess = started;
        }
    }
    health.lastError = error;
    emit scraped(target.instance, !error, error ? error->toString() : QString());
    pump();
}

} // namespace lockstep
