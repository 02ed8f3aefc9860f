#include "ui/upgrade/UpgradeMenuBar.h"

#include "ui/upgrade/ProgressPage.h"
#include "ui/upgrade/ShortcutsDialog.h"

#include <QAction>
#include <QMenu>
#include <QTabWidget>
#include <QToolBar>

namespace lockstep {

UpgradeMenuBar::UpgradeMenuBar(ProgressPage *progress, QTabWidget *tabs, QWidget *parent)
    : QMenuBar(parent)
    , m_progress(progress)
    , m_tabs(tabs)
    , m_run(addMenu(tr("&Run")))
    , m_go(addMenu(tr("&Go")))
    , m_help(addMenu(tr("&Help")))
{
    setObjectName(QStringLiteral("upgradeMenuBar"));
    m_run->setObjectName(QStringLiteral("menuRun"));
    m_go->setObjectName(QStringLiteral("menuGo"));
    m_help->setObjectName(QStringLiteral("menuHelp"));

    // Filled now, so the actions' shortcuts work on every page (through the menu bar), and again on
    // opening, so an action a page adds later is listed too.
    fillRunMenu();
    connect(m_run, &QMenu::aboutToShow, this, &UpgradeMenuBar::fillRunMenu);

    // Ctrl+1 … Ctrl+6: one per page, in tab order; a page that is not available yet stays where it is.
    for (int i = 0; i < tabs->count(); ++i) {
        QString label = tabs->tabText(i);
        // "1 · Plan" -> "&1 Plan": the page's number is its mnemonic, the same digit as its shortcut.
        if (const qsizetype dot = label.indexOf(QStringLiteral("· ")); dot >= 0)
            label = label.mid(dot + 2);
        auto *go = m_go->addAction(QStringLiteral("&%1 %2").arg(QString::number(i + 1), label));
        go->setObjectName(QStringLiteral("actionGoPage%1").arg(i + 1));
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(go, &QAction::triggered, this, [this, i] {
            if (m_tabs->isTabEnabled(i))
                m_tabs->setCurrentIndex(i);
        });
    }
    connect(m_go, &QMenu::aboutToShow, this, [this] {
        const QList<QAction *> pages = m_go->actions();
        for (int i = 0; i < pages.size() && i < m_tabs->count(); ++i)
            pages[i]->setEnabled(m_tabs->isTabEnabled(i));
    });

    auto *shortcuts = m_help->addAction(tr("&Keyboard shortcuts…"));
    shortcuts->setObjectName(QStringLiteral("actionShowShortcuts"));
    shortcuts->setShortcut(QKeySequence(Qt::Key_F1));
    connect(shortcuts, &QAction::triggered, this, &UpgradeMenuBar::showShortcuts);
}

void UpgradeMenuBar::fillRunMenu()
{
    // The tool bar's order and groups, then any action the page holds that is not on it.
    m_run->clear();
    QList<QAction *> listed;
    if (const auto *bar = m_progress->findChild<QToolBar *>(QStringLiteral("runToolBar"), Qt::FindDirectChildrenOnly)) {
        for (QAction *a : bar->actions()) {
            if (a->isSeparator()) {
                if (!m_run->isEmpty() && !m_run->actions().constLast()->isSeparator())
                    m_run->addSeparator();
                continue;
            }
            m_run->addAction(a);
            listed << a;
        }
    }
    for (QAction *a : m_progress->actions())
        if (!listed.contains(a) && !a->isSeparator())
            m_run->addAction(a);
}

QList<QAction *> UpgradeMenuBar::menuActions() const
{
    QList<QAction *> out;
    for (QMenu *menu : {m_run, m_go, m_help})
        for (QAction *a : menu->actions())
            if (!a->isSeparator() && !a->menu())
                out << a;
    return out;
}

void UpgradeMenuBar::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(this, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace lockstep
