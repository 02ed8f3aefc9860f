#include "ui/runs/RunListModel.h"

namespace lockstep {

RunListModel::RunListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_runs.size())
        return {};
    const RunRecord &r = m_runs.at(index.row());
    if (role == RunIdRole)
        return r.id;
    if (role == TerminalRole)
        return isTerminal(r.state);
    const bool interrupted = m_interrupted.contains(r.id);
    if (role == InterruptedRole)
        return interrupted;
    if (role == Qt::ToolTipRole && index.column() == State && interrupted)
        return tr("Stored as %1, but no console is driving it (the console stopped, or its leases expired). "
                  "Open it to recover.").arg(runStateName(r.state));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Id: return r.id;
    case Runbook: return r.runbookId;
    case Product: return r.product;
    case Version: return r.targetVersion;
    case Operator: return r.operatorName;
    case State: return interrupted ? runStateName(RunState::Interrupted) : runStateName(r.state);
    case Created: return r.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Note: return r.note;
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Run");
    case Runbook: return tr("Runbook");
    case Product: return tr("Product");
    case Version: return tr("Target");
    case Operator: return tr("Operator");
    case State: return tr("State");
    case Created: return tr("Created");
    case Note: return tr("Note");
    }
    return {};
}

void RunListModel::setRuns(const QList<RunRecord> &runs, const QSet<qint64> &interrupted)
{
    beginResetModel();
    m_runs = runs;
    m_interrupted = interrupted;
    endResetModel();
}

void RunListModel::updateRun(const RunRecord &run)
{
    for (int row = 0; row < m_runs.size(); ++row) {
        if (m_runs[row].id != run.id)
            continue;
        m_runs[row] = run;
        m_interrupted.remove(run.id);   // a console just wrote it: it is driven (or ended)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    // Newest first: a run not listed yet is newer than the listed ones unless its id says otherwise.
    int row = 0;
    while (row < m_runs.size() && m_runs[row].id > run.id)
        ++row;
    beginInsertRows({}, row, row);
    m_runs.insert(row, run);
    endInsertRows();
}

} // namespace lockstep
