#include "ui/charts/ChartDownsampler.h"
#include "ui/charts/MetricChart.h"
#include "ui/charts/NiceScale.h"
#include "ui/upgrade/GatePanel.h"

#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QAreaSeries>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

using namespace lockstep;

class TestMetricChart : public QObject
{
    Q_OBJECT
private slots:
    void downsampleKeepsExtremesAndBoundsPoints();
    void downsampleSkipsGapsAndIncludesEdges();
    void downsampleOnColumnEdgesOfEpochTimes();
    void chartShowsValuesThresholdAndUpgrade();
    void liveUpdatesAreBatched();
    void valueLabelsAreNotElidedAfterHiddenRangeChange();
    void niceScaleUsesRoundSteps();
    void failingBandAndMarkers();
    void hoverShowsRealSampleThresholdAndBaseline();
    void gatePanelChartsAMeasurementsBaseline();
    void aSingleMeasurementIsDrawnAsAPoint();
    void gateRowsAreFinalWhenTheRunEnds();
};

namespace {

// Moves the mouse over the point (`time`, `value`) of `chart`, shifted by `offset` pixels, and returns
// the tool tip the chart shows; `hoveredTime` gets the time under the pointer (a whole pixel).
QString hoverAt(MetricChart &chart, double time, double value, QPoint offset = {}, double *hoveredTime = nullptr)
{
    // The chart lays out again (axis labels of a new range, a new plot area) on a posted event.
    QCoreApplication::processEvents();
    const QPointF inChart = chart.chart()->mapToPosition(QPointF(time, value), chart.valueSeries());
    const QPoint inView = chart.mapFromScene(chart.chart()->mapToScene(inChart)) + offset;
    QTest::mouseMove(chart.viewport(), inView);
    if (hoveredTime)
        *hoveredTime = chart.chart()->mapToValue(chart.chart()->mapFromScene(chart.mapToScene(inView)), chart.valueSeries()).x();
    // Over nothing the chart hides its tool tip (Qt fades it out later): the text the chart keeps says so.
    if (chart.hoverText().isEmpty())
        return {};
    return QToolTip::isVisible() ? QToolTip::text() : QStringLiteral("(no tool tip shown)");
}

// The value axis' tick labels as drawn (visible text items left of the plot area).
QStringList valueLabels(MetricChart &chart)
{
    QStringList out;
    const QRectF plot = chart.chart()->plotArea();
    for (QGraphicsItem *item : chart.scene()->items()) {
        auto *text = qgraphicsitem_cast<QGraphicsTextItem *>(item);
        if (text && text->isVisible() && text->sceneBoundingRect().right() <= plot.left() + 1)
            out << text->toPlainText();
    }
    return out;
}

} // namespace

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

// Points exactly on column edges of a live range (epoch milliseconds): (x - from) / width may round up
// to a column whose computed start is still above x. Each point must still be taken, once.
void TestMetricChart::downsampleOnColumnEdgesOfEpochTimes()
{
    const double from = 1795263660910.0, to = from + 60000;
    const int pixels = 900;
    const double width = (to - from) / pixels;
    std::vector<double> x, y;
    for (int k = 0; k < pixels; ++k) {
        x.push_back(from + k * width);
        y.push_back(k % 2);
    }
    const QList<QPointF> points = ChartDownsampler::downsample(x, y, from, to, pixels);
    QCOMPARE(points.size(), qsizetype(pixels));
    for (qsizetype i = 1; i < points.size(); ++i)
        QVERIFY(points[i].x() > points[i - 1].x());
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

// The gate panel creates its charts on a page not shown yet and they get their range (0 .. 0.006) and
// points before their first layout. Once the page is shown the labels must be drawn in full ("0.002",
// not "0.0..."), on round values.
void TestMetricChart::valueLabelsAreNotElidedAfterHiddenRangeChange()
{
    QWidget window;   // not shown yet: its chart has no plot area when it gets its range
    window.resize(900, 180);
    auto *chart = new MetricChart(QStringLiteral("Error rate below 0.5%"), &window);
    chart->setThreshold(0.0005);   // labels like "0.0002" are wider than the "0.75" of the default range
    const QDateTime start = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 3; ++i)
        chart->appendPoint(start.addSecs(i), 0.0);
    chart->replotNow();
    QCoreApplication::processEvents();
    window.show();
    chart->resize(900, 180);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.grab();   // as a screenshot would, without waiting for the next replot
    const QStringList labels = valueLabels(*chart);
    const QString all = labels.join(QLatin1Char('|'));
    QVERIFY2(labels.size() >= 3, qPrintable(all));
    QVERIFY2(!all.contains(QStringLiteral("...")) && !all.contains(QChar(0x2026)), qPrintable(all));
    QVERIFY2(labels.contains(QStringLiteral("0.0002")) || labels.contains(QStringLiteral("0.0005")), qPrintable(all));
}

void TestMetricChart::niceScaleUsesRoundSteps()
{
    NiceScale s = NiceScale::around(0, 0.0315, 5);
    QCOMPARE(s.min, 0.0);
    QCOMPARE(s.max, 0.04);
    QCOMPARE(s.ticks, 5);
    s = NiceScale::around(0, 0.525, 5);
    QCOMPARE(s.max, 0.6);
    QCOMPARE(s.ticks, 4);
    s = NiceScale::around(0, 2100, 3);
    QCOMPARE(s.max, 4000.0);   // steps of 2000
    QVERIFY(s.ticks <= 3);
    s = NiceScale::around(0, 0, 5);   // all zero: still a range to draw in
    QVERIFY(s.max > 0);
}

void TestMetricChart::failingBandAndMarkers()
{
    MetricChart chart(QStringLiteral("Error rate"));
    chart.setObjectName(QStringLiteral("errors"));
    chart.resize(800, 260);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    for (int i = 0; i < 120; ++i)
        chart.appendPoint(start.addSecs(i), i < 60 ? 0.002 : 0.08);
    chart.setThreshold(0.01);
    chart.setFailingBand(0.01, std::nullopt);
    chart.setMarkers({{start.addSecs(30), ChartMarker::Kind::UpgradeStart, QStringLiteral("upgrade")},
                      {start.addSecs(31), ChartMarker::Kind::Wave, QStringLiteral("wave 1")},
                      {start.addSecs(90), ChartMarker::Kind::Rollback, QStringLiteral("rollback")}});
    chart.replotNow();
    auto *band = chart.failingAboveSeries();
    QCOMPARE(band->objectName(), QStringLiteral("errorsFailingAbove"));
    QCOMPARE(band->lowerSeries()->count(), 2);
    QCOMPARE(band->lowerSeries()->at(0).y(), 0.01);
    QVERIFY(band->upperSeries()->at(0).y() >= 0.08);   // up to the top of the axis
    QCOMPARE(chart.failingBelowSeries()->upperSeries()->count(), 0);
    QCOMPARE(chart.markerSeries().size(), 3);
    QCOMPARE(chart.markerSeries().at(2)->objectName(), QStringLiteral("errorsMarker2"));
    QCOMPARE(qint64(chart.markerSeries().at(2)->at(0).x()), start.addSecs(90).toMSecsSinceEpoch());
    // The labels of the two close markers do not overlap.
    QList<QRectF> boxes;
    for (QGraphicsItem *item : chart.scene()->items())
        if (auto *text = dynamic_cast<QGraphicsSimpleTextItem *>(item); text && text->isVisible())
            boxes << text->sceneBoundingRect();
    QCOMPARE(boxes.size(), 3);
    for (int i = 0; i < boxes.size(); ++i)
        for (int j = i + 1; j < boxes.size(); ++j)
            QVERIFY(!boxes[i].intersects(boxes[j]));
}

void TestMetricChart::hoverShowsRealSampleThresholdAndBaseline()
{
    MetricChart chart(QStringLiteral("Error rate"));
    chart.setObjectName(QStringLiteral("errorChart"));
    chart.setValueLabel(QStringLiteral("error rate"), MetricChart::Unit::Ratio);
    chart.setSeriesName(QStringLiteral("platform-prod-2"));
    chart.resize(800, 360);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));

    // 200,000 samples 100 ms apart on ~800 px: ~300 per pixel column, so the line is downsampled and a
    // hovered pixel holds many samples; one of them is a spike to 8.2 %.
    const qint64 start = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    const std::size_t n = 200000, spike = 123457;
    std::vector<double> t(n), v(n);
    for (std::size_t i = 0; i < n; ++i) {
        t[i] = double(start + qint64(i) * 100);
        v[i] = 0.01 + 0.001 * double(i % 7);
    }
    v[spike] = 0.082;
    const double spikeTime = t[spike];
    // The baseline: one sample a second, at 5 %.
    std::vector<double> bt, bv;
    for (std::size_t i = 0; i < n; i += 10) {
        bt.push_back(t[i]);
        bv.push_back(0.05);
    }
    chart.setPoints(std::move(t), std::move(v));
    chart.setBaseline(QStringLiteral("baseline"), std::move(bt), std::move(bv));
    chart.setThreshold(0.03);
    chart.setFailingBand(0.03, std::nullopt);   // a "below 0.03" gate
    chart.replotNow();
    QVERIFY(chart.plottedPointCount() <= 2 * 800 + 2);
    QVERIFY(chart.baselineSeries()->isVisible());
    QCOMPARE(chart.baselineSeries()->objectName(), QStringLiteral("errorChartBaseline"));

    auto clock = [](double ms) {
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(ms), Qt::UTC).toLocalTime().time(),
                                  QStringLiteral("HH:mm:ss"));
    };
    const QString spikeText = QStringLiteral("platform-prod-2 · %1 · error rate 8.2 %").arg(clock(spikeTime));
    QCOMPARE(hoverAt(chart, spikeTime, 0.082), spikeText);
    QCOMPARE(chart.hoverText(), spikeText);
    // A few pixels off still names the sample under the line, not an interpolated value.
    QCOMPARE(hoverAt(chart, spikeTime, 0.082, QPoint(1, 3)), spikeText);

    // The baseline (flat): the sample nearest the time under the pointer.
    double hovered = 0;
    const QString baselineText = hoverAt(chart, double(start) + 5000.0 * 1000 + 400, 0.05, {}, &hovered);
    const double nearestSecond = std::round((hovered - double(start)) / 1000) * 1000 + double(start);
    QCOMPARE(baselineText, QStringLiteral("baseline · %1 · error rate 5 %").arg(clock(nearestSecond)));

    // The threshold line, and the band above it, away from both series.
    QCOMPARE(hoverAt(chart, double(start) + 3000.0 * 1000, 0.03), QStringLiteral("threshold < 3 %"));
    QCOMPARE(hoverAt(chart, double(start) + 3000.0 * 1000, 0.07), QStringLiteral("failing: error rate at or above 3 %"));
    // Nothing under the pointer (between the values and the threshold): no tool tip.
    QCOMPARE(hoverAt(chart, double(start) + 3000.0 * 1000, 0.022), QString());
    QCOMPARE(chart.hoverText(), QString());

    MetricChart latency(QStringLiteral("p95 latency"));
    latency.setValueLabel(QStringLiteral("p95"), MetricChart::Unit::Seconds);
    QCOMPARE(latency.formatValue(0.312), QStringLiteral("312 ms"));
    QCOMPARE(latency.formatValue(1.5), QStringLiteral("1.5 s"));
}

// A gate comparing against the instances not upgraded: each measurement's baseline value is a second
// series in the gate's chart; a gate without one keeps a single series.
void TestMetricChart::gatePanelChartsAMeasurementsBaseline()
{
    Plan plan;
    GateSpec relative;
    relative.metric = QStringLiteral("error_rate");
    relative.threshold = 0.01;
    relative.baseline = QStringLiteral("not-upgraded");
    relative.tolerance = 0.2;
    GateSpec absolute;
    absolute.metric = QStringLiteral("p95_latency");
    absolute.threshold = 0.5;
    plan.runbook.gates = {relative, absolute};
    GatePanel panel;
    panel.resize(900, 600);
    panel.setPlan(plan);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    const QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    for (int i = 0; i < 5; ++i) {
        GateMeasurement m;
        m.time = start.addSecs(30 * i);
        m.value = 0.08;
        m.baseline = 0.004;
        m.verdict = GateMeasurement::Verdict::Fail;
        panel.applyMeasurement(QStringLiteral("error_rate"), m);
        m.value = 0.3;
        m.baseline.reset();
        m.verdict = GateMeasurement::Verdict::Pass;
        panel.applyMeasurement(QStringLiteral("p95_latency"), m);
    }
    MetricChart *errors = panel.chart(QStringLiteral("error_rate"));
    MetricChart *latency = panel.chart(QStringLiteral("p95_latency"));
    QVERIFY(errors && latency);
    errors->replotNow();
    latency->replotNow();
    QVERIFY(errors->hasBaseline());
    QCOMPARE(errors->baselineSeries()->name(), QStringLiteral("baseline (not upgraded)"));
    QCOMPARE(errors->baselineSeries()->count(), 5);
    QCOMPARE(errors->baselineSeries()->at(0).y(), 0.004);
    QVERIFY(errors->baselineSeries()->isVisible());
    QVERIFY(!latency->hasBaseline());
    QVERIFY(!latency->baselineSeries()->isVisible());
    QCOMPARE(hoverAt(*errors, double(start.addSecs(60).toMSecsSinceEpoch()), 0.004),
             QStringLiteral("baseline (not upgraded) · %1 · error_rate 0.4 %")
                 .arg(QLocale().toString(start.addSecs(60).toLocalTime().time(), QStringLiteral("HH:mm:ss"))));
    QCOMPARE(hoverAt(*latency, double(start.addSecs(60).toMSecsSinceEpoch()), 0.3),
             QStringLiteral("p95_latency · %1 · p95_latency 300 ms")
                 .arg(QLocale().toString(start.addSecs(60).toLocalTime().time(), QStringLiteral("HH:mm:ss"))));
}

QTEST_MAIN(TestMetricChart)
#include "tst_metricchart.moc"

void TestMetricChart::aSingleMeasurementIsDrawnAsAPoint()
{
    // The failing gate's first (and so far only) measurement: a line needs two points, a point does not.
    Plan plan;
    GateSpec gate;
    gate.metric = QStringLiteral("error_rate");
    gate.threshold = 0.01;
    plan.runbook.gates = {gate};
    GatePanel panel;
    panel.resize(900, 600);
    panel.setPlan(plan);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    GateMeasurement m;
    m.time = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    m.value = 0.08;
    m.verdict = GateMeasurement::Verdict::Fail;
    panel.applyMeasurement(QStringLiteral("error_rate"), m);
    MetricChart *chart = panel.chart(QStringLiteral("error_rate"));
    chart->replotNow();
    QLineSeries *series = chart->valueSeries();
    QCOMPARE(series->count(), 1);
    QVERIFY(series->pointsVisible());
    // Inside the plot, not on its edge, and painted in the series' colour.
    const QPointF scene = chart->chart()->mapToPosition(series->at(0), series);
    QVERIFY(chart->chart()->plotArea().adjusted(10, 10, -10, -10).contains(scene));
    const QImage image = chart->grab().toImage();
    const QPoint pixel = chart->mapFromScene(scene);
    const QColor painted = image.pixelColor(pixel);
    const QColor expected = series->color();
    QVERIFY2(std::abs(painted.red() - expected.red()) + std::abs(painted.green() - expected.green())
                     + std::abs(painted.blue() - expected.blue()) < 60,
             qPrintable(painted.name() + QStringLiteral(" vs ") + expected.name()));
}

void TestMetricChart::gateRowsAreFinalWhenTheRunEnds()
{
    Plan plan;
    GateSpec measured;
    measured.id = QStringLiteral("errors");
    measured.metric = QStringLiteral("error_rate");
    measured.threshold = 0.01;
    GateSpec never = measured;
    never.id = QStringLiteral("queue");
    never.metric = QStringLiteral("queue_depth");
    plan.runbook.gates = {measured, never};
    GatePanel panel;
    panel.setPlan(plan);
    panel.waveObserving(0);
    GateMeasurement m;
    m.time = QDateTime::currentDateTimeUtc();
    m.value = 0.08;
    m.verdict = GateMeasurement::Verdict::Fail;
    panel.applyMeasurement(QStringLiteral("errors"), m);
    auto *table = panel.findChild<QTableWidget *>(QStringLiteral("gateTable"));
    QVERIFY(table->item(0, GatePanel::StateColumn)->text().startsWith(QStringLiteral("measuring")));
    panel.runEnded(QStringLiteral("aborted"));
    QCOMPARE(table->item(0, GatePanel::StateColumn)->text(),
             QStringLiteral("stopped unfinished: the run aborted (last measurement: fail)"));
    QCOMPARE(table->item(1, GatePanel::StateColumn)->text(), QStringLiteral("not measured: the run aborted"));
}
