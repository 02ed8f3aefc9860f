#pragma once

#include "app/metrics/LiveGateTracker.h"

#include <QTableWidget>

namespace lockstep {

// The monitoring view's gate panel: per gate its expression, current value, threshold, failures used
// of the limit and state, judged live. (ui/upgrade/GatePanel is the run's panel: it follows a run's
// measurements and outcomes and draws a chart per gate; here the three metric charts are beside it.)
class LiveGateTable : public QTableWidget
{
    Q_OBJECT
public:
    enum Column { GateColumn, ExpressionColumn, ValueColumn, ThresholdColumn, FailuresColumn, StateColumn, ColumnCount };

    explicit LiveGateTable(QWidget *parent = nullptr);

    void setGates(const QList<LiveGateState> &gates);   // replaces the rows
    void updateGates(const QList<LiveGateState> &gates);   // updates rows by gate id
    int rowOf(const QString &gateId) const;
    QString cellText(const QString &gateId, Column column) const;

private:
    void fillRow(int row, const LiveGateState &gate);
};

} // namespace lockstep
