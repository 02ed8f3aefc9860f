#include "ui/fleet/FleetPage.h"

#include "app/core/Settings.h"
#include "models/itemmodels/FleetFilterProxyModel.h"
#include "models/itemmodels/FleetModel.h"
#include "ui/common/MessageWidget.h"
#include "ui/fleet/FleetView.h"
#include "ui/fleet/InstanceDetailsPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace lockstep {

QString FleetPage::instanceCount(int count)
{
    return count == 1 ? tr("1 instance") : tr("%1 instances").arg(count);
}

FleetPage::FleetPage(FleetModel *fleet, QWidget *parent)
    : QWidget(parent)
    , m_fleet(fleet)
    , m_proxy(new FleetFilterProxyModel(fleet, this))
    , m_message(new MessageWidget(this))
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_view(new FleetView(m_splitter))
    , m_details(new InstanceDetailsPanel(fleet, m_splitter))
{
    setObjectName(QStringLiteral("fleetPage"));
    m_message->setObjectName(QStringLiteral("fleetMessage"));
    m_filter->setObjectName(QStringLiteral("fleetFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter (Ctrl+F): name, product, env:prod, product:graph-api, tag:canary, "
                                    "version:1.4, health:down, channel:frozen, -env:dev"));
    m_filter->installEventFilter(this);
    m_count->setObjectName(QStringLiteral("fleetCount"));
    m_splitter->setObjectName(QStringLiteral("fleetSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);

    m_view->setModel(m_proxy);
    setFocusProxy(m_view);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_message);
    layout->addLayout(filterRow);
    layout->addWidget(m_splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &FleetFilterProxyModel::setFilterText);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &FleetPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &FleetPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &FleetPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &FleetPage::updateCount);
    connect(m_view, &FleetView::selectionSummaryChanged, m_details, &InstanceDetailsPanel::showInstance);
    updateCount();
}

void FleetPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

QStringList FleetPage::selectedNames() const
{
    return m_view->selectedNames();
}

QStringList FleetPage::shownNames() const
{
    QStringList out;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        out << m_proxy->index(row, 0).data(FleetModel::NameRole).toString();
    return out;
}

void FleetPage::saveState() const
{
    Settings::instance().set(settings::fleetSplitterState, m_splitter->saveState());
    Settings::instance().set(settings::fleetHeaderState, m_view->horizontalHeader()->saveState());
}

void FleetPage::restoreState()
{
    const QByteArray splitter = Settings::instance().get(settings::fleetSplitterState);
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);
    else
        m_splitter->setSizes({900, 380});
    const QByteArray header = Settings::instance().get(settings::fleetHeaderState);
    if (!header.isEmpty())
        m_view->horizontalHeader()->restoreState(header);
}

bool FleetPage::eventFilter(QObject *watched, QEvent *event)
{
    // Down or Enter in the filter box moves into the table; Escape clears the filter.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            // Focusing a view makes its first row current without selecting it; select it so the
            // details panel follows at once.
            m_view->setFocus(Qt::TabFocusReason);
            if (!m_view->selectionModel()->hasSelection() && m_proxy->rowCount() > 0) {
                const QModelIndex current = m_view->currentIndex();
                m_view->selectionModel()->setCurrentIndex(current.isValid() ? current : m_proxy->index(0, 0),
                                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            }
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_filter->text().isEmpty()) {
            m_filter->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FleetPage::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int total = m_fleet->rowCount();
    m_count->setText(shown == total ? instanceCount(total) : tr("%1 of %2").arg(shown).arg(total));
}

} // namespace lockstep
