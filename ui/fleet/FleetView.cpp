#include "ui/fleet/FleetView.h"

#include "models/itemmodels/FleetModel.h"
#include "ui/fleet/BadgeDelegate.h"
#include "ui/fleet/HealthDelegate.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>

namespace lockstep {

FleetView::FleetView(QWidget *parent)
    : QTableView(parent)
{
    setObjectName(QStringLiteral("fleetTable"));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setShowGrid(false);
    setCornerButtonEnabled(false);
    setTabKeyNavigation(false);
    verticalHeader()->hide();
    // Fixed, uniform row heights: the view never measures 10,000 rows.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setObjectName(QStringLiteral("fleetTableHeader"));

    setItemDelegateForColumn(FleetModel::Change, new BadgeDelegate(&BadgeDelegate::changeClassBadges, this));
    setItemDelegateForColumn(FleetModel::Channel, new BadgeDelegate(&BadgeDelegate::channelBadges, this));
    setItemDelegateForColumn(FleetModel::HealthColumn, new HealthDelegate(this));

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, viewport(), qOverload<>(&QWidget::update));
}

void FleetView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    if (!model)
        return;
    const int em = fontMetrics().averageCharWidth();
    const std::pair<int, int> widths[] = {
        {FleetModel::Name, 25}, {FleetModel::Product, 21}, {FleetModel::Environment, 14},
        {FleetModel::Version, 11}, {FleetModel::Pending, 11}, {FleetModel::Change, 11},
        {FleetModel::HealthColumn, 25}, {FleetModel::Channel, 27},
    };
    for (const auto &[column, chars] : widths)
        setColumnWidth(column, chars * em);
    sortByColumn(FleetModel::Name, Qt::AscendingOrder);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this, &FleetView::emitSummary);
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this, &FleetView::emitSummary);
    connect(model, &QAbstractItemModel::modelReset, this, &FleetView::emitSummary);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &FleetView::emitSummary);
}

QStringList FleetView::selectedNames() const
{
    QStringList names;
    if (!selectionModel())
        return names;
    QModelIndexList rows = selectionModel()->selectedRows(FleetModel::Name);
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : std::as_const(rows))
        names << index.data(FleetModel::NameRole).toString();
    return names;
}

QString FleetView::currentName() const
{
    const QModelIndex current = currentIndex();
    if (!current.isValid() || !selectionModel()->isRowSelected(current.row(), current.parent()))
        return {};
    return current.data(FleetModel::NameRole).toString();
}

bool FleetView::selectName(const QString &name)
{
    if (!model())
        return false;
    for (int row = 0; row < model()->rowCount(); ++row) {
        const QModelIndex index = model()->index(row, FleetModel::Name);
        if (index.data(FleetModel::NameRole).toString() == name) {
            selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            scrollTo(index);
            return true;
        }
    }
    return false;
}

void FleetView::keyPressEvent(QKeyEvent *event)
{
    // Copy gives the selected names, one per line: what goes into a chat or a ticket.
    if (event->matches(QKeySequence::Copy)) {
        QGuiApplication::clipboard()->setText(selectedNames().join(QLatin1Char('\n')));
        return;
    }
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        emit editRequested();
        return;
    }
    if (event->key() == Qt::Key_Delete) {
        emit removeRequested();
        return;
    }
    QTableView::keyPressEvent(event);
}

void FleetView::showEvent(QShowEvent *event)
{
    QTableView::showEvent(event);
    m_tick.start();
}

void FleetView::hideEvent(QHideEvent *event)
{
    m_tick.stop();
    QTableView::hideEvent(event);
}

void FleetView::emitSummary()
{
    const int count = selectionModel() ? int(selectionModel()->selectedRows().size()) : 0;
    emit selectionSummaryChanged(currentName(), count);
}

} // namespace lockstep
