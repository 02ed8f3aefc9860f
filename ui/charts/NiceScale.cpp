#include "ui/charts/NiceScale.h"

#include <algorithm>
#include <cmath>

namespace lockstep {

namespace {

double roundStep(double rough)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    const double fraction = rough / magnitude;
    for (const double nice : {1.0, 2.0, 2.5, 5.0})
        if (fraction <= nice * (1 + 1e-9))
            return nice * magnitude;
    return 10 * magnitude;
}

} // namespace

NiceScale NiceScale::around(double low, double high, int maxTicks)
{
    maxTicks = std::max(maxTicks, 2);
    if (!std::isfinite(low) || !std::isfinite(high))
        return {};
    if (high < low)
        std::swap(low, high);
    if (high - low <= std::abs(high) * 1e-12) {
        // A flat line: give it some room around its value.
        const double pad = low == 0 ? 1 : std::abs(low) * 0.5;
        low -= low == 0 ? 0 : pad;
        high += pad;
    }
    double step = roundStep((high - low) / (maxTicks - 1));
    NiceScale s;
    for (;;) {
        s.min = std::floor(low / step + 1e-9) * step;
        s.max = std::ceil(high / step - 1e-9) * step;
        s.ticks = int(std::lround((s.max - s.min) / step)) + 1;
        if (s.ticks <= maxTicks)
            break;
        step = roundStep(step * 1.01);   // rounding pushed it over: the next round step up
    }
    // Keep exact zeros and round values free of floating-point dust (0.30000000000000004).
    s.min = std::abs(s.min) < step * 1e-9 ? 0 : s.min;
    return s;
}

} // namespace lockstep
