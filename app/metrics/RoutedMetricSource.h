#pragma once

#include "app/metrics/MetricSource.h"

namespace lockstep {

// The gates' metric source: sends each query to the source that can answer it.
//  - PromQL gates go to Prometheus; without one they are a provider error that says how to configure it
//    (the engine refuses such a plan before it runs, see EngineRuntime::checkGateSources).
//  - Built-in metrics (error_rate, pNN_latency, ...) come from Lockstep's own scrapes, unless every
//    queried instance names a PromQL selector as its metrics source in the inventory
//    (`metrics: {job="x"}`) and a Prometheus is configured: such instances are measured where the
//    inventory says they are.
// Neither source is owned; `prometheus` may be null.
class RoutedMetricSource final : public MetricSource
{
public:
    RoutedMetricSource(MetricSource &scrapes, MetricSource *prometheus);

    void read(const MetricQuery &query, QObject *context, Callback done) override;
    QString sourceName(const MetricQuery &query) const override;

    // Whether the instance's inventory entry points at a Prometheus selector rather than its /metrics.
    static bool selectsFromPrometheus(const Instance &instance);

private:
    // The source that answers `query` (the rules above); null: a PromQL query without a Prometheus.
    MetricSource *route(const MetricQuery &query) const;

    MetricSource &m_scrapes;
    MetricSource *m_prometheus;
};

} // namespace lockstep
