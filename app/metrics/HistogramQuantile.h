#pragma once

#include <vector>

namespace lockstep {

// One classic-histogram bucket: cumulative count of observations <= upperBound.
struct HistogramBucket
{
    double upperBound = 0;
    double count = 0;
};

// Prometheus's histogram_quantile for classic histograms, ported from promql/quantile.go
// (bucketQuantile with coalesceBuckets, correctPrecisionErrors and ensureMonotonic):
//  - q NaN -> NaN, q < 0 -> -Inf, q > 1 -> +Inf;
//  - the highest bucket must be +Inf, there must be at least 2 buckets, and observations > 0, else NaN;
//  - buckets with the same upper bound are merged; decreasing counts are raised to the envelope;
//  - the rank falling into the +Inf bucket returns the second-highest upper bound;
//  - linear interpolation inside a bucket, with 0 as the lower bound of the first bucket if it is > 0.
// `buckets` is taken by value because it is sorted and fixed up in place.
double histogramQuantile(double q, std::vector<HistogramBucket> buckets);

} // namespace lockstep
