#include "app/metrics/ExtrapolatedRate.h"
#include "app/metrics/HistogramQuantile.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace lockstep;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// promql/testdata/histograms.test: testhistogram_bucket at 50m (counts are 10x the per-5m increments).
std::vector<HistogramBucket> positive() { return {{0.1, 50}, {.2, 70}, {1e0, 110}, {kInf, 120}}; }
std::vector<HistogramBucket> negative() { return {{-.2, 10}, {-0.1, 20}, {0.3, 20}, {kInf, 30}}; }

void fuzzyCompare(double actual, double expected)
{
    QVERIFY2(std::abs(actual - expected) <= 1e-9 * std::max(1.0, std::abs(expected)),
             qPrintable(QStringLiteral("%1 != %2").arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17)));
}
} // namespace

class TestHistogramQuantile : public QObject
{
    Q_OBJECT
private slots:
    void prometheusTestData();
    void aggregatedAcrossSeries();
    void specialCases();
    void nonMonotonicBuckets();
    void rateOfRegularCounter();
    void rateHandlesCounterReset();
    void rateExtrapolatesToBoundaries();
    void rateZeroPointDiffersBetweenVersions();
    void rateRangeBoundaries();
};

void TestHistogramQuantile::prometheusTestData()
{
    QCOMPARE(histogramQuantile(-0.1, positive()), -kInf);
    QCOMPARE(histogramQuantile(1.01, negative()), kInf);
    fuzzyCompare(histogramQuantile(0, positive()), 0);
    fuzzyCompare(histogramQuantile(0, negative()), -0.2);
    fuzzyCompare(histogramQuantile(1, positive()), 1);      // the +Inf bucket gives the second-highest bound
    fuzzyCompare(histogramQuantile(1, negative()), 0.3);
    fuzzyCompare(histogramQuantile(0.2, positive()), 0.048);
    fuzzyCompare(histogramQuantile(0.2, negative()), -0.2);
    fuzzyCompare(histogramQuantile(0.5, positive()), 0.15);
    fuzzyCompare(histogramQuantile(0.5, negative()), -0.15);
    fuzzyCompare(histogramQuantile(0.8, positive()), 0.72);
    fuzzyCompare(histogramQuantile(0.8, negative()), 0.3);
    // Unsorted input is sorted first.
    fuzzyCompare(histogramQuantile(0.5, {{kInf, 120}, {1e0, 110}, {0.1, 50}, {.2, 70}}), 0.15);
}

void TestHistogramQuantile::aggregatedAcrossSeries()
{
    // sum by (le) of request_duration_seconds_bucket over job1/job2 x ins1/ins2 (histograms.test).
    const std::vector<HistogramBucket> summed{{0.1, 1 + 2 + 3 + 4}, {0.2, 3 + 5 + 4 + 7}, {kInf, 4 + 6 + 6 + 9}};
    fuzzyCompare(histogramQuantile(0.3, summed), 0.075);
    fuzzyCompare(histogramQuantile(0.5, summed), 0.1277777777777778);
    // Duplicate upper bounds (the same le from several series, not summed yet) are coalesced.
    const std::vector<HistogramBucket> unsummed{{0.1, 1}, {0.1, 2}, {0.1, 3}, {0.1, 4}, {0.2, 3}, {0.2, 5},
                                                {0.2, 4}, {0.2, 7}, {kInf, 4}, {kInf, 6}, {kInf, 6}, {kInf, 9}};
    fuzzyCompare(histogramQuantile(0.5, unsummed), 0.1277777777777778);
}

void TestHistogramQuantile::specialCases()
{
    QVERIFY(std::isnan(histogramQuantile(std::nan(""), positive())));
    QVERIFY(std::isnan(histogramQuantile(0.5, {})));
    QVERIFY(std::isnan(histogramQuantile(0.5, {{kInf, 10}})));                 // fewer than two buckets
    QVERIFY(std::isnan(histogramQuantile(0.5, {{0.1, 5}, {1, 10}})));          // no +Inf bucket
    QVERIFY(std::isnan(histogramQuantile(0.95, {{0.1, 0}, {1, 0}, {kInf, 0}})));   // no observations
    fuzzyCompare(histogramQuantile(0.95, {{0.1, 0}, {1, 0}, {kInf, 7}}), 1);   // all above the last bound
}

void TestHistogramQuantile::nonMonotonicBuckets()
{
    // histograms.test "nonmonotonic_bucket" at 50m: 20,10,50,40,90,80 -> envelope 20,20,50,50,90,90.
    const std::vector<HistogramBucket> b{{0.1, 20}, {1, 10}, {10, 50}, {100, 40}, {1000, 90}, {kInf, 80}};
    fuzzyCompare(histogramQuantile(0.01, b), 0.0045);
    fuzzyCompare(histogramQuantile(0.5, b), 8.5);
    fuzzyCompare(histogramQuantile(0.99, b), 979.75);
}

void TestHistogramQuantile::rateOfRegularCounter()
{
    std::vector<TimedValue> s;
    for (int i = 0; i <= 12; ++i)
        s.push_back({i * 5000, 10.0 * i});
    fuzzyCompare(*ExtrapolatedRate::rate(s, 0, 60000), 2.0);
    fuzzyCompare(*ExtrapolatedRate::increase(s, 0, 60000), 120.0);
}

void TestHistogramQuantile::rateHandlesCounterReset()
{
    // The process restarted between 20 s and 30 s: the value before the reset is added back.
    const std::vector<TimedValue> s{{0, 0}, {10000, 10}, {20000, 20}, {30000, 5}, {40000, 15}};
    fuzzyCompare(*ExtrapolatedRate::increase(s, 0, 40000), 35.0);
    fuzzyCompare(*ExtrapolatedRate::rate(s, 0, 40000), 35.0 / 40);
    // Not a counter (delta): no reset handling.
    fuzzyCompare(*ExtrapolatedRate::compute(s, 0, 40000, false, false), 15.0);
}

void TestHistogramQuantile::rateExtrapolatesToBoundaries()
{
    // Samples 5 s inside each boundary (under 1.1 x the 10 s spacing): extrapolate to both ends.
    const std::vector<TimedValue> s{{5000, 10}, {15000, 20}, {25000, 30}};
    fuzzyCompare(*ExtrapolatedRate::increase(s, 0, 30000), 30.0);
    // Far from the end (series stopped): extrapolate only half an interval there.
    fuzzyCompare(*ExtrapolatedRate::increase(s, 0, 60000), 20.0 * (20 + 5 + 5) / 20);
}

void TestHistogramQuantile::rateZeroPointDiffersBetweenVersions()
{
    // The counter would reach zero 8 s before its first sample (8 s is between half the spacing and
    // the 11 s threshold), and the range starts 20 s before it.
    const std::vector<TimedValue> s{{20000, 8}, {30000, 18}, {40000, 28}};
    fuzzyCompare(*ExtrapolatedRate::increase(s, 0, 40000, ExtrapolatedRate::Compat::Prometheus2), 28.0);
    fuzzyCompare(*ExtrapolatedRate::increase(s, 0, 40000, ExtrapolatedRate::Compat::Prometheus3), 25.0);
}

void TestHistogramQuantile::rateRangeBoundaries()
{
    const std::vector<TimedValue> s{{0, 0}, {10000, 10}, {20000, 20}};
    QVERIFY(!ExtrapolatedRate::rate(s, 15000, 30000));                   // one sample in range: no rate
    QVERIFY(!ExtrapolatedRate::rate({}, 0, 30000));
    // [0, 10 s] holds two samples for Prometheus 2 (closed) and one for Prometheus 3 (left-open).
    QVERIFY(ExtrapolatedRate::rate(s, 0, 10000, ExtrapolatedRate::Compat::Prometheus2));
    QVERIFY(!ExtrapolatedRate::rate(s, 0, 10000, ExtrapolatedRate::Compat::Prometheus3));
}

QTEST_GUILESS_MAIN(TestHistogramQuantile)
#include "tst_histogramquantile.moc"
