#include "ui/charts/MetricChart.h"

#include "ui/charts/ChartDownsampler.h"
#include "ui/charts/NiceScale.h"

#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QLineF>
#include <QMouseEvent>
#include <QPen>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace lockstep {

namespace {

QPen markerPen(ChartMarker::Kind kind)
{
    switch (kind) {
    case ChartMarker::Kind::UpgradeStart:
    case ChartMarker::Kind::UpgradeEnd: return QPen(QColor(0x45, 0x4f, 0x5a), 2, Qt::DotLine);
    case ChartMarker::Kind::Wave: return QPen(QColor(0x15, 0x65, 0xc0), 1.5, Qt::DashDotLine);
    case ChartMarker::Kind::Approval: return QPen(QColor(0x2e, 0x7d, 0x32), 1.5, Qt::DashLine);
    case ChartMarker::Kind::Rollback: return QPen(QColor(0xd8, 0x43, 0x15), 2, Qt::SolidLine);
    }
    return {};
}

QAreaSeries *bandSeries(QObject *owner)
{
    auto *area = new QAreaSeries(new QLineSeries(owner), new QLineSeries(owner));
    area->setPen(Qt::NoPen);
    area->setBrush(QColor(0xc6, 0x28, 0x28, 30));
    return area;
}

// The index of the real sample a hover at (`t`, `y`) points at: among the samples within a pixel column
// (`pixelMs`) either side the one closest to `y` (with many samples per pixel the line there runs
// through all of them, so the closest to the pointer is the one under it), else the nearest in time.
// NaN samples (no data) are skipped; -1 when there is none.
qsizetype sampleNear(const std::vector<double> &times, const std::vector<double> &values, double t, double y,
                     double pixelMs)
{
    if (times.empty())
        return -1;
    const auto first = std::lower_bound(times.begin(), times.end(), t - pixelMs);
    const auto last = std::upper_bound(times.begin(), times.end(), t + pixelMs);
    qsizetype best = -1;
    for (auto it = first; it != last; ++it) {
        const qsizetype i = it - times.begin();
        if (std::isnan(values[i]))
            continue;
        const double dy = std::abs(values[i] - y), bestDy = best < 0 ? 0 : std::abs(values[best] - y);
        if (best < 0 || dy < bestDy || (dy == bestDy && std::abs(times[i] - t) < std::abs(times[best] - t)))
            best = i;   // equal values (a flat line): the one nearest in time
    }
    if (best >= 0)
        return best;
    const qsizetype at = std::lower_bound(times.begin(), times.end(), t) - times.begin();
    for (qsizetype d = 0; at - d >= 0 || at + d < qsizetype(times.size()); ++d) {
        for (qsizetype i : {at - d - 1, at + d}) {
            if (i < 0 || i >= qsizetype(times.size()) || std::isnan(values[i]))
                continue;
            if (best < 0 || std::abs(times[i] - t) < std::abs(times[best] - t))
                best = i;
        }
        if (best >= 0)
            return best;
    }
    return -1;
}

constexpr double kHoverReachPx = 8;   // how far from a point (or the threshold) hover still finds it
constexpr qsizetype kPointsShownUpTo = 60;   // series this sparse draw their points as well as the line

} // namespace

MetricChart::MetricChart(const QString &title, QWidget *parent)
    : QChartView(parent)
    , m_series(new QLineSeries)
    , m_threshold(new QLineSeries)
    , m_upgrade(new QLineSeries)
    , m_failAbove(bandSeries(this))
    , m_failBelow(bandSeries(this))
    , m_baseline(new QLineSeries)
    , m_timeAxis(new QDateTimeAxis)
    , m_valueAxis(new QValueAxis)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    // Shown only with a baseline, in the title row's right corner (placeMarkerLabels()): as a layout
    // item it would take a row of its own from the plot.
    chart->legend()->detachFromChart();
    chart->legend()->setBackgroundVisible(false);
    chart->setAnimationOptions(QChart::NoAnimation);
    // Small margins: more room for the plot, and a plot area even before the first layout (see
    // remeasureValueLabels() for why an empty one matters).
    chart->setMargins(QMargins(6, 2, 12, 2));
    setRenderHint(QPainter::Antialiasing, true);

    m_series->setName(title);
    m_series->setPen(QPen(QColor(0x1f, 0x6f, 0xb5), 2));
    m_threshold->setName(tr("threshold"));
    m_upgrade->setName(tr("upgrade"));
    m_failAbove->setName(tr("failing"));
    m_failBelow->setName(tr("failing"));
    m_threshold->setPen(QPen(QColor(0xc6, 0x28, 0x28), 1.5, Qt::DashLine));
    m_upgrade->setPen(markerPen(ChartMarker::Kind::UpgradeStart));
    // The baseline: orange and dashed, so it reads as "the others" next to the blue canary line.
    m_baseline->setPen(QPen(QColor(0xe0, 0x7b, 0x00), 2, Qt::DashLine));
    m_baseline->setVisible(false);
    m_valueLabel = title;

    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(5);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    // Gate values span 0.001 (error rates) to thousands (queue depth): %g keeps labels short, and 4
    // digits keep 2000 from turning into "2e+03".
    m_valueAxis->setLabelFormat(QStringLiteral("%.4g"));
    m_valueAxis->setTickCount(5);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    // The band first, so the line and the threshold are drawn over it.
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_failAbove, m_failBelow, m_baseline, m_series, m_threshold, m_upgrade}) {
        chart->addSeries(s);
        s->attachAxis(m_timeAxis);
        s->attachAxis(m_valueAxis);
    }
    setChart(chart);
    connect(chart, &QChart::plotAreaChanged, this, &MetricChart::placeMarkerLabels);
    // Hover is tracked here rather than through QXYSeries::hovered, which reports only entering and
    // leaving a line: the text has to follow the pointer along it.
    viewport()->setMouseTracking(true);

    m_replot.setSingleShot(true);
    m_replot.setInterval(40);
    connect(&m_replot, &QTimer::timeout, this, &MetricChart::replotNow);
    connect(this, &QObject::objectNameChanged, this, [this](const QString &name) {
        m_series->setObjectName(name + QStringLiteral("Series"));
        m_threshold->setObjectName(name + QStringLiteral("Threshold"));
        m_upgrade->setObjectName(name + QStringLiteral("Upgrade"));
        m_failAbove->setObjectName(name + QStringLiteral("FailingAbove"));
        m_failBelow->setObjectName(name + QStringLiteral("FailingBelow"));
        m_baseline->setObjectName(name + QStringLiteral("Baseline"));
        for (qsizetype i = 0; i < m_markerLines.size(); ++i)
            m_markerLines[i]->setObjectName(name + QStringLiteral("Marker") + QString::number(i));
    });
}

void MetricChart::setPoints(std::vector<double> timesMs, std::vector<double> values)
{
    m_times = std::move(timesMs);
    m_values = std::move(values);
    m_values.resize(m_times.size(), std::nan(""));
    scheduleReplot();
}

void MetricChart::appendPoint(const QDateTime &time, double value)
{
    const double t = double(time.toMSecsSinceEpoch());
    if (!m_times.empty() && t < m_times.back())
        return;   // points arrive in time order; a late one would break the sorted store
    m_times.push_back(t);
    m_values.push_back(value);
    scheduleReplot();
}

void MetricChart::clearPoints()
{
    m_times.clear();
    m_values.clear();
    scheduleReplot();
}

void MetricChart::setValueLabel(const QString &label, Unit unit)
{
    m_valueLabel = label;
    m_unit = unit;
}

void MetricChart::setSeriesName(const QString &name)
{
    m_seriesName = name;
}

QString MetricChart::seriesName() const
{
    return m_seriesName.isEmpty() ? chart()->title() : m_seriesName;
}

void MetricChart::setBaseline(const QString &name, std::vector<double> timesMs, std::vector<double> values)
{
    m_baselineName = name;
    m_baseline->setName(name);
    m_baseTimes = std::move(timesMs);
    m_baseValues = std::move(values);
    m_baseValues.resize(m_baseTimes.size(), std::nan(""));
    scheduleReplot();
}

void MetricChart::appendBaselinePoint(const QDateTime &time, double value)
{
    const double t = double(time.toMSecsSinceEpoch());
    if (!m_baseTimes.empty() && t < m_baseTimes.back())
        return;
    if (m_baselineName.isEmpty())
        m_baselineName = tr("baseline");
    m_baseTimes.push_back(t);
    m_baseValues.push_back(value);
    scheduleReplot();
}

void MetricChart::clearBaseline()
{
    m_baselineName.clear();
    m_baseTimes.clear();
    m_baseValues.clear();
    scheduleReplot();
}

QString MetricChart::formatValue(double value) const
{
    switch (m_unit) {
    case Unit::Ratio: return tr("%1 %").arg(QLocale().toString(value * 100, 'g', 3));
    case Unit::Seconds:
        return std::abs(value) < 1 ? tr("%1 ms").arg(QLocale().toString(value * 1000, 'g', 3))
                                   : tr("%1 s").arg(QLocale().toString(value, 'g', 3));
    case Unit::Count: break;
    }
    return QLocale().toString(value, 'g', 4);
}

QString MetricChart::sampleText(bool baseline, QPointF position) const
{
    const std::vector<double> &times = baseline ? m_baseTimes : m_times;
    const std::vector<double> &values = baseline ? m_baseValues : m_values;
    const QPointF at = chart()->mapToValue(position, m_series);
    const double pixelMs = (m_timeAxis->max().toMSecsSinceEpoch() - m_timeAxis->min().toMSecsSinceEpoch())
                           / std::max(1.0, chart()->plotArea().width());
    const qsizetype i = sampleNear(times, values, at.x(), at.y(), 2 * pixelMs);   // a pointer is a pixel or so off
    if (i < 0)
        return {};
    const QPointF sample = chart()->mapToPosition(QPointF(times[i], values[i]), m_series);
    if (QLineF(sample, position).length() > kHoverReachPx)
        return {};
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(qint64(times[i]), Qt::UTC).toLocalTime();
    //: hover text of a chart point: series (instance, wave, baseline) · time · metric and value
    return tr("%1 · %2 · %3 %4")
        .arg(baseline ? m_baselineName : seriesName(), QLocale().toString(time.time(), QStringLiteral("HH:mm:ss")),
             m_valueLabel, formatValue(values[i]));
}

QString MetricChart::hoverTextAt(QPointF position) const
{
    const QRectF plot = chart()->plotArea();
    if (!plot.adjusted(-kHoverReachPx, -kHoverReachPx, kHoverReachPx, kHoverReachPx).contains(position))
        return {};
    // The nearer of the two series' samples, then the threshold line, then the shaded band.
    const QString value = sampleText(false, position);
    if (!value.isEmpty())
        return value;
    if (hasBaseline()) {
        const QString base = sampleText(true, position);
        if (!base.isEmpty())
            return base;
    }
    const double y = chart()->mapToValue(position, m_series).y();
    if (m_thresholdValue) {
        const double limit = *m_thresholdValue;
        const double lineY = chart()->mapToPosition(QPointF(0, limit), m_series).y();
        if (std::abs(lineY - position.y()) <= 4) {
            //: hover text of a gate's threshold line: values must stay below (or above) it
            if (m_failsFrom && *m_failsFrom == limit)
                return tr("threshold < %1").arg(formatValue(limit));
            if (m_failsUpTo && *m_failsUpTo == limit)
                return tr("threshold > %1").arg(formatValue(limit));
            return tr("threshold %1").arg(formatValue(limit));
        }
    }
    if (!plot.contains(position))
        return {};
    if (m_failsFrom && y >= *m_failsFrom)
        return tr("failing: %1 at or above %2").arg(m_valueLabel, formatValue(*m_failsFrom));
    if (m_failsUpTo && y <= *m_failsUpTo)
        return tr("failing: %1 at or below %2").arg(m_valueLabel, formatValue(*m_failsUpTo));
    return {};
}

void MetricChart::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    const QPointF position = chart()->mapFromScene(mapToScene(event->position().toPoint()));
    m_hoverText = hoverTextAt(position);
    if (m_hoverText.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), m_hoverText, this);
}

void MetricChart::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    m_hoverText.clear();
    QToolTip::hideText();
}

void MetricChart::setThreshold(std::optional<double> threshold)
{
    m_thresholdValue = threshold;
    scheduleReplot();
}

void MetricChart::setFailingBand(std::optional<double> failsFrom, std::optional<double> failsUpTo)
{
    m_failsFrom = failsFrom;
    m_failsUpTo = failsUpTo;
    scheduleReplot();
}

void MetricChart::setUpgradeTime(const QDateTime &time)
{
    m_upgradeTime = time;
    scheduleReplot();
}

void MetricChart::setMarkers(const QList<ChartMarker> &markers)
{
    if (markers == m_markers)
        return;
    m_markers = markers;
    for (QLineSeries *line : std::as_const(m_markerLines)) {
        chart()->removeSeries(line);
        delete line;
    }
    qDeleteAll(m_markerLabels);
    m_markerLines.clear();
    m_markerLabels.clear();
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    for (const ChartMarker &m : markers) {
        auto *line = new QLineSeries;
        line->setName(m.label);
        line->setPen(markerPen(m.kind));
        line->setObjectName(objectName() + QStringLiteral("Marker") + QString::number(m_markerLines.size()));
        chart()->addSeries(line);
        line->attachAxis(m_timeAxis);
        line->attachAxis(m_valueAxis);
        m_markerLines.append(line);
        auto *label = new QGraphicsSimpleTextItem(m.label, chart());
        label->setFont(font);
        label->setBrush(markerPen(m.kind).color());
        label->setZValue(10);
        m_markerLabels.append(label);
    }
    scheduleReplot();
}

void MetricChart::setTimeRange(const QDateTime &from, const QDateTime &to)
{
    m_range = std::make_pair(double(from.toMSecsSinceEpoch()), double(to.toMSecsSinceEpoch()));
    scheduleReplot();
}

void MetricChart::clearTimeRange()
{
    m_range.reset();
    scheduleReplot();
}

void MetricChart::scheduleReplot()
{
    if (!m_replot.isActive())
        m_replot.start();
}

int MetricChart::plotWidth() const
{
    const int width = int(chart()->plotArea().width());
    return width > 10 ? width : std::max(100, this->width());
}

int MetricChart::maxValueTicks() const
{
    // About one labelled line per 18 px of plot (labels are ~15 px high); at least 3 (0, middle, top).
    const double height = chart()->plotArea().height();
    if (height < 1)
        return 5;
    return std::clamp(int(height / 18) + 1, 3, 6);
}

void MetricChart::replotNow()
{
    m_replot.stop();
    double from = 0, to = 0;
    if (m_range) {
        std::tie(from, to) = *m_range;
    } else if (!m_times.empty()) {
        from = m_times.front();
        to = m_times.back();
    }
    if (!m_range) {
        QList<double> events;
        if (m_upgradeTime.isValid())
            events << double(m_upgradeTime.toMSecsSinceEpoch());
        for (const ChartMarker &m : std::as_const(m_markers))
            events << double(m.time.toMSecsSinceEpoch());
        for (double t : std::as_const(events)) {
            from = m_times.empty() && from == 0 ? t - 60000 : std::min(from, t);
            to = std::max(to, t);
        }
    }
    if (!(to > from)) {
        // One measurement (or none): a minute around it, so the point sits inside the plot, not on its edge.
        from -= 30000;
        to = from + 60000;
    }

    const QList<QPointF> points = ChartDownsampler::downsample(m_times, m_values, from, to, plotWidth());
    double low = std::numeric_limits<double>::infinity(), high = -low;
    const QList<QPointF> basePoints = m_baselineName.isEmpty()
        ? QList<QPointF>{}
        : ChartDownsampler::downsample(m_baseTimes, m_baseValues, from, to, plotWidth());
    for (const QPointF &p : points + basePoints) {
        if (p.x() < from || p.x() > to)
            continue;
        low = std::min(low, p.y());
        high = std::max(high, p.y());
    }
    for (const std::optional<double> &limit : {m_thresholdValue, m_failsFrom, m_failsUpTo}) {
        if (limit) {
            low = std::min(low, *limit);
            high = std::max(high, *limit);
        }
    }
    if (!std::isfinite(low) || !std::isfinite(high)) {
        low = 0;
        high = 1;
    }
    low = std::min(low, 0.0);   // gate metrics are rates, latencies and depths: show them from zero
    // A little room above the highest value or threshold, so neither runs along the top edge.
    const NiceScale scale = NiceScale::around(low, high + (high - low) * 0.05, maxValueTicks());
    low = scale.min;
    high = scale.max;

    m_series->replace(points);
    // A line needs two points: sparse series (a gate's first measurements) also draw each point, so a
    // single measurement is visible.
    m_series->setPointsVisible(points.size() <= kPointsShownUpTo);
    m_baseline->setVisible(!m_baselineName.isEmpty());
    // With a baseline, a legend tells the two lines apart (and only them: not the threshold or markers).
    m_series->setName(seriesName());
    chart()->legend()->setVisible(!m_baselineName.isEmpty());
    if (!m_baselineName.isEmpty()) {
        for (QLegendMarker *marker : chart()->legend()->markers())
            marker->setVisible(marker->series() == m_series || marker->series() == m_baseline);
        chart()->legend()->update();
    }
    m_baseline->replace(basePoints);
    m_baseline->setPointsVisible(basePoints.size() <= kPointsShownUpTo);
    if (m_thresholdValue)
        m_threshold->replace({QPointF(from, *m_thresholdValue), QPointF(to, *m_thresholdValue)});
    else
        m_threshold->clear();
    auto band = [&](QAreaSeries *area, std::optional<double> lower, std::optional<double> upper, bool shown) {
        if (!shown) {
            area->upperSeries()->clear();
            area->lowerSeries()->clear();
            return;
        }
        area->lowerSeries()->replace({QPointF(from, lower.value_or(low)), QPointF(to, lower.value_or(low))});
        area->upperSeries()->replace({QPointF(from, upper.value_or(high)), QPointF(to, upper.value_or(high))});
    };
    band(m_failAbove, m_failsFrom, std::nullopt, m_failsFrom.has_value() && *m_failsFrom < high);
    band(m_failBelow, std::nullopt, m_failsUpTo, m_failsUpTo.has_value() && *m_failsUpTo > low);
    if (m_upgradeTime.isValid()) {
        const double t = double(m_upgradeTime.toMSecsSinceEpoch());
        m_upgrade->replace({QPointF(t, low), QPointF(t, high)});
    } else {
        m_upgrade->clear();
    }
    for (qsizetype i = 0; i < m_markers.size(); ++i) {
        const double t = double(m_markers[i].time.toMSecsSinceEpoch());
        m_markerLines[i]->replace({QPointF(t, low), QPointF(t, high)});
        m_markerLines[i]->setVisible(t >= from && t <= to);
    }
    m_timeAxis->setFormat(to - from >= 20 * 60 * 1000 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
    // A range of a few seconds (a gate measured every 400 ms) gets fewer ticks, so no two read the same.
    m_timeAxis->setTickCount(std::clamp(int((to - from) / 1000) + 1, 2, 5));
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(from), Qt::UTC),
                         QDateTime::fromMSecsSinceEpoch(qint64(to), Qt::UTC));
    m_valueAxis->setTickCount(scale.ticks);
    m_valueAxis->setRange(low, high);
    if (chart()->plotArea().width() < 1 || chart()->plotArea().height() < 1)
        m_valueLabelsStale = true;
    placeMarkerLabels();
}

void MetricChart::remeasureValueLabels()
{
    // Qt Charts (6.4) ignores a range change while the plot area is empty (ChartAxisElement::
    // handleRangeChanged returns early for an "empty axis"), so the axis keeps the label width it
    // measured for its previous range (0 .. 1: "0.75") and elides the new labels to "0.0..." once the
    // chart gets its real size. That happens to every chart created on a page not shown yet: such a
    // widget is 100 x 30 until its first layout. A label format change makes the axis measure again.
    const QString format = m_valueAxis->labelFormat();
    m_valueAxis->setLabelFormat(format + QLatin1Char(' '));
    m_valueAxis->setLabelFormat(format);
    m_valueLabelsStale = false;
}

void MetricChart::placeMarkerLabels()
{
    const QRectF plot = chart()->plotArea();
    if (QLegend *legend = chart()->legend(); legend->isVisible()) {
        const QSizeF size = legend->effectiveSizeHint(Qt::PreferredSize);
        legend->setGeometry(QRectF(QPointF(chart()->size().width() - size.width() - 4, 0), size));
    }
    // Labels of markers close together go one line lower each, instead of on top of each other.
    QList<QRectF> placed;
    for (qsizetype i = 0; i < m_markerLabels.size(); ++i) {
        QGraphicsSimpleTextItem *label = m_markerLabels[i];
        const bool shown = m_markerLines[i]->isVisible() && plot.width() > 1;
        label->setVisible(shown);
        if (!shown)
            continue;
        const double x = chart()->mapToPosition(QPointF(double(m_markers[i].time.toMSecsSinceEpoch()), 0), m_series).x();
        const QRectF size = label->boundingRect();
        QRectF box(x + 3, plot.top() + 2, size.width(), size.height());
        if (box.right() > plot.right())
            box.moveRight(x - 3);   // near the right edge: on the left of its line
        for (bool moved = true; moved;) {
            moved = false;
            for (const QRectF &other : std::as_const(placed)) {
                if (box.intersects(other)) {
                    box.moveTop(other.bottom() + 1);
                    moved = true;
                }
            }
        }
        label->setPos(box.topLeft());
        placed.append(box);
    }
}

qsizetype MetricChart::plottedPointCount() const
{
    return m_series->count();
}

void MetricChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    if (m_valueLabelsStale)
        remeasureValueLabels();
    scheduleReplot();
}

} // namespace lockstep
