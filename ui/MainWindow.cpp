#include "ui/MainWindow.h"

#include "app/core/LogHub.h"
#include "app/core/Settings.h"
#include "models/itemmodels/FleetModel.h"
#include "models/itemmodels/LogModel.h"
#include "ui/common/FileDialog.h"
#include "ui/common/BackgroundJob.h"
#include "ui/common/MessageWidget.h"
#include "ui/common/TaskProgress.h"
#include "ui/fleet/FleetController.h"
#include "ui/fleet/FleetPage.h"
#include "ui/fleet/FleetView.h"
#include "ui/fleet/PollStatusLabel.h"
#include "ui/inventory/InstanceDialog.h"
#include "ui/inventory/InventoryService.h"
#include "ui/log/LogDock.h"
#include "ui/monitoring/MonitoringView.h"
#include "ui/ssh/ConnectionTestDialog.h"
#include "ui/ssh/HostKeyScanDialog.h"
#include "ui/ssh/SshConsole.h"
#include "ui/team/StoreSettingsDialog.h"
#include "app/session/ConsoleSession.h"
#include "ui/upgrade/UpgradeWindow.h"

#include <QAction>
#include <QCloseEvent>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

namespace lockstep {

Q_LOGGING_CATEGORY(lcGui, "lockstep.gui")

MainWindow::MainWindow(InventoryService *inventory, ConsoleSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_fleet(new FleetModel(this))
    , m_controller(new FleetController(m_fleet, inventory, this))
    , m_logModel(new LogModel(Settings::instance().get(settings::logPanelMaxLines), this))
    , m_page(new FleetPage(m_fleet, this))
    , m_logDock(new LogDock(m_logModel, this))
    , m_pollStatus(new PollStatusLabel(m_fleet, this))
    , m_upgrade(new UpgradeWindow(session ? session : new ConsoleSession(this), this))
    , m_ssh(new SshConsole(this))
    , m_monitoring(new MonitoringView(m_fleet, m_upgrade->session(), this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Lockstep"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/lockstep.svg")));
    setCentralWidget(m_page);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->addPermanentWidget(m_pollStatus);
    m_importProgress = new TaskProgress(this);
    m_importProgress->setObjectName(QStringLiteral("importProgress"));
    statusBar()->addWidget(m_importProgress, 1);

    // Trusting a host key is audited in the session's store (opened possibly after this).
    m_ssh->setSession(m_upgrade->session());
    connect(LogHub::instance(), &LogHub::entryLogged, m_logModel, &LogModel::append);
    connect(m_controller, &FleetController::pollCompleted, m_pollStatus, &PollStatusLabel::setLastPoll);
    connect(m_page->view(), &FleetView::editRequested, this, &MainWindow::editInstance);
    connect(m_page->view(), &FleetView::removeRequested, this, &MainWindow::removeSelectedInstances);
    connect(m_page->view(), &FleetView::selectionSummaryChanged, this, &MainWindow::updateActions);
    connect(m_page->messages(), &MessageWidget::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("undo"))
            undoRemove();
    });

    createActions();
    restoreWindowState();
    updateActions();

    if (const Status loaded = m_controller->reload(); !loaded)
        showError(tr("Could not load the inventory: %1").arg(loaded.error().toString()));
}

void MainWindow::createActions()
{
    auto make = [this](const QString &name, const QString &text, const QKeySequence &shortcut, auto slot) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_importAction = make(QStringLiteral("actionImportInventory"), tr("&Import inventory…"),
                          QKeySequence(Qt::CTRL | Qt::Key_I), &MainWindow::importInventory);
    m_importAction->setToolTip(tr("Import a YAML or Ansible INI inventory (Ctrl+I)"));
    m_addAction = make(QStringLiteral("actionAddInstance"), tr("&Add instance…"), QKeySequence::New,
                       &MainWindow::addInstance);
    m_editAction = make(QStringLiteral("actionEditInstance"), tr("&Edit instance…"), QKeySequence(Qt::Key_F2),
                        &MainWindow::editInstance);
    m_removeAction = make(QStringLiteral("actionRemoveInstances"), tr("&Remove"), QKeySequence(),
                          &MainWindow::removeSelectedInstances);
    m_removeAction->setToolTip(tr("Remove the selected instances from the inventory (Del in the table)"));
    m_findAction = make(QStringLiteral("actionFocusFilter"), tr("&Find…"), QKeySequence::Find,
                        [this] { m_page->focusFilter(); });
    m_reloadAction = make(QStringLiteral("actionReload"), tr("Re&load inventory"), QKeySequence::Refresh, [this] {
        if (const Status status = m_controller->reload(); !status)
            showError(tr("Could not load the inventory: %1").arg(status.error().toString()));
    });
    auto *quit = make(QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit, &QWidget::close);
    m_testSshAction = make(QStringLiteral("actionTestSshConnection"), tr("&Test SSH connection…"), QKeySequence(),
                           &MainWindow::testSshConnection);
    m_testSshAction->setToolTip(tr("Connect to the instance over SSH: host key fingerprint and how it authenticates"));
    m_scanHostKeysAction = make(QStringLiteral("actionScanHostKeys"), tr("Scan SSH &host keys…"), QKeySequence(),
                                &MainWindow::scanHostKeys);
    m_scanHostKeysAction->setToolTip(tr("Every instance's SSH host key and whether known_hosts trusts it"));
    auto *storeSettings = make(QStringLiteral("actionStoreSettings"), tr("S&tore…"), QKeySequence(), [this] {
        auto *dialog = new StoreSettingsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &StoreSettingsDialog::saved, this, [this](const QString &location, bool droppedPassword) {
            const QString where = location.isEmpty() ? tr("the SQLite file in the data directory") : location;
            showInfo(droppedPassword ? tr("From the next start the store is %1. The password was not saved.").arg(where.toHtmlEscaped())
                                     : tr("From the next start the store is %1.").arg(where.toHtmlEscaped()));
        });
        dialog->open();
    });
    storeSettings->setToolTip(tr("Where this console keeps runs, sign-offs and the audit log (a PostgreSQL URL for a team)"));

    QAction *showLog = m_logDock->toggleViewAction();
    showLog->setObjectName(QStringLiteral("actionShowLog"));
    showLog->setText(tr("&Log panel"));
    showLog->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("menuFile"));
    file->addAction(m_importAction);
    file->addAction(storeSettings);
    file->addSeparator();
    file->addAction(quit);
    QMenu *fleet = menuBar()->addMenu(tr("F&leet"));
    fleet->setObjectName(QStringLiteral("menuFleet"));
    fleet->addAction(m_findAction);
    fleet->addSeparator();
    fleet->addAction(m_addAction);
    fleet->addAction(m_editAction);
    fleet->addAction(m_removeAction);
    fleet->addSeparator();
    fleet->addAction(m_testSshAction);
    fleet->addAction(m_scanHostKeysAction);
    fleet->addSeparator();
    fleet->addAction(m_reloadAction);
    auto *startUpgrade = make(QStringLiteral("actionStartUpgrade"), tr("&Start upgrade…"), QKeySequence(Qt::CTRL | Qt::Key_U),
                              [this] { m_upgrade->begin(m_fleet, m_page->selectedNames(), m_page->shownNames()); });
    startUpgrade->setToolTip(tr("Plan an upgrade of the selected instances, or of all pending of a product (Ctrl+U)"));
    auto *showRuns = make(QStringLiteral("actionShowRuns"), tr("&Runs"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
                          [this] { m_upgrade->showRuns(); });
    auto *showAudit = make(QStringLiteral("actionShowAudit"), tr("&Audit log"), QKeySequence(), [this] { m_upgrade->showAudit(); });
    QMenu *upgrade = menuBar()->addMenu(tr("&Upgrade"));
    upgrade->setObjectName(QStringLiteral("menuUpgrade"));
    upgrade->addAction(startUpgrade);
    upgrade->addAction(showRuns);
    upgrade->addAction(showAudit);
    auto *showMonitoring = make(QStringLiteral("actionShowMonitoring"), tr("&Monitoring"), QKeySequence(Qt::CTRL | Qt::Key_M),
                                [this] { m_monitoring->showMonitoring(); });
    showMonitoring->setToolTip(tr("Error rate, latency, queue depth and gates of instances or a run's waves, live (Ctrl+M)"));
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("menuView"));
    view->addAction(showMonitoring);
    view->addAction(showLog);

    m_page->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_page->view()->addActions({m_editAction, m_removeAction, m_addAction, m_testSshAction});

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addAction(m_importAction);
    toolBar->addAction(m_addAction);
    toolBar->addAction(m_editAction);
    toolBar->addAction(m_removeAction);
    toolBar->addSeparator();
    toolBar->addAction(startUpgrade);
    toolBar->addAction(showMonitoring);
}

void MainWindow::updateActions()
{
    const int selected = int(m_page->selectedNames().size());
    m_editAction->setEnabled(!m_page->view()->currentName().isEmpty());
    m_removeAction->setEnabled(selected > 0);
    const int current = m_fleet->rowOf(m_page->view()->currentName());
    m_testSshAction->setEnabled(current >= 0 && !m_fleet->rowAt(current).instance.sshTarget.isEmpty());
}

void MainWindow::showError(const QString &text)
{
    qCWarning(lcGui).noquote() << text;
    m_page->messages()->showMessage(text, MessageWidget::Type::Error);
}

void MainWindow::showInfo(const QString &text)
{
    m_page->messages()->showMessage(text, MessageWidget::Type::Positive);
}

void MainWindow::openInstanceDialog(const Instance &instance)
{
    auto *dialog = new InstanceDialog(
        instance, m_controller->names(), m_controller->productIds(),
        [this](const Instance &in, const QString &previousName) { return m_controller->saveInstance(in, previousName); },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &InstanceDialog::saved, this, [this](const Instance &in, const QString &previousName) {
        m_page->view()->selectName(in.name);
        showInfo(previousName.isEmpty() ? tr("Added %1.").arg(in.name) : tr("Saved %1.").arg(in.name));
        qCInfo(lcGui).noquote() << (previousName.isEmpty() ? "added instance" : "edited instance") << in.name;
    });
    dialog->open();
}

void MainWindow::addInstance()
{
    Instance fresh;
    fresh.state = QStringLiteral("active");
    openInstanceDialog(fresh);
}

void MainWindow::editInstance()
{
    const QString name = m_page->view()->currentName();
    const int row = m_fleet->rowOf(name);
    if (row < 0) {
        m_page->messages()->showMessage(tr("Select an instance to edit."), MessageWidget::Type::Information);
        return;
    }
    openInstanceDialog(m_fleet->rowAt(row).instance);
}

void MainWindow::removeSelectedInstances()
{
    const QStringList names = m_page->selectedNames();
    if (names.isEmpty())
        return;
    auto removed = m_controller->removeInstances(names);
    if (!removed) {
        showError(tr("Could not remove: %1").arg(removed.error().toString()));
        return;
    }
    m_lastRemoved = *removed;
    qCInfo(lcGui).noquote() << "removed instances" << names.join(QStringLiteral(", "));
    // Removing is undoable instead of confirmed: no dialog in the way of the common case.
    const QString what = names.size() == 1 ? names.first() : FleetPage::instanceCount(int(names.size()));
    m_page->messages()->showMessage(tr("Removed %1. <a href=\"undo\">Undo</a>").arg(what.toHtmlEscaped()),
                                    MessageWidget::Type::Information);
}

void MainWindow::undoRemove()
{
    const QList<Instance> restore = std::exchange(m_lastRemoved, {});
    for (Instance in : restore) {
        in.id = 0;
        if (const Status status = m_controller->saveInstance(in, {}); !status) {
            showError(tr("Could not restore %1: %2").arg(in.name, status.error().toString()));
            return;
        }
    }
    showInfo(tr("Restored %1.").arg(FleetPage::instanceCount(int(restore.size()))));
}

void MainWindow::importInventory()
{
    const QString file = FileDialog::getOpenFileName(
        this, tr("Import inventory"), Settings::instance().get(settings::lastInventoryDirectory),
        tr("Inventories (*.yaml *.yml *.ini *.cfg *.hosts);;All files (*)"));
    if (file.isEmpty())
        return;
    Settings::instance().set(settings::lastInventoryDirectory, QFileInfo(file).absolutePath());
    // Read on a worker: the status bar shows it with Cancel, the window stays usable meanwhile.
    BackgroundJob *job = m_controller->importFile(file, [this, file](const Result<int> &imported) {
        if (!imported) {
            showError(tr("Nothing was imported from %1: %2").arg(QFileInfo(file).fileName(), imported.error().toString()));
            return;
        }
        qCInfo(lcGui).noquote() << "imported" << *imported << "instances from" << file;
        showInfo(tr("Imported %1 from %2.").arg(FleetPage::instanceCount(*imported), QFileInfo(file).fileName()));
    });
    if (job)
        m_importProgress->follow(job, tr("Importing %1…").arg(QFileInfo(file).fileName()));
}

void MainWindow::testSshConnection()
{
    const int row = m_fleet->rowOf(m_page->view()->currentName());
    if (row < 0 || m_fleet->rowAt(row).instance.sshTarget.isEmpty()) {
        m_page->messages()->showMessage(tr("Select an instance with an SSH target to test."), MessageWidget::Type::Information);
        return;
    }
    const Instance instance = m_fleet->rowAt(row).instance;
    auto *dialog = new ConnectionTestDialog(m_ssh, instance.name, instance.sshTarget, m_ssh->optionsFor(instance), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    dialog->start();
}

void MainWindow::scanHostKeys()
{
    QList<HostKeySurvey::Host> hosts;
    for (const FleetModel::Row &row : m_fleet->rows()) {
        if (!row.instance.sshTarget.isEmpty())
            hosts << HostKeySurvey::Host{row.instance.name, row.instance.sshTarget, m_ssh->optionsFor(row.instance)};
    }
    if (hosts.isEmpty()) {
        m_page->messages()->showMessage(tr("No instance has an SSH target to scan."), MessageWidget::Type::Information);
        return;
    }
    auto *dialog = new HostKeyScanDialog(m_ssh, hosts, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    dialog->scan();
}

void MainWindow::restoreWindowState()
{
    const QByteArray geometry = Settings::instance().get(settings::mainWindowGeometry);
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 800);
    // First start: the table gets the room, the log a strip at the bottom.
    if (!restoreState(Settings::instance().get(settings::mainWindowState)))
        resizeDocks({m_logDock}, {150}, Qt::Vertical);
    m_page->restoreState();
}

void MainWindow::saveWindowState()
{
    Settings::instance().set(settings::mainWindowGeometry, saveGeometry());
    Settings::instance().set(settings::mainWindowState, saveState());
    m_page->saveState();
    Settings::instance().sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

} // namespace lockstep
