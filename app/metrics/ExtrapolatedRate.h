#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace lockstep {

// One stored sample of a series.
struct TimedValue
{
    std::int64_t timeMs = 0;
    double value = 0;
};

// Prometheus's rate()/increase()/delta() (promql/functions.go extrapolatedRate), for float samples.
// Which Prometheus it matches is explicit because the two differ at the edges:
//  - Prometheus2: the range is closed [start, end]; the counter's zero point is clamped before the
//    "too far from the boundary" test (Prometheus <= 2.50, e.g. Debian 12's 2.42).
//  - Prometheus3: the range is left-open (start, end]; the zero-point clamp comes after (PR #13725).
// Counter resets (a value lower than the one before: a restarted process) add the value before the
// reset, exactly as Prometheus does. Fewer than two samples in the range gives no result.
class ExtrapolatedRate
{
public:
    enum class Compat { Prometheus2, Prometheus3 };

    // `samples` sorted by time, any range; only those inside [startMs, endMs] (see Compat) are used.
    static std::optional<double> compute(std::span<const TimedValue> samples, std::int64_t startMs,
                                         std::int64_t endMs, bool isCounter, bool isRate,
                                         Compat compat = Compat::Prometheus2);
    static std::optional<double> rate(std::span<const TimedValue> samples, std::int64_t startMs, std::int64_t endMs,
                                      Compat compat = Compat::Prometheus2)
    {
        return compute(samples, startMs, endMs, true, true, compat);
    }
    static std::optional<double> increase(std::span<const TimedValue> samples, std::int64_t startMs,
                                          std::int64_t endMs, Compat compat = Compat::Prometheus2)
    {
        return compute(samples, startMs, endMs, true, false, compat);
    }
};

} // namespace lockstep
