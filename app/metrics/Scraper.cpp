#include "app/metrics/Scraper.h"

#include "app/core/BoundedBody.h"
#include "app/metrics/ScrapeExtractor.h"
#include "models/Clock.h"

#include <QFutureWatcher>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPromise>

namespace lockstep {

namespace {

// Qt's own buffer per reply; the body is moved into BoundedBody as it arrives.
constexpr qint64 kReadBufferBytes = 256 * 1024;

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host(), QString::number(url.port())) : url.host();
}

} // namespace

// One request in flight: its reply, what has arrived, and why we cut it, if we did.
struct Scraper::Transfer
{
    Transfer(const ScrapeTarget &t, const QDateTime &s, qint64 maxBytes)
        : target(t)
        , started(s)
        , body(maxBytes, QStringLiteral("metrics page from %1").arg(hostOf(t.url)))
    {
    }
    ScrapeTarget target;
    QDateTime started;
    BoundedBody body;
    QNetworkReply *reply = nullptr;
    std::optional<Error> cut;   // set when we aborted the reply (size, encoding, deadline)
};

Scraper::Scraper(MetricStore &store, MetricDefinitions definitions, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_definitions(std::move(definitions))
    , m_options(options)
{
    connect(&m_timer, &QTimer::timeout, this, &Scraper::scrapeNow);
    // Two cores are the machines this runs on: two pages parse at once, the rest wait in line.
    m_parsers.setMaxThreadCount(2);
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
        // Named here so Qt leaves the body encoded: BoundedBody decodes it under the size limit.
        request.setRawHeader("Accept-Encoding", "gzip");
        const QDateTime started = Clock::instance().now();
        m_health[target.instance].lastAttempt = started;
        auto transfer = std::make_shared<Transfer>(target, started, m_options.maxBodyBytes);
        QNetworkReply *reply = m_network.get(request);
        transfer->reply = reply;
        reply->setReadBufferSize(kReadBufferBytes);
        ++m_inFlight;
        const QString where = target.url.toString();
        auto cut = [transfer, where](Error error) {
            if (transfer->cut)
                return;
            error.where = where;
            transfer->cut = std::move(error);
            transfer->reply->abort();
        };
        auto begin = [transfer, cut] {
            if (transfer->body.begun())
                return;
            const QVariant length = transfer->reply->header(QNetworkRequest::ContentLengthHeader);
            const Status begun = transfer->body.begin(transfer->reply->rawHeader("Content-Encoding"),
                                                      length.isValid() ? length.toLongLong() : -1);
            if (!begun)
                cut(begun.error());
        };
        connect(reply, &QNetworkReply::metaDataChanged, this, begin);
        connect(reply, &QNetworkReply::readyRead, this, [transfer, begin, cut] {
            begin();
            if (transfer->cut)
                return;
            const Status appended = transfer->body.append(transfer->reply->readAll());
            if (!appended)
                cut(appended.error());
        });
        // The transfer timeout only measures silence; this deadline holds for the whole request.
        auto *deadline = new QTimer(reply);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, reply, [this, cut] {
            cut(Error{QStringLiteral("scrape timed out after %1 ms").arg(m_options.timeout.count()), {},
                      QStringLiteral("check that the instance is up and answers /metrics quickly")});
        });
        deadline->start(m_options.timeout);
        connect(reply, &QNetworkReply::finished, this, [this, transfer] { onFinished(transfer); });
    }
    maybeRoundFinished();
}

void Scraper::maybeRoundFinished()
{
    if (m_inFlight == 0 && m_parsing == 0 && m_queue.empty())
        emit roundFinished();
}

void Scraper::onFinished(const std::shared_ptr<Transfer> &transfer)
{
    QNetworkReply *reply = transfer->reply;
    reply->disconnect(this);
    reply->deleteLater();
    --m_inFlight;
    const ScrapeTarget &target = transfer->target;
    const QString where = target.url.toString();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    std::optional<Error> error;
    if (transfer->cut) {
        error = transfer->cut;
    } else if (reply->error() == QNetworkReply::OperationCanceledError) {
        error = Error{QStringLiteral("scrape timed out after %1 ms").arg(m_options.timeout.count()), where,
                      QStringLiteral("check that the instance is up and answers /metrics quickly")};
    } else if (status != 200 && status != 0) {
        error = Error{QStringLiteral("scrape answered HTTP %1").arg(status), where, {}};
    } else if (reply->error() != QNetworkReply::NoError) {
        error = Error{QStringLiteral("scrape failed: %1").arg(reply->errorString()), where,
                      QStringLiteral("check that the instance is up")};
    } else {
        Status read = transfer->body.append(reply->readAll());
        if (read)
            read = transfer->body.finish();
        if (!read) {
            error = read.error();
            error->where = where;
        }
    }
    if (error) {
        finishScrape(target, error);
        pump();
        return;
    }

    QByteArray body = transfer->body.take();
    const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const QDateTime started = transfer->started;
    if (body.size() < m_options.parseInWorkerFrom) {
        onParsed(target, started, parsePage(body, contentType, m_definitions, m_options.limits));
        pump();
        return;
    }
    // A large page is parsed on a worker so the engine's timers, steps and gates keep running.
    ++m_parsing;
    auto promise = std::make_shared<QPromise<ParsedPage>>();
    auto *watcher = new QFutureWatcher<ParsedPage>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, target, started] {
        watcher->deleteLater();
        --m_parsing;
        onParsed(target, started, watcher->future().takeResult());
        pump();
    });
    watcher->setFuture(promise->future());
    m_parsers.start([promise, body = std::move(body), contentType, definitions = m_definitions,
                     limits = m_options.limits] {
        promise->start();
        promise->addResult(parsePage(body, contentType, definitions, limits));
        promise->finish();
    });
    pump();
}

Scraper::ParsedPage Scraper::parsePage(const QByteArray &body, const QByteArray &contentType,
                                       const MetricDefinitions &definitions, PromTextParser::Limits limits)
{
    PromTextParser parser(PromTextParser::formatForContentType(
        std::string_view(contentType.constData(), std::size_t(contentType.size()))));
    parser.setLimits(limits);
    const std::string histogram = definitions.latencyHistogram.toStdString();
    ScrapeExtractor extractor({definitions.requestsCounter.toStdString(), histogram + "_bucket",
                               definitions.queueGauge.toStdString()});
    ParsedPage page;
    page.status = parser.parse(std::string_view(body.constData(), std::size_t(body.size())), extractor);
    if (page.status)
        page.samples = extractor.take();
    return page;
}

void Scraper::onParsed(const ScrapeTarget &target, const QDateTime &started, ParsedPage page)
{
    if (!page.status) {
        Error e = page.status.error();
        e.where = target.url.toString() + QLatin1Char(' ') + e.where;
        finishScrape(target, e);
        return;
    }
    m_store.append(target.instance, started.toMSecsSinceEpoch(), page.samples);
    m_health[target.instance].lastSuccess = started;
    finishScrape(target, std::nullopt);
}

void Scraper::finishScrape(const ScrapeTarget &target, const std::optional<Error> &error)
{
    m_busy.remove(target.instance);
    m_health[target.instance].lastError = error;
    emit scraped(target.instance, !error, error ? error->toString() : QString());
}

} // namespace lockstep
