#pragma once

#include "models/Instance.h"
#include "models/runbook/Runbook.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace lockstep {

// One measurement a gate took: the value it saw, its verdict and why.
struct GateMeasurement
{
    enum class Verdict { Pass, Fail, Inconclusive, NoData, ProviderError };
    QDateTime time;
    std::optional<double> value;
    std::optional<double> baseline;      // when the gate compares against a baseline ...
    QDateTime baselineFrom, baselineTo;  // ... read over this window (pre-upgrade: ends at the upgrade start)
    Verdict verdict = Verdict::NoData;
    QString reason;                      // "error_rate 0.034 >= 0.01 (over 30s, 3 instances)"
    // What the reading was, so it can be kept with the run (GateMeasurementRecord): the window read,
    // the limit the value was compared with and how, and where the value came from.
    QDateTime windowFrom;
    QDateTime windowTo;
    std::optional<double> limit;         // none for `between` (condition names both bounds)
    QString condition;                   // "< 0.01", "> 5", "within [1, 2]", "< 0.012 (baseline 0.01 + 20%)"
    QString source;                      // scrape | prometheus (MetricSource::sourceName)
};

// How a gate ended.
struct GateOutcome
{
    enum class State {
        Passed,
        Failed,            // failure limit reached, provider errors over the limit, or no data with no_data: fail
        NeedsOperator,     // inconclusive, or no data with no_data: pause
    };
    State state = State::Failed;
    QString summary;                     // why it decided, for the run log, the audit log and the report
    QList<GateMeasurement> measurements;
};

// A gate being evaluated: measures every `interval`, `count` times (after `initialDelay`).
class GateRun : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void cancel() = 0;

signals:
    void measured(const lockstep::GateMeasurement &measurement);
    void finished(const lockstep::GateOutcome &outcome);
};

// What the engine needs from the metrics side. `instances` are the ones the gate judges (the wave
// just upgraded); `baselineInstances` the not-yet-upgraded ones for canary-vs-baseline comparisons;
// `upgradeStarted` marks the end of the pre-upgrade baseline window.
class GateEvaluator
{
public:
    virtual ~GateEvaluator() = default;
    virtual GateRun *start(const GateSpec &gate, const QList<Instance> &instances,
                           const QList<Instance> &baselineInstances, const QDateTime &upgradeStarted,
                           QObject *parent) = 0;
};

} // namespace lockstep
