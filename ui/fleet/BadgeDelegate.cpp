#include "ui/fleet/BadgeDelegate.h"

#include "models/SemVer.h"
#include "models/itemmodels/FleetModel.h"

#include <QApplication>
#include <QPainter>

namespace lockstep {

namespace {
constexpr int kPadX = 7;
constexpr int kGap = 4;
constexpr int kMargin = 4;
} // namespace

BadgeDelegate::BadgeDelegate(BadgeFunction badges, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_badges(std::move(badges))
{
}

QList<BadgeDelegate::Badge> BadgeDelegate::changeClassBadges(const QModelIndex &index)
{
    const auto change = ChangeClass(index.data(FleetModel::ChangeClassRole).toInt());
    switch (change) {
    case ChangeClass::None: return {};
    case ChangeClass::Patch: return {{tr("patch"), Theme::Tone::Good}};
    case ChangeClass::Minor: return {{tr("minor"), Theme::Tone::Info}};
    case ChangeClass::Major: return {{tr("major"), Theme::Tone::Warn}};
    case ChangeClass::Downgrade: return {{tr("downgrade"), Theme::Tone::Bad}};
    }
    return {};
}

QList<BadgeDelegate::Badge> BadgeDelegate::channelBadges(const QModelIndex &index)
{
    const QString text = index.data().toString();
    if (index.data(FleetModel::FrozenRole).toBool())
        return {{text, Theme::Tone::Frozen}};
    return {{text, Theme::Tone::Neutral}};
}

void BadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QList<Badge> badges = m_badges(index);
    if (badges.isEmpty())
        return;
    const bool dark = Theme::isDark(option.palette);
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.9);
    const QFontMetrics fm(font);
    const int height = std::min(option.rect.height() - 4, fm.height() + 4);
    int x = option.rect.left() + kMargin;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(font);
    for (const Badge &badge : badges) {
        // A badge wider than what is left is elided, not dropped: "frozen · pinned…" still says frozen.
        const int room = option.rect.right() - kMargin - x;
        if (room < 2 * kPadX + fm.horizontalAdvance(QStringLiteral("W…")))
            break;
        const QString text = fm.elidedText(badge.text, Qt::ElideRight, room - 2 * kPadX);
        const int width = fm.horizontalAdvance(text) + 2 * kPadX;
        const QRectF rect(x, option.rect.top() + (option.rect.height() - height) / 2.0, width, height);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::background(badge.tone, dark));
        painter->drawRoundedRect(rect, height / 2.0, height / 2.0);
        painter->setPen(Theme::foreground(badge.tone, dark));
        painter->drawText(rect, Qt::AlignCenter, text);
        x += width + kGap;
    }
    painter->restore();
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.9);
    const QFontMetrics fm(font);
    int width = kMargin;
    for (const Badge &badge : m_badges(index))
        width += fm.horizontalAdvance(badge.text) + 2 * kPadX + kGap;
    size.setWidth(std::max(size.width(), width + kMargin));
    return size;
}

} // namespace lockstep
