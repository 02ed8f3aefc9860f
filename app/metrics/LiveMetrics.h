#pragma once

#include "app/metrics/FleetMetrics.h"
#include "app/metrics/LiveGateTracker.h"
#include "app/metrics/MetricStore.h"
#include "models/Instance.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <chrono>
#include <memory>
#include <vector>

namespace lockstep {

class Scraper;

// What the monitoring view draws, computed by LiveMetrics on its own thread.
struct LiveMetricsUpdate
{
    quint64 generation = 0;       // of the watch() it answers; older ones are dropped by the view
    bool replace = false;         // true: the points cover the whole range (after watch()); false: new points
    QString latencyMetric;        // the quantile the latency points are ("p95_latency")
    std::vector<double> timesMs;
    std::vector<double> errorRate;    // NaN where there is no data
    std::vector<double> latency;
    std::vector<double> queueDepth;
    // The baseline group's values at the same times (the run's instances not upgraded yet, when a wave
    // is watched); empty without a baseline.
    std::vector<double> baselineErrorRate;
    std::vector<double> baselineLatency;
    std::vector<double> baselineQueueDepth;
    QList<LiveGateState> gates;
    QDateTime at;
    int instances = 0;
    int answered = 0;             // instances whose last scrape succeeded
    QStringList scrapeErrors;     // "NAME: what failed", for the instances whose last scrape failed
};

// Scrapes a group of instances (a wave, a product's fleet, a hand-picked set) and derives what the
// monitoring view shows: error rate, a latency quantile and queue depth over the group (FleetMetrics,
// the same derivations gates use), plus the live state of the gates that apply. Meant to live on a
// worker thread: call it only through queued invocations; it answers with updated() once per scrape
// round (and once with the whole range after each watch()), so the GUI thread never parses or derives.
class LiveMetrics : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        std::chrono::milliseconds scrapeInterval{std::chrono::seconds(5)};
        std::chrono::milliseconds minimumWindow{std::chrono::seconds(30)};   // as gates use
        std::chrono::milliseconds retention{std::chrono::hours(24)};
        int maxConcurrent = 16;
    };

    explicit LiveMetrics(Options options, QObject *parent = nullptr);
    ~LiveMetrics() override;

    // Starts (or changes) what is watched; scraping starts at once. `rangeMs` is how far back the
    // first update's points reach. Empty `instances` stops scraping. `baseline` instances are scraped
    // too and derived as a second group (same aggregation: histograms summed per `le` over the group
    // before the quantile), for comparing a wave (canary) with the instances not upgraded yet.
    void watch(quint64 generation, const QList<Instance> &instances, const QList<GateSpec> &gates, qint64 rangeMs,
               const QList<Instance> &baseline = {});
    void stop();

signals:
    void updated(const lockstep::LiveMetricsUpdate &update);

private:
    void onRound();
    void fillStatus(LiveMetricsUpdate &update) const;
    double valueAt(const QString &metric, const QStringList &names, qint64 fromMs, qint64 toMs) const;
    void appendValues(LiveMetricsUpdate &update, qint64 t, qint64 window) const;

    Options m_options;
    MetricStore m_store;
    FleetMetrics m_metrics;
    std::unique_ptr<Scraper> m_scraper;   // created on the worker thread, by the first watch()
    quint64 m_generation = 0;
    QList<Instance> m_instances;
    QStringList m_names;
    QStringList m_baselineNames;
    QString m_latencyMetric = QStringLiteral("p95_latency");
    std::vector<LiveGateTracker> m_gates;
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::LiveMetricsUpdate)
