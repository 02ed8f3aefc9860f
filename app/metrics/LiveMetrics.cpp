#include "app/metrics/LiveMetrics.h"

#include "app/metrics/MetricDefinitions.h"
#include "app/metrics/Scraper.h"
#include "models/Clock.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lockstep {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

LiveMetrics::LiveMetrics(Options options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_store(options.retention, options.scrapeInterval)
    , m_metrics(m_store)
{
    qRegisterMetaType<LiveMetricsUpdate>();
}

LiveMetrics::~LiveMetrics() = default;

void LiveMetrics::watch(quint64 generation, const QList<Instance> &instances, const QList<GateSpec> &gates,
                        qint64 rangeMs, const QList<Instance> &baseline)
{
    m_generation = generation;
    m_instances = instances;
    m_names.clear();
    QList<ScrapeTarget> targets;
    for (const Instance &i : instances) {
        m_names << i.name;
        if (i.baseUrl.isValid())
            targets << Scraper::targetFor(i);
    }
    m_baselineNames.clear();
    for (const Instance &i : baseline) {
        if (m_names.contains(i.name))
            continue;
        m_baselineNames << i.name;
        if (i.baseUrl.isValid())
            targets << Scraper::targetFor(i);
    }
    m_gates.clear();
    m_latencyMetric = QStringLiteral("p95_latency");
    for (const GateSpec &g : gates) {
        m_gates.emplace_back(g);
        if (!g.promql && MetricDefinitions::latencyQuantile(g.metric))
            m_latencyMetric = g.metric;   // chart the quantile a gate judges
    }
    if (!m_scraper) {
        m_scraper = std::make_unique<Scraper>(m_store, MetricDefinitions{},
                                              Scraper::Options{m_options.scrapeInterval, std::chrono::seconds(3),
                                                               m_options.maxConcurrent});
        connect(m_scraper.get(), &Scraper::roundFinished, this, &LiveMetrics::onRound);
    }
    m_scraper->stop();
    m_scraper->setTargets(targets);

    // What is already in the store for these instances (kept when the selection changes), over the range.
    LiveMetricsUpdate history;
    history.generation = generation;
    history.replace = true;
    history.latencyMetric = m_latencyMetric;
    const qint64 now = Clock::instance().now().toMSecsSinceEpoch();
    const qint64 step = std::max<qint64>(m_options.scrapeInterval.count(), rangeMs / 1500);
    const qint64 window = m_options.minimumWindow.count();
    const qint64 from = now - rangeMs;
    if (!m_names.isEmpty()) {
        for (qint64 t = from + (now - from) % step; t <= now; t += step)
            appendValues(history, t, window);
    }
    for (const LiveGateTracker &g : m_gates)
        history.gates << g.state();
    history.at = Clock::instance().now();
    fillStatus(history);
    emit updated(history);

    if (!targets.isEmpty())
        m_scraper->start();
}

void LiveMetrics::stop()
{
    if (m_scraper)
        m_scraper->stop();
}

double LiveMetrics::valueAt(const QString &metric, const QStringList &names, qint64 fromMs, qint64 toMs) const
{
    const Result<MetricReading> r = m_metrics.evaluate(metric, names, fromMs, toMs);
    return r && r->value ? *r->value : kNaN;
}

void LiveMetrics::appendValues(LiveMetricsUpdate &update, qint64 t, qint64 window) const
{
    update.timesMs.push_back(double(t));
    update.errorRate.push_back(valueAt(QStringLiteral("error_rate"), m_names, t - window, t));
    update.latency.push_back(valueAt(m_latencyMetric, m_names, t - window, t));
    update.queueDepth.push_back(valueAt(QStringLiteral("queue_depth"), m_names, t - window, t));
    if (m_baselineNames.isEmpty())
        return;
    update.baselineErrorRate.push_back(valueAt(QStringLiteral("error_rate"), m_baselineNames, t - window, t));
    update.baselineLatency.push_back(valueAt(m_latencyMetric, m_baselineNames, t - window, t));
    update.baselineQueueDepth.push_back(valueAt(QStringLiteral("queue_depth"), m_baselineNames, t - window, t));
}

void LiveMetrics::onRound()
{
    if (m_names.isEmpty())
        return;
    const QDateTime now = Clock::instance().now();
    const qint64 t = now.toMSecsSinceEpoch();
    const qint64 window = m_options.minimumWindow.count();
    LiveMetricsUpdate update;
    update.generation = m_generation;
    update.latencyMetric = m_latencyMetric;
    update.at = now;
    appendValues(update, t, window);
    fillStatus(update);
    for (LiveGateTracker &g : m_gates) {
        if (g.state().state != LiveGateState::State::Unsupported) {
            Result<MetricReading> reading = m_metrics.evaluate(g.gate().metric, m_names, t - g.windowMs(window), t);
            if (reading && !reading->value && reading->instancesWithData == 0 && update.answered == 0
                && !update.scrapeErrors.isEmpty()) {
                reading = Error{QStringLiteral("the last scrapes of all %1 instances failed: %2")
                                    .arg(m_names.size())
                                    .arg(update.scrapeErrors.first()),
                                {}, QStringLiteral("check that the instances are up and serve /metrics")};
            }
            g.observe(now, reading);
        }
        update.gates << g.state();
    }
    emit updated(update);
}

void LiveMetrics::fillStatus(LiveMetricsUpdate &update) const
{
    update.instances = int(m_names.size());
    if (!m_scraper)
        return;
    for (const QString &name : m_names) {
        const auto health = m_scraper->health(name);
        if (!health)
            continue;
        if (health->lastError)
            update.scrapeErrors << QStringLiteral("%1: %2").arg(name, health->lastError->toString());
        else
            ++update.answered;
    }
}

} // namespace lockstep
