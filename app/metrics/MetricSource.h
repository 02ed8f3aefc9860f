#pragma once

#include "app/metrics/MetricReading.h"
#include "models/Instance.h"
#include "models/Result.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace lockstep {

// One metric over one window for a group of instances.
struct MetricQuery
{
    QString metric;             // request_rate | error_rate | queue_depth | pNN_latency | a PromQL expression
    bool promql = false;
    QList<Instance> instances;
    QDateTime from;             // window start
    QDateTime to;               // window end ("now" for live gates)
};

// Where gate measurements come from: Lockstep's own scrapes (ScrapeMetricSource) or a Prometheus
// server (PrometheusMetricSource). A reading without a value is "no data"; an Error is a provider
// failure (timeout, HTTP error, unparsable answer) and is counted separately by gates.
class MetricSource
{
public:
    using Callback = std::function<void(const Result<MetricReading> &)>;
    virtual ~MetricSource() = default;

    // Asynchronous: `done` is called exactly once, later, on `context`'s thread, and not at all if
    // `context` is destroyed first.
    virtual void read(const MetricQuery &query, QObject *context, Callback done) = 0;
    // Which source answers `query`: "scrape" or "prometheus" (kept with each gate reading); empty when
    // it does not say.
    virtual QString sourceName(const MetricQuery &query) const
    {
        Q_UNUSED(query);
        return {};
    }
};

} // namespace lockstep
