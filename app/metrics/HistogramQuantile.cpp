#include "app/metrics/HistogramQuantile.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lockstep {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::size_t coalesceBuckets(std::vector<HistogramBucket> &buckets)
{
    HistogramBucket last = buckets[0];
    std::size_t i = 0;
    for (std::size_t k = 1; k < buckets.size(); ++k) {
        const HistogramBucket &b = buckets[k];
        if (b.upperBound == last.upperBound) {
            last.count += b.count;
        } else {
            buckets[i] = last;
            last = b;
            ++i;
        }
    }
    buckets[i] = last;
    return i + 1;
}

// Float errors in summed rates can make counts decrease by a hair; treat relative differences below
// the tolerance as equal (quantile.go correctPrecisionErrors).
void correctPrecisionErrors(std::vector<HistogramBucket> &buckets, double tolerance)
{
    double prev = buckets[0].count;
    for (std::size_t i = 1; i < buckets.size(); ++i) {
        const double curr = buckets[i].count;
        const double delta = std::abs(curr - prev);
        if (delta == 0)
            continue;
        if (delta / curr <= tolerance)
            buckets[i].count = prev;
        else
            prev = curr;
    }
}

// Bucket counts must not decrease with the upper bound; take the envelope (quantile.go ensureMonotonic).
void ensureMonotonic(std::vector<HistogramBucket> &buckets)
{
    double max = buckets[0].count;
    for (std::size_t i = 1; i < buckets.size(); ++i) {
        if (buckets[i].count > max)
            max = buckets[i].count;
        else if (buckets[i].count < max)
            buckets[i].count = max;
    }
}

} // namespace

double histogramQuantile(double q, std::vector<HistogramBucket> buckets)
{
    if (std::isnan(q))
        return kNaN;
    if (q < 0)
        return -kInf;
    if (q > 1)
        return kInf;
    if (buckets.empty())
        return kNaN;
    std::stable_sort(buckets.begin(), buckets.end(),
                     [](const HistogramBucket &a, const HistogramBucket &b) { return a.upperBound < b.upperBound; });
    if (!(std::isinf(buckets.back().upperBound) && buckets.back().upperBound > 0))
        return kNaN;

    buckets.resize(coalesceBuckets(buckets));
    correctPrecisionErrors(buckets, 1e-12);
    ensureMonotonic(buckets);

    const std::size_t n = buckets.size();
    if (n < 2)
        return kNaN;
    const double observations = buckets[n - 1].count;
    if (observations == 0)
        return kNaN;
    double rank = q * observations;
    // sort.Search(n-1, count >= rank): the first bucket among the first n-1 whose count reaches the rank.
    std::size_t b = 0;
    {
        std::size_t lo = 0, hi = n - 1;
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (!(buckets[mid].count >= rank))
                lo = mid + 1;
            else
                hi = mid;
        }
        b = lo;
    }
    if (b == n - 1)
        return buckets[n - 2].upperBound;
    if (b == 0 && buckets[0].upperBound <= 0)
        return buckets[0].upperBound;
    double bucketStart = 0;
    const double bucketEnd = buckets[b].upperBound;
    double count = buckets[b].count;
    if (b > 0) {
        bucketStart = buckets[b - 1].upperBound;
        count -= buckets[b - 1].count;
        rank -= buckets[b - 1].count;
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

} // namespace lockstep
