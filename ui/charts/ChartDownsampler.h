#pragma once

#include <QList>
#include <QPointF>

#include <span>

namespace lockstep {

// Reduces a long time series to what a plot `pixels` wide can show: per pixel column the minimum and
// the maximum (in time order), so spikes survive, plus the nearest point outside each end of the range
// so the line runs to the edges. At most 2 * pixels + 2 points; O(n) in the points inside the range.
// NaN values (gaps, "no data") are skipped.
class ChartDownsampler
{
public:
    // `x` sorted ascending, `y` the same length.
    static QList<QPointF> downsample(std::span<const double> x, std::span<const double> y, double fromX, double toX,
                                     int pixels);
};

} // namespace lockstep
