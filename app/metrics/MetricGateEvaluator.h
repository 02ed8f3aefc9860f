#pragma once

#include "app/metrics/GateEvaluator.h"
#include "app/metrics/MetricReading.h"

#include <QHash>

#include <chrono>
#include <memory>

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

    // Pre-upgrade baselines read so far, by gate, instances and upgrade start: the window before an
    // upgrade does not change, so later runs of the same gate (every round of an hours-long watch) use
    // the reading even once the scrape store no longer holds that window.
    using BaselineCache = QHash<QString, MetricReading>;

private:
    MetricSource &m_source;
    Options m_options;
    std::shared_ptr<BaselineCache> m_baselines = std::make_shared<BaselineCache>();
};

} // namespace lockstep
