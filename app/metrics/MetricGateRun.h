#pragma once

#include "app/metrics/GateEvaluator.h"
#include "app/metrics/MetricReading.h"
#include "app/metrics/MetricSource.h"
#include "models/Result.h"

#include <QTimer>

#include <QHash>

#include <chrono>
#include <memory>
#include <optional>

namespace lockstep {

// One gate being evaluated, as an explicit state machine:
//   Delaying --(initialDelay + interval)--> Measuring --(readings in)--> Waiting --(interval)--> Measuring ...
//   ... --> Finished (finished() emitted exactly once)
// Each measurement reads the gate's metric over [now - window, now] (not before the upgrade started),
// and the baseline when the gate has one, then judges it (GateJudge) and emits measured(). A
// `pre-upgrade` baseline is the same instances over [upgradeStarted - window, upgradeStarted], read once;
// `not-upgraded` the baseline instances over the current window. No baseline (no upgrade start, no
// instance left on the old version, no data in the window) is inconclusive: a person decides.
//  - failures reach failure_limit (<= 0 counts as 1): Failed at once;
//  - inconclusive: NeedsOperator at once;
//  - no data: no_data fail -> counts as a failure; pause -> NeedsOperator at once; pass -> carries on,
//    and the summary says how many measurements had no data;
//  - provider errors: counted apart from failures; provider_error_limit consecutive ones -> Failed;
//  - after `count` measurements: Passed, unless no measurement had a value (then the no_data policy).
// cancel() stops it at once and silently: no more measured(), no finished() (the caller ends its step
// as cancelled; a Failed outcome could be mistaken for a gate failure).
class MetricGateRun final : public GateRun
{
    Q_OBJECT
public:
    MetricGateRun(MetricSource &source, GateSpec gate, QList<Instance> instances, QList<Instance> baselineInstances,
                  QDateTime upgradeStarted, std::chrono::milliseconds window, QObject *parent);

    void start();
    void cancel() override;
    // Pre-upgrade baselines shared by the gate runs of one evaluator (MetricGateEvaluator::BaselineCache).
    void shareBaselines(std::shared_ptr<QHash<QString, MetricReading>> cache);

private:
    enum class State { Idle, Delaying, Measuring, Waiting, Finished };

    void measure();
    void onReading(bool baseline, const Result<MetricReading> &reading);
    void judge();
    void record(const GateMeasurement &m);
    void finish(GateOutcome::State state, const QString &summary);
    QString counts() const;
    bool preUpgrade() const { return m_gate.baseline == QLatin1String("pre-upgrade"); }
    bool notUpgraded() const { return m_gate.baseline == QLatin1String("not-upgraded"); }
    // Why a baseline gate has nothing to compare with (`reading`: the baseline reading, if any).
    QString missingBaseline(const MetricReading *reading) const;
    QString instanceNames() const;
    QString baselineKey() const;
    // What reasons call the measured value: the metric, or for a PromQL gate its id (not the expression).
    QString subject() const { return m_gate.promql ? m_gate.id : m_gate.metric; }

    MetricSource &m_source;
    GateSpec m_gate;
    QList<Instance> m_instances;
    QList<Instance> m_baselineInstances;
    QDateTime m_upgradeStarted;
    std::chrono::milliseconds m_window;
    QTimer m_timer;
    State m_state = State::Idle;
    quint64 m_generation = 0;   // readings of an older measurement (or after cancel) are ignored

    // The measurement in flight.
    int m_pendingReads = 0;
    QDateTime m_measuredAt;
    MetricQuery m_query;                  // what it read: the window and, through the source, from where
    std::optional<Result<MetricReading>> m_current;
    std::optional<Result<MetricReading>> m_baseline;
    std::optional<MetricReading> m_preUpgradeBaseline;   // read once
    QDateTime m_baselineFrom, m_baselineTo;              // the window the baseline was read over
    std::shared_ptr<QHash<QString, MetricReading>> m_baselineCache;

    GateOutcome m_outcome;
    int m_taken = 0;
    int m_passes = 0;
    int m_failures = 0;
    int m_noData = 0;
    int m_providerErrors = 0;
    int m_consecutiveProviderErrors = 0;
    int m_withValue = 0;
};

} // namespace lockstep
