#pragma once

#include <QStyledItemDelegate>

namespace lockstep {

// The health column: a coloured dot (healthy, unhealthy, down, unknown) before "healthy · 3 s ago".
class HealthDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace lockstep
