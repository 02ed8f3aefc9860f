#pragma once

#include "ui/common/Theme.h"

#include <QList>
#include <QStyledItemDelegate>

#include <functional>

namespace lockstep {

// Paints a cell as one or more rounded badges ("major", "frozen", "security") instead of plain text,
// so the eye finds them while scanning thousands of rows. No widget per row.
class BadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    struct Badge
    {
        QString text;
        Theme::Tone tone = Theme::Tone::Neutral;
    };
    using BadgeFunction = std::function<QList<Badge>(const QModelIndex &index)>;

    explicit BadgeDelegate(BadgeFunction badges, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The badges of the fleet table's change-class and channel columns.
    static QList<Badge> changeClassBadges(const QModelIndex &index);
    static QList<Badge> channelBadges(const QModelIndex &index);

private:
    BadgeFunction m_badges;
};

} // namespace lockstep
