#pragma once

#include "ui/charts/ChartMarker.h"

#include <QChartView>
#include <QDateTime>
#include <QTimer>

#include <optional>
#include <vector>

class QAreaSeries;
class QDateTimeAxis;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QValueAxis;

namespace lockstep {

// One gate metric over time (error rate, p95 latency, queue depth ...): the values as a line, the gate's
// threshold as a dashed horizontal line, the values a gate fails on as a shaded band, and events
// (upgrade start and end, waves, approvals, rollbacks) as labelled vertical markers.
// Holds every point it is given (1,000,000 is fine) and plots only ~2 per pixel (ChartDownsampler,
// extremes kept), recomputed when the data, the range or the width changes. Live points are batched:
// appendPoint() schedules one replot ~40 ms later however many points arrive.
// The series (children of chart()) are named "<name>Series", "<name>Threshold", "<name>Upgrade",
// "<name>FailingAbove", "<name>FailingBelow" and "<name>Marker<N>" for tests.
class MetricChart : public QChartView
{
    Q_OBJECT
public:
    explicit MetricChart(const QString &title, QWidget *parent = nullptr);

    void setPoints(std::vector<double> timesMs, std::vector<double> values);
    void appendPoint(const QDateTime &time, double value);
    void clearPoints();
    void setThreshold(std::optional<double> threshold);
    // Shades the values a gate fails on: at or above `failsFrom` (a "below" gate), at or below
    // `failsUpTo` (an "above" gate), or both outside a "between" gate's bounds.
    void setFailingBand(std::optional<double> failsFrom, std::optional<double> failsUpTo);
    void setUpgradeTime(const QDateTime &time);
    void setMarkers(const QList<ChartMarker> &markers);
    // Fixed time range; without one the chart shows all its points.
    void setTimeRange(const QDateTime &from, const QDateTime &to);
    void clearTimeRange();

    void replotNow();
    qsizetype plottedPointCount() const;
    QLineSeries *valueSeries() const { return m_series; }
    QLineSeries *thresholdSeries() const { return m_threshold; }
    QLineSeries *upgradeSeries() const { return m_upgrade; }
    QAreaSeries *failingAboveSeries() const { return m_failAbove; }
    QAreaSeries *failingBelowSeries() const { return m_failBelow; }
    QList<ChartMarker> markers() const { return m_markers; }
    QList<QLineSeries *> markerSeries() const { return m_markerLines; }
    QValueAxis *valueAxis() const { return m_valueAxis; }
    std::optional<double> threshold() const { return m_thresholdValue; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleReplot();
    int plotWidth() const;
    int maxValueTicks() const;
    void placeMarkerLabels();
    void remeasureValueLabels();

    QLineSeries *m_series;
    QLineSeries *m_threshold;
    QLineSeries *m_upgrade;
    QAreaSeries *m_failAbove;
    QAreaSeries *m_failBelow;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    std::vector<double> m_times;
    std::vector<double> m_values;
    std::optional<double> m_thresholdValue;
    std::optional<double> m_failsFrom;
    std::optional<double> m_failsUpTo;
    QDateTime m_upgradeTime;
    QList<ChartMarker> m_markers;
    QList<QLineSeries *> m_markerLines;
    QList<QGraphicsSimpleTextItem *> m_markerLabels;
    std::optional<std::pair<double, double>> m_range;
    bool m_valueLabelsStale = false;
    QTimer m_replot;
};

} // namespace lockstep
