#include "app/metrics/ExtrapolatedRate.h"

#include <algorithm>

namespace lockstep {

std::optional<double> ExtrapolatedRate::compute(std::span<const TimedValue> all, std::int64_t rangeStart,
                                                std::int64_t rangeEnd, bool isCounter, bool isRate, Compat compat)
{
    const bool leftOpen = compat == Compat::Prometheus3;
    const auto first = std::find_if(all.begin(), all.end(), [&](const TimedValue &s) {
        return leftOpen ? s.timeMs > rangeStart : s.timeMs >= rangeStart;
    });
    const auto last = std::find_if(first, all.end(), [&](const TimedValue &s) { return s.timeMs > rangeEnd; });
    const std::span<const TimedValue> samples(first, last);
    if (samples.size() < 2)
        return std::nullopt;

    const TimedValue &f = samples.front();
    const TimedValue &l = samples.back();
    double result = l.value - f.value;
    if (isCounter) {
        for (std::size_t i = 1; i < samples.size(); ++i)
            if (samples[i].value < samples[i - 1].value)
                result += samples[i - 1].value;
    }

    double durationToStart = double(f.timeMs - rangeStart) / 1000.0;
    double durationToEnd = double(rangeEnd - l.timeMs) / 1000.0;
    const double sampledInterval = double(l.timeMs - f.timeMs) / 1000.0;
    const double averageDurationBetweenSamples = sampledInterval / double(samples.size() - 1);
    const double extrapolationThreshold = averageDurationBetweenSamples * 1.1;

    // Counters cannot be negative: if the series would reach zero before the range start when
    // extrapolated backwards, extrapolate only to that zero point.
    const bool clampToZero = isCounter && result > 0 && f.value >= 0;
    const double durationToZero = clampToZero ? sampledInterval * (f.value / result) : 0;

    if (compat == Compat::Prometheus2) {
        if (clampToZero && durationToZero < durationToStart)
            durationToStart = durationToZero;
        double extrapolateToInterval = sampledInterval;
        extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart
                                                                         : averageDurationBetweenSamples / 2;
        extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd
                                                                       : averageDurationBetweenSamples / 2;
        result *= extrapolateToInterval / sampledInterval;
    } else {
        if (durationToStart >= extrapolationThreshold)
            durationToStart = averageDurationBetweenSamples / 2;
        if (clampToZero && durationToZero < durationToStart)
            durationToStart = durationToZero;
        if (durationToEnd >= extrapolationThreshold)
            durationToEnd = averageDurationBetweenSamples / 2;
        result *= (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    }
    if (isRate)
        result /= double(rangeEnd - rangeStart) / 1000.0;
    return result;
}

} // namespace lockstep
