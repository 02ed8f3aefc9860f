#pragma once

#include "app/engine/EngineRuntime.h"
#include "models/Result.h"

#include <QStringList>
#include <QWidget>

class QTabWidget;

namespace lockstep {

class AuditPage;
class ChecklistPage;
class ConsoleSession;
class FleetModel;
class MessageWidget;
class PlanPage;
class ProgressPage;
class ReportPage;
class RunExecutor;
class DesktopNotifier;
class RunNotifications;
class RunsPage;
class UpgradeMenuBar;

// The guided upgrade, in its own window beside the fleet: Plan -> Checklist -> Progress, and the Runs
// history (with crash recovery). Each page is its own class; this one only moves between them. The pages
// act on the console's session; without one given, the window makes its own.
class UpgradeWindow : public QWidget
{
    Q_OBJECT
public:
    enum Page { PlanTab, ChecklistTab, ProgressTab, RunsTab, AuditTab, ReportTab };

    explicit UpgradeWindow(ConsoleSession *session = nullptr, QWidget *parent = nullptr);

    // Opens the store; a run a crash left unfinished brings the window up on the Runs page.
    Status openStore(const QString &location, EngineRuntime::Options options = {});
    // Starts planning for the fleet's selected rows (with none, the rows its filter shows when it
    // narrows the fleet; else all pending of a product).
    void begin(const FleetModel *fleet, const QStringList &selected, const QStringList &shown = {});
    void showRuns();

    ConsoleSession *session() const { return m_session; }
    PlanPage *planPage() const { return m_plan; }
    ChecklistPage *checklistPage() const { return m_checklist; }
    ProgressPage *progressPage() const { return m_progress; }
    RunsPage *runsPage() const { return m_runs; }
    // The read-only grid of the past run the Runs page opened last.
    ProgressPage *pastRunPage() const { return m_pastRun; }
    ReportPage *reportPage() const { return m_report; }
    AuditPage *auditPage() const { return m_audit; }
    void showAudit();
    QTabWidget *tabs() const { return m_tabs; }
    UpgradeMenuBar *menus() const { return m_menus; }
    RunNotifications *notifications() const;

private:
    void createRun();
    void onRunChanged(RunExecutor *run);
    void bringUp(Page page);
    // A manual step waits: the Progress tab and the window title say how many instances wait.
    void showWaiting(int count);

    ConsoleSession *m_session;
    MessageWidget *m_message;
    QTabWidget *m_tabs;
    PlanPage *m_plan;
    ChecklistPage *m_checklist;
    ProgressPage *m_progress;
    ProgressPage *m_pastRun;
    RunsPage *m_runs;
    AuditPage *m_audit;
    ReportPage *m_report;
    DesktopNotifier *m_desktop;
    UpgradeMenuBar *m_menus = nullptr;
};

} // namespace lockstep
