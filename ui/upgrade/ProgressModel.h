#pragma once

#include "models/run/InstanceProgress.h"
#include "models/run/Plan.h"
#include "models/run/StepResult.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTimer>

namespace lockstep {

// The wave x instance x step grid: one row per instance (in wave order), one column per upgrade step,
// with the run-level steps (runbook before:/after:) as a "Run" row above the instances and their own
// columns before and after the instances' steps,
// then one per rollback step that ran (added as a rollback starts it, headed "↩ id"), so a rollback shows
// live beside the upgrade it undoes. Engine signals are applied to the data at once but announced in one dataChanged batch per tick, and
// running cells are re-announced every second so their elapsed time moves; no widget per cell.
class ProgressModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { WaveColumn, InstanceColumn, StateColumn, FirstStepColumn };
    enum class CellStatus { Pending, Running, Succeeded, Failed, Skipped, Cancelled, Interrupted };
    enum Role {
        StatusRole = Qt::UserRole + 1,   // CellStatus as int (step cells)
        FractionRole,                    // elapsed / expected, -1 when nothing is expected
        InstanceRole,
        StepRole,
        InstanceStateRole,               // InstanceState as int
        RollbackRole,                    // bool: a rollback step's column
    };

    explicit ProgressModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setPlan(const Plan &plan);
    void applyStarted(const StepResult &intent);
    void applyFinished(const StepResult &result);
    void applyProgress(const InstanceProgress &progress);
    // Announces every pending change now (tests and the tick timer).
    void flush();

    // The run lane's row is the empty instance name (when the runbook has before:/after: steps).
    int rowOf(const QString &instance) const { return m_rowByName.value(instance, -1); }
    bool isRunRow(int row) const { return row >= 0 && row < m_rows.size() && m_rows.at(row).wave < 0; }
    QString instanceAt(int row) const;
    InstanceProgress progressAt(int row) const { return m_rows.value(row).progress; }
    CellStatus cellStatus(const QString &instance, const QString &step) const;
    // A rollback step's cell; Pending when that step has not run on the instance.
    CellStatus rollbackCellStatus(const QString &instance, const QString &step) const;
    QStringList rollbackSteps() const { return m_rollbackSteps; }

private:
    struct Cell
    {
        CellStatus status = CellStatus::Pending;
        QDateTime started;
        qint64 durationMs = 0;
        qint64 expectedMs = 0;
        int attempt = 0;
        QString note;
    };
    struct Row
    {
        QString instance;
        QString fromVersion;
        int wave = 0;
        QString waveName;
        InstanceProgress progress;
        QString rollbackStep;           // the rollback step running or last run
        QList<Cell> cells;
        QList<Cell> rollbackCells;      // one per m_rollbackSteps
    };
    void markDirty(int row);
    // The cell a step attempt lands in: an upgrade step's, or (rollback phase) its rollback column's,
    // which is added when that rollback step first runs.
    Cell *cellFor(const StepResult &attempt);
    const Cell *cellAt(const Row &row, int column) const;
    QString stepAt(int column) const;
    QString stateText(const Row &row) const;
    QString cellText(const Cell &cell) const;

    Plan m_plan;
    QStringList m_steps;
    int m_runLevelBefore = 0;           // the first columns: run-level before: steps
    int m_runLevelAfter = 0;            // the last step columns: run-level after: steps
    QStringList m_rollbackSteps;
    QList<Row> m_rows;
    QHash<QString, int> m_rowByName;
    QSet<int> m_dirty;
    QTimer m_flushTimer;
    QTimer m_tickTimer;
};

} // namespace lockstep
