#include "ui/fleet/HealthDelegate.h"

#include "models/Instance.h"
#include "models/itemmodels/FleetModel.h"
#include "ui/common/Theme.h"

#include <QPainter>
#include <QPixmap>
#include <QPixmapCache>

namespace lockstep {

namespace {

Theme::Tone toneOf(Health health)
{
    switch (health) {
    case Health::Healthy: return Theme::Tone::Good;
    case Health::Unhealthy: return Theme::Tone::Warn;
    case Health::Down: return Theme::Tone::Bad;
    case Health::Unknown: return Theme::Tone::Neutral;
    }
    return Theme::Tone::Neutral;
}

// Dots are cached: the column repaints every second for the "s ago" text.
QPixmap dot(Theme::Tone tone, bool dark, int size)
{
    const QString key = QStringLiteral("lockstep-dot-%1-%2-%3").arg(int(tone)).arg(dark).arg(size);
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap))
        return pixmap;
    pixmap = QPixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Theme::accent(tone, dark));
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    painter.end();
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

} // namespace

void HealthDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto health = Health(index.data(FleetModel::HealthRole).toInt());
    const int size = std::max(8, option->fontMetrics.height() / 2 + 2);
    option->icon = QIcon(dot(toneOf(health), Theme::isDark(option->palette), size));
    option->decorationSize = QSize(size, size);
    option->features |= QStyleOptionViewItem::HasDecoration;
}

} // namespace lockstep
