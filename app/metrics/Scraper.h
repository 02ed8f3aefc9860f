#pragma once

#include "app/metrics/MetricDefinitions.h"
#include "app/metrics/MetricStore.h"
#include "app/metrics/PromTextParser.h"
#include "models/Instance.h"
#include "models/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>

class QNetworkReply;

namespace lockstep {

struct ScrapeTarget
{
    QString instance;
    QUrl url;              // the instance's /metrics
};

// Scrapes each target's /metrics every `interval` on the caller's event loop (asynchronous
// QNetworkAccessManager, at most `maxConcurrent` requests in flight), parses the body and appends
// the series MetricDefinitions names to the store, stamped with the scrape's start time from Clock
// (as Prometheus does). A failed scrape (connection, timeout, size, HTTP status, parse error)
// stores nothing and is kept as the target's last error, which a gate shows.
//
// A hostile target cannot take memory or time: `timeout` is an absolute deadline for the whole
// request (a byte a second does not keep it alive), the body is read as it arrives and cut at
// `maxBodyBytes` (also after gzip decoding), and the parser stops at `limits`. Pages of
// `parseInWorkerFrom` bytes or more are parsed on a worker thread; only values come back.
class Scraper : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        std::chrono::milliseconds interval{std::chrono::seconds(5)};
        std::chrono::milliseconds timeout{std::chrono::seconds(3)};
        int maxConcurrent = 16;
        qint64 maxBodyBytes = 4 << 20;
        PromTextParser::Limits limits{64 * 1024, 128, 200000};
        qint64 parseInWorkerFrom = 64 * 1024;
    };
    struct Health
    {
        QDateTime lastAttempt;
        QDateTime lastSuccess;
        std::optional<Error> lastError;   // of the last attempt; empty when it succeeded
    };

    Scraper(MetricStore &store, MetricDefinitions definitions, Options options, QObject *parent = nullptr);

    static ScrapeTarget targetFor(const Instance &instance);   // baseUrl + "/metrics"
    void setTargets(const QList<ScrapeTarget> &targets);
    void start();          // scrapes now, then every interval
    void stop();
    void scrapeNow();      // one round (targets still in flight are skipped)
    std::optional<Health> health(const QString &instance) const;

signals:
    void scraped(const QString &instance, bool ok, const QString &error);
    void roundFinished();

private:
    struct Transfer;
    struct ParsedPage
    {
        Status status = okStatus();
        std::vector<ScrapedSample> samples;
    };

    void pump();
    void onFinished(const std::shared_ptr<Transfer> &transfer);
    void onParsed(const ScrapeTarget &target, const QDateTime &started, ParsedPage page);
    void finishScrape(const ScrapeTarget &target, const std::optional<Error> &error);
    void maybeRoundFinished();
    static ParsedPage parsePage(const QByteArray &body, const QByteArray &contentType,
                                const MetricDefinitions &definitions, PromTextParser::Limits limits);

    MetricStore &m_store;
    MetricDefinitions m_definitions;
    Options m_options;
    QNetworkAccessManager m_network;
    QTimer m_timer;
    QList<ScrapeTarget> m_targets;
    std::deque<ScrapeTarget> m_queue;
    QSet<QString> m_busy;          // queued or in flight
    int m_inFlight = 0;
    int m_parsing = 0;             // pages on the worker
    QHash<QString, Health> m_health;
    QThreadPool m_parsers;         // last member: destroyed first, waiting for its pages
};

} // namespace lockstep
