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
// "<name>FailingAbove", "<name>FailingBelow", "<name>Baseline" and "<name>Marker<N>" for tests.
// An optional second series (a baseline: the instances not upgraded yet, or a gate's baseline value) is
// drawn dashed in another colour over the same axes, downsampled the same way.
// Hovering a series shows its name, the time and the value of the real sample nearest the pointer (not
// a point interpolated on the downsampled line); hovering the threshold or the failing band shows it.
class MetricChart : public QChartView
{
    Q_OBJECT
public:
    // How hover text writes a value: a share as percent, seconds as ms (or s), a count as it is.
    enum class Unit { Count, Ratio, Seconds };

    explicit MetricChart(const QString &title, QWidget *parent = nullptr);

    // What hover text calls the values ("error rate", "p95") and how it writes them.
    void setValueLabel(const QString &label, Unit unit);
    // The value series' name in hover text (an instance, "wave 2", "canary"); the title by default.
    void setSeriesName(const QString &name);
    QString seriesName() const;
    // The baseline series: set, extend, or clear (an empty name and no points hide it).
    void setBaseline(const QString &name, std::vector<double> timesMs, std::vector<double> values);
    void appendBaselinePoint(const QDateTime &time, double value);
    void clearBaseline();
    bool hasBaseline() const { return !m_baselineName.isEmpty(); }
    QLineSeries *baselineSeries() const { return m_baseline; }
    // The text the last hover showed (also shown as a tool tip); empty once the pointer left.
    QString hoverText() const { return m_hoverText; }
    // What hovering at `position` (chart coordinates) shows: a sample of the value or baseline series
    // within a few pixels, else the threshold line, else the failing band; empty over nothing.
    QString hoverTextAt(QPointF position) const;
    QString formatValue(double value) const;

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
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void scheduleReplot();
    int plotWidth() const;
    int maxValueTicks() const;
    void placeMarkerLabels();
    void remeasureValueLabels();
    QString sampleText(bool baseline, QPointF position) const;

    QString m_valueLabel;
    Unit m_unit = Unit::Count;
    QString m_seriesName;
    QString m_baselineName;
    std::vector<double> m_baseTimes;
    std::vector<double> m_baseValues;
    QString m_hoverText;

    QLineSeries *m_series;
    QLineSeries *m_threshold;
    QLineSeries *m_upgrade;
    QAreaSeries *m_failAbove;
    QAreaSeries *m_failBelow;
    QLineSeries *m_baseline;
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
