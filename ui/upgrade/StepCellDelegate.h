#pragma once

#include <QStyledItemDelegate>

namespace lockstep {

// Paints a step cell of the progress grid: a status tint, the elapsed-vs-expected bar along the bottom
// (red once past the expectation) and the short text. No widget per cell.
class StepCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace lockstep
