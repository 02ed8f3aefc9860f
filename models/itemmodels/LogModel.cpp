#include "models/itemmodels/LogModel.h"

namespace lockstep {

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Trace: return QStringLiteral("trace");
    case LogLevel::Debug: return QStringLiteral("debug");
    case LogLevel::Info: return QStringLiteral("info");
    case LogLevel::Warning: return QStringLiteral("warning");
    case LogLevel::Error: return QStringLiteral("error");
    case LogLevel::Critical: return QStringLiteral("critical");
    }
    return {};
}

LogModel::LogModel(int maxEntries, QObject *parent)
    : QAbstractTableModel(parent)
    , m_maxEntries(std::max(1, maxEntries))
{
    m_flushTimer.setInterval(50);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogModel::flush);
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return e.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case Level: return logLevelName(e.level);
        case Source: return e.source;
        case Message: return e.message;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == Message ? e.message : QVariant();
    case LevelRole: return int(e.level);
    default: return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case Level: return tr("Level");
    case Source: return tr("Source");
    case Message: return tr("Message");
    }
    return {};
}

void LogModel::append(const LogEntry &entry)
{
    m_queued.append(entry);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogModel::flush()
{
    m_flushTimer.stop();
    if (m_queued.isEmpty())
        return;
    // Only the newest m_maxEntries of the batch can survive anyway.
    if (m_queued.size() > m_maxEntries)
        m_queued.remove(0, m_queued.size() - m_maxEntries);
    const qsizetype overflow = m_entries.size() + m_queued.size() - m_maxEntries;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow) - 1);
        m_entries.remove(0, overflow);
        endRemoveRows();
    }
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(m_queued.size()) - 1);
    m_entries.append(m_queued);
    endInsertRows();
    m_queued.clear();
}

void LogModel::clear()
{
    m_queued.clear();
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

} // namespace lockstep
