#pragma once

#include "app/metrics/GateEvaluator.h"
#include "models/runbook/Runbook.h"

#include <optional>

namespace lockstep {

// The verdict on one value against a gate's condition (no timing, no counting: MetricGateRun does that).
//  below: pass if value < limit, fail if >= limit; inconclusive_above X (< limit) makes [X, limit) ask
//         the operator.
//  above: pass if value > limit, fail if <= limit; inconclusive_above X (> limit) makes (limit, X] ask.
//  between: pass if lower <= value <= upper, else fail.
// With a baseline, the limit is relative: below -> baseline * (1 + tolerance), and `threshold` (if > 0)
// is a floor under which values always pass, so a zero error-rate baseline does not fail on the first
// error; above -> baseline * (1 - tolerance), and `threshold` (if > 0) is a value above which values
// always pass. A NaN value is "no data".
class GateJudge
{
public:
    struct Judgement
    {
        GateMeasurement::Verdict verdict = GateMeasurement::Verdict::NoData;
        QString reason;
        std::optional<double> limit;     // the limit the value was compared with (none for between)
        QString condition;               // "< 0.01", "within [1, 2]", "< 0.012 (baseline 0.01 + 20%)"
    };

    // The gate's condition without a baseline (readings that had no value to judge are kept with it).
    static Judgement condition(const GateSpec &gate);

    static Judgement judge(const GateSpec &gate, double value, std::optional<double> baseline,
                           const QString &context);
    static QString formatValue(double value);

private:
    static Judgement judgeValue(const GateSpec &gate, double value, std::optional<double> baseline,
                                const QString &context);
};

} // namespace lockstep
