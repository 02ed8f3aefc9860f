#pragma once

#include "models/AuditEvent.h"

#include <QAbstractTableModel>
#include <QList>

namespace lockstep {

// Audit records as a table, in the order they were read.
class AuditEventModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Seq, Time, Operator, Action, Run, Instance, Step, From, To, ResultColumn, Reason, ColumnCount };

    explicit AuditEventModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEvents(const QList<AuditEvent> &events);
    // Newer events (newest first) go on top, above the ones shown.
    void prependEvents(const QList<AuditEvent> &events);
    const QList<AuditEvent> &events() const { return m_events; }

private:
    QList<AuditEvent> m_events;
    QStringList m_subjects;   // per event: its step, checklist item or gate (read from the evidence once)
};

} // namespace lockstep
