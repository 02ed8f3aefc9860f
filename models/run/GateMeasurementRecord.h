#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace lockstep {

// One gate reading the engine judged, as it is kept with the run (table gate_measurements): what was
// read, over which window and instances, from where, against which limit, and the verdict. The report
// lists these per wave; the monitoring view charts a run from its start with them.
struct GateMeasurementRecord
{
    // Where in the run the gate measured.
    static constexpr const char *kWavePhase = "wave";     // between waves, and after the last one
    static constexpr const char *kStepPhase = "step";     // a gate: step of one instance
    static constexpr const char *kWatchPhase = "watch";   // the post-rollout watch

    qint64 id = 0;
    qint64 runId = 0;
    QString phase;                       // kWavePhase | kStepPhase | kWatchPhase
    int wave = 0;                        // from 1; 0 for the watch
    QString gate;                        // the gate's id
    QString metric;                      // error_rate, p95_latency ... or the PromQL expression
    QString scope;                       // the instance of a gate step, or the judged instances "a, b, c"
    QDateTime windowFrom;
    QDateTime windowTo;
    std::optional<double> value;         // none: no data or a provider error
    std::optional<double> baseline;      // baseline gates
    std::optional<double> threshold;     // the limit the value was compared with (none for `between`)
    QString condition;                   // "< 0.01", "> 5", "within [1, 2]", "< 0.012 (baseline 0.01 + 20%)"
    QString verdict;                     // pass | fail | inconclusive | no-data | provider-error
    QString source;                      // scrape | prometheus
    QString reason;                      // the gate's words: "error_rate 0.034 >= 0.01 (3 instances, 30s window)"
    QDateTime measuredAt;
};

} // namespace lockstep
