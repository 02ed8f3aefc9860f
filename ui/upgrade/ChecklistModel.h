#pragma once

#include "app/engine/ChecklistItemStatus.h"

#include <QAbstractTableModel>
#include <QList>

namespace lockstep {

// The pre-upgrade checklist as a table: item, automated check (with a spinner while it runs),
// sign-offs (who, how many of how many), what is missing.
class ChecklistModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Item, Check, SignOffs, Missing, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, SatisfiedRole, EvidenceRole };

    explicit ChecklistModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setItems(const QList<ChecklistItemStatus> &items);
    void updateItem(const ChecklistItemStatus &item);
    const ChecklistItemStatus &itemAt(int row) const { return m_items.at(row); }
    int rowOf(const QString &id) const;
    // Moves the spinner of running checks one frame on.
    void advanceSpinner();

private:
    QString checkText(const ChecklistItemStatus &item) const;

    QList<ChecklistItemStatus> m_items;
    int m_frame = 0;
};

} // namespace lockstep
