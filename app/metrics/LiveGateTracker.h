#pragma once

#include "app/metrics/MetricReading.h"
#include "models/Result.h"
#include "models/runbook/Runbook.h"

#include <QDateTime>
#include <QMetaType>

#include <deque>
#include <optional>

namespace lockstep {

// A gate as the monitoring view shows it without a run: its condition judged live on every reading.
struct LiveGateState
{
    enum class State {
        Waiting,        // no reading yet
        Passing,
        Failing,        // the current value fails the condition
        Inconclusive,   // in the band that would ask the operator
        NoData,
        ProviderError,  // the scrapes failed
        Unsupported,    // a PromQL gate: needs a Prometheus source
    };

    QString id;
    QString title;
    QString expression;          // "error_rate over 30s, every 30s x 10"
    QString threshold;           // "< 0.01", "> 10", "0.1 .. 0.5"
    std::optional<double> value;
    int failures = 0;            // failing measurements among the last `count`
    int failureLimit = 1;
    int measurements = 0;        // taken so far, at most `count`
    State state = State::Waiting;
    QString reason;              // the judge's reason or the error

    bool limitReached() const { return failures >= failureLimit; }
};

QString liveGateStateName(LiveGateState::State state);

// Judges one gate live. Every reading updates the current value and state; one reading per gate
// interval (from the first reading with a value on) also counts as a measurement, and the failures
// among the last `count` measurements are what a run would count against `failure_limit`. Baseline gates are judged against their threshold
// only (there is no upgrade to compare before and after).
class LiveGateTracker
{
public:
    explicit LiveGateTracker(GateSpec gate);

    const GateSpec &gate() const { return m_gate; }
    QString id() const { return m_gate.id.isEmpty() ? m_gate.metric : m_gate.id; }
    // The window a reading looks back over: max(interval, minimumWindow), as MetricGateRun uses.
    qint64 windowMs(qint64 minimumWindowMs) const;
    void observe(const QDateTime &now, const Result<MetricReading> &reading);
    LiveGateState state() const { return m_state; }

private:
    GateSpec m_gate;
    LiveGateState m_state;
    QDateTime m_lastMeasurement;
    bool m_seenValue = false;
    std::deque<bool> m_failed;   // the last `count` measurements: failed or not
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::LiveGateState)
