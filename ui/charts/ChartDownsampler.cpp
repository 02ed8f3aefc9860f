#include "ui/charts/ChartDownsampler.h"

#include <algorithm>
#include <cmath>

namespace lockstep {

QList<QPointF> ChartDownsampler::downsample(std::span<const double> x, std::span<const double> y, double fromX,
                                            double toX, int pixels)
{
    QList<QPointF> out;
    const std::size_t n = std::min(x.size(), y.size());
    if (n == 0 || pixels <= 0 || !(toX > fromX))
        return out;
    const auto xEnd = x.begin() + std::ptrdiff_t(n);
    std::size_t i = std::size_t(std::lower_bound(x.begin(), xEnd, fromX) - x.begin());
    const std::size_t end = std::size_t(std::upper_bound(x.begin(), xEnd, toX) - x.begin());
    out.reserve(2 * pixels + 2);

    for (std::size_t k = i; k-- > 0;) {   // the last real point before the range
        if (!std::isnan(y[k])) {
            out.append({x[k], y[k]});
            break;
        }
    }
    const double width = (toX - fromX) / pixels;
    while (i < end) {
        const int column = std::min(pixels - 1, int((x[i] - fromX) / width));
        const double columnEnd = fromX + (column + 1) * width;
        std::size_t minAt = end, maxAt = end;
        // x[i] is in `column` by definition: take it even when rounding puts columnEnd at or below it
        // (times are ~1.8e12 ms, so (x - fromX) / width can round up where fromX + k * width rounds down);
        // otherwise the loop would stand still.
        for (bool first = true; i < end && (first || x[i] < columnEnd || column == pixels - 1); ++i, first = false) {
            const double v = y[i];
            if (std::isnan(v))
                continue;
            if (minAt == end || v < y[minAt])
                minAt = i;
            if (maxAt == end || v > y[maxAt])
                maxAt = i;
        }
        if (minAt == end)
            continue;
        const std::size_t first = std::min(minAt, maxAt), second = std::max(minAt, maxAt);
        out.append({x[first], y[first]});
        if (second != first)
            out.append({x[second], y[second]});
    }
    for (std::size_t k = end; k < n; ++k) {   // the first real point after it
        if (!std::isnan(y[k])) {
            out.append({x[k], y[k]});
            break;
        }
    }
    return out;
}

} // namespace lockstep
