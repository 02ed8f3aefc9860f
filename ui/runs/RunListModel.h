#pragma once

#include "models/run/RunRecord.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

namespace lockstep {

// Stored runs, newest first, for the runs view.
class RunListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Runbook, Product, Version, Operator, State, Created, Note, ColumnCount };
    enum Role { RunIdRole = Qt::UserRole + 1, TerminalRole, InterruptedRole };

    explicit RunListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // `interrupted`: unfinished runs no console drives any more (crashed, or their leases expired); they
    // show as interrupted, whatever state they were stored in, until they are recovered.
    void setRuns(const QList<RunRecord> &runs, const QSet<qint64> &interrupted = {});
    // A run created or changed (by any console): its row is replaced, or a new one goes on top.
    void updateRun(const RunRecord &run);
    const RunRecord &runAt(int row) const { return m_runs.at(row); }

private:
    QList<RunRecord> m_runs;
    QSet<qint64> m_interrupted;
};

} // namespace lockstep
