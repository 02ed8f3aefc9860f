#include "ui/log/LogDock.h"

#include "models/itemmodels/LogModel.h"
#include "ui/common/Theme.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTableView>

namespace lockstep {

namespace {

// Warnings and errors stand out in the level column, in colours that suit the current palette.
class LevelDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const auto level = LogLevel(index.data(LogModel::LevelRole).toInt());
        const bool dark = Theme::isDark(option->palette);
        if (level >= LogLevel::Error)
            option->palette.setColor(QPalette::Text, Theme::accent(Theme::Tone::Bad, dark));
        else if (level == LogLevel::Warning)
            option->palette.setColor(QPalette::Text, Theme::accent(Theme::Tone::Warn, dark));
    }
};

} // namespace

LogDock::LogDock(LogModel *model, QWidget *parent)
    : QDockWidget(tr("Log"), parent)
    , m_model(model)
    , m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("logDock"));
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setItemDelegateForColumn(LogModel::Level, new LevelDelegate(m_view));
    const int em = fontMetrics().averageCharWidth();
    m_view->setColumnWidth(LogModel::Time, 17 * em);
    m_view->setColumnWidth(LogModel::Level, 9 * em);
    m_view->setColumnWidth(LogModel::Source, 22 * em);
    setWidget(m_view);
    connect(model, &QAbstractItemModel::rowsInserted, this, &LogDock::onRowsInserted);
}

void LogDock::onRowsInserted()
{
    QScrollBar *bar = m_view->verticalScrollBar();
    // Follow the tail only when already at (or near) the bottom, so reading older lines is not disturbed.
    if (bar->value() >= bar->maximum() - m_view->verticalHeader()->defaultSectionSize() * 2)
        m_view->scrollToBottom();
}

} // namespace lockstep
