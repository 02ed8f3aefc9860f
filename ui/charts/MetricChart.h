#pragma once

#include <QChartView>
#include <QDateTime>
#include <QTimer>

#include <optional>
#include <vector>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace lockstep {

// One gate metric over time (error rate, p95 latency, queue depth ...): the values as a line, the gate's
// threshold as a dashed horizontal line and the upgrade as a vertical marker on the time axis.
// Holds every point it is given (1,000,000 is fine) and plots only ~2 per pixel (ChartDownsampler,
// extremes kept), recomputed when the data, the range or the width changes. Live points are batched:
// appendPoint() schedules one replot ~40 ms later however many points arrive.
// The series (children of chart()) are named "<name>Series", "<name>Threshold", "<name>Upgrade" for tests.
class MetricChart : public QChartView
{
    Q_OBJECT
public:
    explicit MetricChart(const QString &title, QWidget *parent = nullptr);

    void setPoints(std::vector<double> timesMs, std::vector<double> values);
    void appendPoint(const QDateTime &time, double value);
    void setThreshold(std::optional<double> threshold);
    void setUpgradeTime(const QDateTime &time);
    // Fixed time range; without one the chart shows all its points.
    void setTimeRange(const QDateTime &from, const QDateTime &to);
    void clearTimeRange();

    void replotNow();
    qsizetype plottedPointCount() const;
    QLineSeries *valueSeries() const { return m_series; }
    QLineSeries *thresholdSeries() const { return m_threshold; }
    QLineSeries *upgradeSeries() const { return m_upgrade; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleReplot();
    int plotWidth() const;

    QLineSeries *m_series;
    QLineSeries *m_threshold;
    QLineSeries *m_upgrade;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    std::vector<double> m_times;
    std::vector<double> m_values;
    std::optional<double> m_thresholdValue;
    QDateTime m_upgradeTime;
    std::optional<std::pair<double, double>> m_range;
    QTimer m_replot;
};

} // namespace lockstep
