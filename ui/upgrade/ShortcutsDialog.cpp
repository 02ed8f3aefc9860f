#include "ui/upgrade/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lockstep {

namespace {

QString plain(QString text)
{
    // "&Approve next wave" -> "Approve next wave"; a literal "&&" stays one ampersand.
    text.replace(QLatin1String("&&"), QLatin1String("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    return text;
}

void addRows(QTableWidget *table, const QMenu *menu, const QString &path)
{
    for (QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (action->menu()) {
            addRows(table, action->menu(), path + QStringLiteral(" ▸ ") + plain(action->text()));
            continue;
        }
        const int row = table->rowCount();
        table->insertRow(row);
        const QKeySequence key = action->shortcut();
        table->setItem(row, 0, new QTableWidgetItem(plain(action->text())));
        table->setItem(row, 1, new QTableWidgetItem(key.isEmpty() ? QString() : key.toString(QKeySequence::NativeText)));
        table->setItem(row, 2, new QTableWidgetItem(path));
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menus, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts — Lockstep"));
    auto *table = new QTableWidget(0, 3, this);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut"), tr("Menu")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setTabKeyNavigation(false);
    for (QAction *top : menus->actions())
        if (top->menu())
            addRows(table, top->menu(), plain(top->text()));
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);

    auto *note = new QLabel(tr("In tables the arrow keys move between rows and cells; Tab moves on to the next control. "
                               "Ctrl+Tab and Ctrl+Shift+Tab switch pages."), this);
    note->setObjectName(QStringLiteral("shortcutsNote"));
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(560, 520);
    table->setFocus();
}

} // namespace lockstep
