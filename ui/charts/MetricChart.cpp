#include "ui/charts/MetricChart.h"

#include "ui/charts/ChartDownsampler.h"

#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace lockstep {

MetricChart::MetricChart(const QString &title, QWidget *parent)
    : QChartView(parent)
    , m_series(new QLineSeries)
    , m_threshold(new QLineSeries)
    , m_upgrade(new QLineSeries)
    , m_timeAxis(new QDateTimeAxis)
    , m_valueAxis(new QValueAxis)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    chart->setAnimationOptions(QChart::NoAnimation);
    setRenderHint(QPainter::Antialiasing, false);

    m_series->setName(title);
    m_threshold->setName(tr("threshold"));
    m_upgrade->setName(tr("upgrade"));
    QPen thresholdPen(QColor(0xc6, 0x28, 0x28));
    thresholdPen.setStyle(Qt::DashLine);
    thresholdPen.setWidth(1);
    m_threshold->setPen(thresholdPen);
    QPen upgradePen(QColor(0x55, 0x55, 0x55));
    upgradePen.setStyle(Qt::DotLine);
    upgradePen.setWidth(2);
    m_upgrade->setPen(upgradePen);

    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(5);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    // Gate values span 0.001 (error rates) to thousands (queue depth): %g keeps labels short.
    m_valueAxis->setLabelFormat(QStringLiteral("%.3g"));
    m_valueAxis->setTickCount(5);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    for (QLineSeries *s : {m_series, m_threshold, m_upgrade}) {
        chart->addSeries(s);
        s->attachAxis(m_timeAxis);
        s->attachAxis(m_valueAxis);
    }
    setChart(chart);

    m_replot.setSingleShot(true);
    m_replot.setInterval(40);
    connect(&m_replot, &QTimer::timeout, this, &MetricChart::replotNow);
    connect(this, &QObject::objectNameChanged, this, [this](const QString &name) {
        m_series->setObjectName(name + QStringLiteral("Series"));
        m_threshold->setObjectName(name + QStringLiteral("Threshold"));
        m_upgrade->setObjectName(name + QStringLiteral("Upgrade"));
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

void MetricChart::setThreshold(std::optional<double> threshold)
{
    m_thresholdValue = threshold;
    scheduleReplot();
}

void MetricChart::setUpgradeTime(const QDateTime &time)
{
    m_upgradeTime = time;
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
    if (m_upgradeTime.isValid() && !m_range) {
        from = m_times.empty() ? double(m_upgradeTime.toMSecsSinceEpoch()) - 60000 : std::min(from, double(m_upgradeTime.toMSecsSinceEpoch()));
        to = std::max(to, double(m_upgradeTime.toMSecsSinceEpoch()));
    }
    if (!(to > from))
        to = from + 1000;

    const QList<QPointF> points = ChartDownsampler::downsample(m_times, m_values, from, to, plotWidth());
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (const QPointF &p : points) {
        if (p.x() < from || p.x() > to)
            continue;
        low = std::min(low, p.y());
        high = std::max(high, p.y());
    }
    if (m_thresholdValue) {
        low = std::min(low, *m_thresholdValue);
        high = std::max(high, *m_thresholdValue);
    }
    if (!std::isfinite(low) || !std::isfinite(high)) {
        low = 0;
        high = 1;
    }
    low = std::min(low, 0.0);   // gate metrics are rates, latencies and depths: show them from zero
    if (high <= low)
        high = low + 1;
    high += (high - low) * 0.08;

    m_series->replace(points);
    if (m_thresholdValue)
        m_threshold->replace({QPointF(from, *m_thresholdValue), QPointF(to, *m_thresholdValue)});
    else
        m_threshold->clear();
    if (m_upgradeTime.isValid()) {
        const double t = double(m_upgradeTime.toMSecsSinceEpoch());
        m_upgrade->replace({QPointF(t, low), QPointF(t, high)});
    } else {
        m_upgrade->clear();
    }
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(from), Qt::UTC),
                         QDateTime::fromMSecsSinceEpoch(qint64(to), Qt::UTC));
    m_valueAxis->setRange(low, high);
}

qsizetype MetricChart::plottedPointCount() const
{
    return m_series->count();
}

void MetricChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    scheduleReplot();
}

} // namespace lockstep
