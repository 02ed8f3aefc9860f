#pragma once

#include "models/itemmodels/LogEntry.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>

namespace lockstep {

// The last N log lines (10,000 by default). Lines are appended in batches on a short timer so a burst
// of logging costs one insert per batch, and the oldest lines are dropped so memory stays bounded.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Level, Source, Message, ColumnCount };
    enum Role { LevelRole = Qt::UserRole + 1 };

    explicit LogModel(int maxEntries = 10000, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void append(const LogEntry &entry);   // shown on the next batch tick
    void flush();
    void clear();
    int maxEntries() const { return m_maxEntries; }
    const LogEntry &entryAt(int row) const { return m_entries.at(row); }

private:
    QList<LogEntry> m_entries;
    QList<LogEntry> m_queued;
    int m_maxEntries;
    QTimer m_flushTimer;
};

} // namespace lockstep
