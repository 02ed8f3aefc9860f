#include "ui/monitoring/LiveGateTable.h"

#include "app/metrics/GateJudge.h"
#include "ui/common/Theme.h"

#include <QHeaderView>

#include <algorithm>

namespace lockstep {

namespace {

Theme::Tone toneOf(const LiveGateState &g)
{
    using S = LiveGateState::State;
    if (g.limitReached() && g.state != S::Unsupported)
        return Theme::Tone::Bad;
    switch (g.state) {
    case S::Passing: return Theme::Tone::Good;
    case S::Failing: return Theme::Tone::Bad;
    case S::Inconclusive:
    case S::NoData:
    case S::ProviderError: return Theme::Tone::Warn;
    case S::Waiting:
    case S::Unsupported: return Theme::Tone::Neutral;
    }
    return Theme::Tone::Neutral;
}

QString stateText(const LiveGateState &g)
{
    using S = LiveGateState::State;
    QString text = liveGateStateName(g.state);
    if (g.state == S::Passing)
        text = QStringLiteral("✔ ") + text;
    else if (g.state == S::Failing)
        text = QStringLiteral("✘ ") + text;
    if (g.limitReached() && g.state != S::Unsupported)
        text += LiveGateTable::tr(" · failure limit reached: a run would stop here");
    return text;
}

} // namespace

LiveGateTable::LiveGateTable(QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setObjectName(QStringLiteral("monitorGateTable"));
    setHorizontalHeaderLabels({tr("Gate"), tr("Expression"), tr("Current"), tr("Threshold"), tr("Failures"), tr("State")});
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setWordWrap(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

void LiveGateTable::setGates(const QList<LiveGateState> &gates)
{
    setRowCount(0);
    for (const LiveGateState &g : gates) {
        const int row = rowCount();
        insertRow(row);
        for (int c = 0; c < ColumnCount; ++c)
            setItem(row, c, new QTableWidgetItem);
        item(row, GateColumn)->setData(Qt::UserRole, g.id);
        fillRow(row, g);
    }
    // Room for every gate up to four without scrolling: a gate out of sight is a gate not watched.
    resizeRowsToContents();
    const int rows = std::min(rowCount(), 4);
    setMinimumHeight(horizontalHeader()->sizeHint().height() + rows * (rows ? rowHeight(0) : 0) + 2 * frameWidth() + 2);
}

void LiveGateTable::updateGates(const QList<LiveGateState> &gates)
{
    for (const LiveGateState &g : gates)
        if (const int row = rowOf(g.id); row >= 0)
            fillRow(row, g);
}

int LiveGateTable::rowOf(const QString &gateId) const
{
    for (int row = 0; row < rowCount(); ++row)
        if (item(row, GateColumn)->data(Qt::UserRole).toString() == gateId)
            return row;
    return -1;
}

QString LiveGateTable::cellText(const QString &gateId, Column column) const
{
    const int row = rowOf(gateId);
    return row < 0 ? QString() : item(row, column)->text();
}

void LiveGateTable::fillRow(int row, const LiveGateState &g)
{
    item(row, GateColumn)->setText(g.title);
    item(row, ExpressionColumn)->setText(g.expression);
    item(row, ValueColumn)->setText(g.value ? GateJudge::formatValue(*g.value) : QStringLiteral("–"));
    item(row, ValueColumn)->setToolTip(g.reason);
    item(row, ThresholdColumn)->setText(g.threshold);
    item(row, FailuresColumn)->setText(tr("%1 of %2").arg(g.failures).arg(g.failureLimit));
    item(row, FailuresColumn)->setToolTip(tr("failing measurements among the last %1 (one per gate interval)").arg(g.measurements));
    QTableWidgetItem *state = item(row, StateColumn);
    state->setText(stateText(g));
    state->setToolTip(g.reason);
    state->setData(Qt::UserRole, int(g.state));
    const bool dark = Theme::isDark(palette());
    const Theme::Tone tone = toneOf(g);
    if (tone == Theme::Tone::Neutral) {
        state->setData(Qt::BackgroundRole, {});
        state->setData(Qt::ForegroundRole, {});
    } else {
        state->setBackground(Theme::background(tone, dark));
        state->setForeground(Theme::foreground(tone, dark));
    }
}

} // namespace lockstep
