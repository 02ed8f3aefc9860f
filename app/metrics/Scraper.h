#pragma once

#include "app/metrics/MetricDefinitions.h"
#include "models/Instance.h"
#include "models/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <optional>

class QNetworkReply;

namespace lockstep {

class MetricStore;

struct ScrapeTarget
{
    QString instance;
    QUrl url;              // the instance's /metrics
};

// Scrapes each target's /metrics every `interval` on the caller's event loop (asynchronous
// QNetworkAccessManager, at most `maxConcurrent` requests in flight, a per-request timeout), parses
// the body and appends the series MetricDefinitions names to the store, stamped with the scrape's
// start time from Clock (as Prometheus does). A failed scrape (connection, timeout, HTTP status,
// parse error) stores nothing and is kept as the target's last error.
class Scraper : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        std::chrono::milliseconds interval{std::chrono::seconds(5)};
        std::chrono::milliseconds timeout{std::chrono::seconds(3)};
        int maxConcurrent = 16;
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
    void pump();
    void onFinished(QNetworkReply *reply, const ScrapeTarget &target, const QDateTime &started);

    MetricStore &m_store;
    MetricDefinitions m_definitions;
    Options m_options;
    QNetworkAccessManager m_network;
    QTimer m_timer;
    QList<ScrapeTarget> m_targets;
    std::deque<ScrapeTarget> m_queue;
    QSet<QString> m_busy;          // queued or in flight
    int m_inFlight = 0;
    QHash<QString, Health> m_health;
};

} // namespace lockstep
