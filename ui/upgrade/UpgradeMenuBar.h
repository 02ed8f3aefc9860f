#pragma once

#include <QMenuBar>

class QTabWidget;

namespace lockstep {

class ProgressPage;

// The upgrade window's menus: Run holds every action the progress page offers (the same QAction
// objects as its tool bar, so shortcuts, enabled state and reasons are one), Go switches pages, Help
// lists the shortcuts. A page action added later shows up the next time the menu opens.
class UpgradeMenuBar : public QMenuBar
{
    Q_OBJECT
public:
    UpgradeMenuBar(ProgressPage *progress, QTabWidget *tabs, QWidget *parent);

    // Every action reachable from the menus, in menu order (separators and submenus left out).
    QList<QAction *> menuActions() const;
    void showShortcuts();

private:
    void fillRunMenu();

    ProgressPage *m_progress;
    QTabWidget *m_tabs;
    QMenu *m_run;
    QMenu *m_go;
    QMenu *m_help;
};

} // namespace lockstep
