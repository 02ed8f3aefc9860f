#pragma once

#include "app/metrics/GateEvaluator.h"

#include <chrono>

namespace lockstep {

class MetricSource;

// GateEvaluator over a MetricSource (scrapes or Prometheus). See MetricGateRun for the semantics.
class MetricGateEvaluator final : public GateEvaluator
{
public:
    struct Options
    {
        // The window a measurement looks back over is max(gate interval, this): rates need at least two
        // scrapes in it, so it should cover several scrape intervals.
        std::chrono::milliseconds minimumWindow{std::chrono::seconds(30)};
    };

    explicit MetricGateEvaluator(MetricSource &source);
    MetricGateEvaluator(MetricSource &source, Options options);

    GateRun *start(const GateSpec &gate, const QList<Instance> &instances, const QList<Instance> &baselineInstances,
                   const QDateTime &upgradeStarted, QObject *parent) override;

private:
    MetricSource &m_source;
    Options m_options;
};

} // namespace lockstep
