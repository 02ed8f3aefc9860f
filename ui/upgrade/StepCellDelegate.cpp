#include "ui/upgrade/StepCellDelegate.h"

#include "ui/common/Theme.h"
#include "ui/upgrade/ProgressModel.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>
#include <QPainter>

namespace lockstep {

namespace {

Theme::Tone toneOf(ProgressModel::CellStatus status)
{
    using S = ProgressModel::CellStatus;
    switch (status) {
    case S::Running: return Theme::Tone::Info;
    case S::Succeeded: return Theme::Tone::Good;
    case S::Failed: return Theme::Tone::Bad;
    case S::Interrupted:
    case S::Cancelled: return Theme::Tone::Warn;
    case S::Skipped:
    case S::Pending: return Theme::Tone::Neutral;
    }
    return Theme::Tone::Neutral;
}

QString glyphOf(ProgressModel::CellStatus status)
{
    using S = ProgressModel::CellStatus;
    switch (status) {
    case S::Running: return QStringLiteral("▶ ");
    case S::Succeeded: return QStringLiteral("✔ ");
    case S::Failed: return QStringLiteral("✘ ");
    case S::Interrupted: return QStringLiteral("⚠ ");
    case S::Cancelled: return QStringLiteral("■ ");
    case S::Skipped: return QStringLiteral("↷ ");
    case S::Pending: return QString();
    }
    return {};
}

} // namespace

void StepCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant statusValue = index.data(ProgressModel::StatusRole);
    if (!statusValue.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const auto status = ProgressModel::CellStatus(statusValue.toInt());
    const bool dark = Theme::isDark(option.palette);
    painter->save();
    const QRect r = option.rect.adjusted(1, 1, -1, -1);
    if (status != ProgressModel::CellStatus::Pending)
        painter->fillRect(r, Theme::background(toneOf(status), dark));
    if (option.state & QStyle::State_Selected) {
        painter->setPen(QPen(option.palette.highlight().color(), 2));
        painter->drawRect(r.adjusted(1, 1, -1, -1));
    }
    const double fraction = index.data(ProgressModel::FractionRole).toDouble();
    if (fraction >= 0) {
        const int barHeight = 3;
        const QRect track(r.left() + 2, r.bottom() - barHeight - 1, r.width() - 4, barHeight);
        painter->fillRect(track, option.palette.color(QPalette::Mid));
        QRect bar = track;
        bar.setWidth(int(track.width() * std::min(1.0, fraction)));
        painter->fillRect(bar, Theme::accent(fraction > 1.0 ? Theme::Tone::Bad : Theme::Tone::Info, dark));
    }
    painter->setPen(status == ProgressModel::CellStatus::Pending ? option.palette.color(QPalette::PlaceholderText)
                                                                 : Theme::foreground(toneOf(status), dark));
    painter->drawText(r.adjusted(4, 0, -4, -4), Qt::AlignVCenter | Qt::AlignLeft,
                      option.fontMetrics.elidedText(glyphOf(status) + index.data().toString(), Qt::ElideRight, r.width() - 8));
    painter->restore();
}

QSize StepCellDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
    size.setWidth(std::max(size.width(), option.fontMetrics.horizontalAdvance(QStringLiteral("✔ 10.0 s of 10.0 s"))));
    return size;
}

} // namespace lockstep
