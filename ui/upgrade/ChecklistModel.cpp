#include "ui/upgrade/ChecklistModel.h"

#include "ui/common/Theme.h"

#include <QBrush>
#include <QColor>

namespace lockstep {

ChecklistModel::ChecklistModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ChecklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int ChecklistModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ChecklistModel::checkText(const ChecklistItemStatus &item) const
{
    static const QString frames[] = {QStringLiteral("◐"), QStringLiteral("◓"), QStringLiteral("◑"), QStringLiteral("◒")};
    switch (item.check) {
    case ChecklistItemStatus::Check::None: return tr("manual");
    case ChecklistItemStatus::Check::NotRun: return tr("not run");
    case ChecklistItemStatus::Check::Running: return QString(frames[m_frame % 4] + QLatin1Char(' ') + tr("running"));
    case ChecklistItemStatus::Check::Passed: return QStringLiteral("✔ ") + tr("passed");
    case ChecklistItemStatus::Check::Failed: return QStringLiteral("✘ ") + tr("failed");
    }
    return {};
}

QVariant ChecklistModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const ChecklistItemStatus &item = m_items.at(index.row());
    if (role == IdRole)
        return item.id;
    if (role == SatisfiedRole)
        return item.satisfied();
    if (role == EvidenceRole)
        return item.evidence.join(QLatin1Char('\n'));
    if (role == Qt::ToolTipRole && index.column() == Check)
        return item.evidence.join(QLatin1Char('\n')).left(2000);
    if (role == Qt::ForegroundRole && index.column() == Check) {
        if (item.check == ChecklistItemStatus::Check::Passed)
            return QBrush(QColor(0x2e, 0x7d, 0x32));
        if (item.check == ChecklistItemStatus::Check::Failed)
            return QBrush(QColor(0xc6, 0x28, 0x28));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Item: return item.title.isEmpty() ? item.id : item.title;
    case Check: return checkText(item);
    case SignOffs: {
        if (item.signoffsRequired == 0)
            return QString();
        QStringList who;
        for (const SignOff &s : item.signOffs)
            who << s.operatorName + (s.comment.isEmpty() ? QString() : QString(QStringLiteral(" (") + s.comment + QLatin1Char(')')));
        QString text = tr("%1 of %2").arg(item.countedSignOffs()).arg(item.signoffsRequired);
        if (item.signoffsRequired > 1)
            text += tr(", four-eyes");
        return who.isEmpty() ? text : QString(text + QStringLiteral(": ") + who.join(QStringLiteral(", ")));
    }
    case Missing: return item.satisfied() ? QString(QStringLiteral("✔ ") + tr("done")) : item.missing();
    }
    return {};
}

QVariant ChecklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Item: return tr("Item");
    case Check: return tr("Check");
    case SignOffs: return tr("Sign-offs");
    case Missing: return tr("Status");
    }
    return {};
}

void ChecklistModel::setItems(const QList<ChecklistItemStatus> &items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

int ChecklistModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items.at(i).id == id)
            return i;
    return -1;
}

void ChecklistModel::updateItem(const ChecklistItemStatus &item)
{
    const int row = rowOf(item.id);
    if (row < 0)
        return;
    m_items[row] = item;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ChecklistModel::advanceSpinner()
{
    ++m_frame;
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items.at(i).check == ChecklistItemStatus::Check::Running)
            emit dataChanged(index(i, Check), index(i, Check), {Qt::DisplayRole});
}

} // namespace lockstep
