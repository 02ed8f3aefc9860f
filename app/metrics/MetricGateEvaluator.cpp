#include "app/metrics/MetricGateEvaluator.h"

#include "app/metrics/MetricGateRun.h"

#include <algorithm>

namespace lockstep {

MetricGateEvaluator::MetricGateEvaluator(MetricSource &source) : MetricGateEvaluator(source, Options{}) {}

MetricGateEvaluator::MetricGateEvaluator(MetricSource &source, Options options)
    : m_source(source)
    , m_options(options)
{
}

GateRun *MetricGateEvaluator::start(const GateSpec &gate, const QList<Instance> &instances,
                                    const QList<Instance> &baselineInstances, const QDateTime &upgradeStarted,
                                    QObject *parent)
{
    const auto window = std::max<std::chrono::milliseconds>(gate.interval, m_options.minimumWindow);
    auto *run = new MetricGateRun(m_source, gate, instances, baselineInstances, upgradeStarted, window, parent);
    run->shareBaselines(m_baselines);
    run->start();
    return run;
}

} // namespace lockstep
