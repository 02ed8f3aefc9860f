#include "ui/audit/AuditEventModel.h"

#include "app/audit/AuditSubject.h"

namespace lockstep {

AuditEventModel::AuditEventModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int AuditEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditEventModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const AuditEvent &e = m_events.at(index.row());
    if (role == Qt::ToolTipRole)
        return QStringLiteral("hash %1\nprev %2%3").arg(e.hash, e.prevHash, e.evidence.isEmpty() ? QString() : QString(QStringLiteral("\n") + e.evidence));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Seq: return e.seq;
    case Time: return e.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    case Operator: return e.operatorName;
    case Action: return e.action;
    case Run: return e.runId;
    case Instance: return e.instance;
    case Step: return m_subjects.value(index.row());
    case From: return e.fromVersion;
    case To: return e.toVersion;
    case ResultColumn: return e.result;
    case Reason: return e.reason;
    }
    return {};
}

QVariant AuditEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Seq: return tr("#");
    case Time: return tr("Time");
    case Operator: return tr("Operator");
    case Action: return tr("Action");
    case Run: return tr("Run");
    case Instance: return tr("Instance");
    case Step: return tr("Step");
    case From: return tr("From");
    case To: return tr("To");
    case ResultColumn: return tr("Result");
    case Reason: return tr("Reason");
    }
    return {};
}

void AuditEventModel::setEvents(const QList<AuditEvent> &events)
{
    beginResetModel();
    m_events = events;
    m_subjects.clear();
    for (const AuditEvent &e : events)
        m_subjects << auditSubject(e);
    endResetModel();
}

void AuditEventModel::prependEvents(const QList<AuditEvent> &events)
{
    if (events.isEmpty())
        return;
    beginInsertRows({}, 0, int(events.size()) - 1);
    m_events = events + m_events;
    QStringList subjects;
    for (const AuditEvent &e : events)
        subjects << auditSubject(e);
    m_subjects = subjects + m_subjects;
    endInsertRows();
}

} // namespace lockstep
