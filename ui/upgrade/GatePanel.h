#pragma once

#include "app/engine/GateEvaluator.h"
#include "models/run/Plan.h"

#include <QHash>
#include <QImage>
#include <QPair>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace lockstep {

class MetricChart;

// Between waves and after the last: each gate's expression, current value, threshold, failures used
// of the limit and state, with a chart of its measurements (threshold drawn, upgrade marked). A failing
// gate says why and what the run's failure policy does next.
class GatePanel : public QWidget
{
    Q_OBJECT
public:
    enum Column { GateColumn, ExpressionColumn, ValueColumn, ThresholdColumn, FailuresColumn, StateColumn, ColumnCount };

    explicit GatePanel(QWidget *parent = nullptr);

    void setPlan(const Plan &plan);
    void setUpgradeTime(const QDateTime &time);
    void waveObserving(int wave);
    // After the last wave: the post-rollout watch until `ends`; `gates` keep measuring round after round,
    // a failure does what `onFailure` says. The verdict line counts the time left down.
    void watching(const QDateTime &ends, const QStringList &gates, OnFailure onFailure);
    void applyMeasurement(const QString &gate, const GateMeasurement &measurement);
    void applyOutcome(const QString &gate, const GateOutcome &outcome);
    // The run ended (`how`: its final state's name): rows still measuring or waiting say so for good.
    void runEnded(const QString &how);
    QList<MetricChart *> charts() const { return m_charts.values(); }
    MetricChart *chart(const QString &gate) const { return m_charts.value(gate); }
    // For the run report: the table as text and each chart as an image.
    QStringList header() const;
    QString verdict() const;
    QList<QStringList> rows() const;
    QList<QPair<QString, QImage>> chartImages() const;

private:
    int rowOf(const QString &gate) const;
    QString policyText() const;
    void followClock();
    void showWatchLeft();

    Plan m_plan;
    QTableWidget *m_table;
    QLabel *m_verdict;
    QWidget *m_chartArea;
    QHash<QString, MetricChart *> m_charts;
    QHash<QString, int> m_failures;
    QHash<QString, QString> m_lastVerdict;   // gate -> its last measurement's verdict, while it measures
    QSet<QString> m_open;
    QDateTime m_upgradeTime;
    QHash<QString, QDateTime> m_firstMeasured;   // gate -> its first measurement's time
 QDateTime m_watchEnds;                        // valid during the post-rollout watch
    QStringList m_watchGates;
    OnFailure m_watchOnFailure = OnFailure::Pause;
    QTimer m_follow;                              // moves the charts' time axis with the clock while the run lives                     // gates waiting or measuring: not decided since the last wave
};

} // namespace lockstep
