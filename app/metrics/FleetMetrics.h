#pragma once

#include "app/metrics/ExtrapolatedRate.h"
#include "app/metrics/MetricDefinitions.h"
#include "app/metrics/MetricReading.h"
#include "models/Result.h"

#include <QStringList>

#include <vector>

namespace lockstep {

class MetricStore;

// Derives gate metrics for a group of instances (a wave, a fleet) from their scraped series, the way
// the equivalent PromQL would over the window [fromMs, toMs]:
//   request_rate  sum(rate(http_requests_total[w]))
//   error_rate    sum(rate(http_requests_total{code=~"5.."}[w])) / sum(rate(http_requests_total[w]))
//   pNN_latency   histogram_quantile(0.NN, sum by (le) (rate(http_request_duration_seconds_bucket[w])))
//   queue_depth   max(sum by (instance) (queue_depth)), latest value of each instance in the window
// Rates are per series (so a restart of one process is one counter reset), then summed.
class FleetMetrics
{
public:
    explicit FleetMetrics(const MetricStore &store, MetricDefinitions definitions = {},
                          ExtrapolatedRate::Compat compat = ExtrapolatedRate::Compat::Prometheus2);

    Result<MetricReading> evaluate(const QString &metric, const QStringList &instances, std::int64_t fromMs,
                                   std::int64_t toMs) const;

    // The metric as a time series for a chart (MetricChart::setPoints): one point every `stepMs` in
    // [fromMs, toMs], each over the `windowMs` before it; NaN where there is no data.
    struct Series
    {
        std::vector<double> timesMs;
        std::vector<double> values;
    };
    Result<Series> series(const QString &metric, const QStringList &instances, std::int64_t fromMs, std::int64_t toMs,
                          std::int64_t stepMs, std::int64_t windowMs) const;

private:
    MetricReading requestRates(const QStringList &instances, std::int64_t fromMs, std::int64_t toMs,
                               bool errorShare) const;
    MetricReading latency(double q, const QStringList &instances, std::int64_t fromMs, std::int64_t toMs) const;
    MetricReading queueDepth(const QStringList &instances, std::int64_t fromMs, std::int64_t toMs) const;

    const MetricStore &m_store;
    MetricDefinitions m_definitions;
    ExtrapolatedRate::Compat m_compat;
};

} // namespace lockstep
