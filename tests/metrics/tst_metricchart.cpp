#include "ui/charts/ChartDownsampler.h"
#include "ui/charts/MetricChart.h"

#include <QLineSeries>
#include <QTest>

#include <cmath>

using namespace lockstep;

class TestMetricChart : public QObject
{
    Q_OBJECT
private slots:
    void downsampleKeepsExtremesAndBoundsPoints();
    void downsampleSkipsGapsAndIncludesEdges();
    void chartShowsValuesThresholdAndUpgrade();
    void liveUpdatesAreBatched();
};

void TestMetricChart::downsampleKeepsExtremesAndBoundsPoints()
{
    const std::size_t n = 1000000;
    std::vector<double> x(n), y(n);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = double(i) * 10;
        y[i] = std::sin(double(i) / 5000.0);
    }
    y[500000] = 100;    // one scrape with a spike
    y[700001] = -50;
    const QList<QPointF> points = ChartDownsampler::downsample(x, y, 0, x.back(), 800);
    QVERIFY(points.size() <= 2 * 800 + 2);
    QVERIFY(points.size() >= 800);
    bool spike = false, dip = false;
    for (qsizetype i = 0; i < points.size(); ++i) {
        spike |= points[i].y() == 100;
        dip |= points[i].y() == -50;
        if (i > 0)
            QVERIFY(points[i].x() > points[i - 1].x());   // time order kept
    }
    QVERIFY(spike);
    QVERIFY(dip);
}

void TestMetricChart::downsampleSkipsGapsAndIncludesEdges()
{
    const std::vector<double> x{0, 10, 20, 30, 40, 50, 60};
    const std::vector<double> y{1, 2, std::nan(""), std::nan(""), 5, 6, 7};
    const QList<QPointF> points = ChartDownsampler::downsample(x, y, 15, 45, 3);
    // 10 (before the range), 40 (the only real point inside), 50 (after it).
    QCOMPARE(points.size(), 3);
    QCOMPARE(points[0], QPointF(10, 2));
    QCOMPARE(points[1], QPointF(40, 5));
    QCOMPARE(points[2], QPointF(50, 6));
    QVERIFY(ChartDownsampler::downsample(x, y, 15, 45, 0).isEmpty());
}

void TestMetricChart::chartShowsValuesThresholdAndUpgrade()
{
    MetricChart chart(QStringLiteral("p95 latency (s)"));
    chart.setObjectName(QStringLiteral("p95Chart"));
    chart.resize(900, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));

    const qint64 start = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    const std::size_t n = 1000000;
    std::vector<double> t(n), v(n);
    for (std::size_t i = 0; i < n; ++i) {
        t[i] = double(start + qint64(i) * 100);
        v[i] = i < n / 2 ? 0.12 : 0.93;   // a bad release half-way through
    }
    const QDateTime upgrade = QDateTime::fromMSecsSinceEpoch(start + qint64(n / 2) * 100, Qt::UTC);
    chart.setPoints(std::move(t), std::move(v));
    chart.setThreshold(0.5);
    chart.setUpgradeTime(upgrade);
    chart.replotNow();

    auto *series = chart.chart()->findChild<QLineSeries *>(QStringLiteral("p95ChartSeries"));
    auto *threshold = chart.chart()->findChild<QLineSeries *>(QStringLiteral("p95ChartThreshold"));
    auto *marker = chart.chart()->findChild<QLineSeries *>(QStringLiteral("p95ChartUpgrade"));
    QVERIFY(series && threshold && marker);
    QVERIFY2(series->count() <= 2 * 900 + 2, qPrintable(QString::number(series->count())));
    QVERIFY(series->count() > 100);
    QCOMPARE(threshold->count(), 2);
    QCOMPARE(threshold->at(0).y(), 0.5);
    QCOMPARE(marker->count(), 2);
    QCOMPARE(qint64(marker->at(0).x()), upgrade.toMSecsSinceEpoch());
    QVERIFY(!chart.grab().isNull());
}

void TestMetricChart::liveUpdatesAreBatched()
{
    MetricChart chart(QStringLiteral("error rate"));
    chart.resize(600, 300);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QDateTime start = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 200; ++i)
        chart.appendPoint(start.addSecs(i), 0.001 * (i % 7));
    QCOMPARE(chart.plottedPointCount(), qsizetype(0));   // not yet: one replot follows the burst
    QTRY_VERIFY(chart.plottedPointCount() > 0);
    QVERIFY(chart.plottedPointCount() <= 200);
}

QTEST_MAIN(TestMetricChart)
#include "tst_metricchart.moc"
