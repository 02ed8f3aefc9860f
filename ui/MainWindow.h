#pragma once

#include "models/Instance.h"

#include <QList>
#include <QMainWindow>

class QAction;

namespace lockstep {

class ConsoleSession;
class FleetController;
class FleetModel;
class FleetPage;
class InventoryService;
class LogDock;
class LogModel;
class MonitoringView;
class PollStatusLabel;
class SshConsole;
class TaskProgress;
class UpgradeWindow;

// The console's window: the fleet page in the middle, the log panel as a dock, the poll summary in
// the status bar. It assembles panels and routes actions; the panels do the work.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `session`: the console's one session on the store (runs, audit, notifications), shared by the
    // upgrade, monitoring and SSH parts; without one, the window makes its own (tests).
    explicit MainWindow(InventoryService *inventory, ConsoleSession *session = nullptr, QWidget *parent = nullptr);

    FleetController *fleetController() const { return m_controller; }
    FleetModel *fleetModel() const { return m_fleet; }
    FleetPage *fleetPage() const { return m_page; }
    LogModel *logModel() const { return m_logModel; }
    // The guided upgrade (plan, checklist, progress, runs), a window of its own.
    UpgradeWindow *upgradeWindow() const { return m_upgrade; }
    // SSH options, passphrase prompt and host-key trust of the GUI (the connection test, the host-key scan).
    SshConsole *sshConsole() const { return m_ssh; }
    // Live metrics and gates of instances, a wave or a run, a window of its own.
    MonitoringView *monitoringView() const { return m_monitoring; }

    // Shows a problem or a confirmation inline above the fleet table.
    void showError(const QString &text);
    void showInfo(const QString &text);

    void addInstance();
    void editInstance();
    void removeSelectedInstances();
    void importInventory();
    // Tests SSH to the current instance (ConnectionTestDialog); scans the fleet's host keys (HostKeyScanDialog).
    void testSshConnection();
    void scanHostKeys();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void restoreWindowState();
    void saveWindowState();
    void updateActions();
    void openInstanceDialog(const Instance &instance);
    void undoRemove();

    FleetModel *m_fleet;
    FleetController *m_controller;
    LogModel *m_logModel;
    FleetPage *m_page;
    LogDock *m_logDock;
    PollStatusLabel *m_pollStatus;
    QList<Instance> m_lastRemoved;
    UpgradeWindow *m_upgrade;
    SshConsole *m_ssh;
    MonitoringView *m_monitoring;
    TaskProgress *m_importProgress = nullptr;

    QAction *m_importAction = nullptr;
    QAction *m_addAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_testSshAction = nullptr;
    QAction *m_scanHostKeysAction = nullptr;
};

} // namespace lockstep
