#include "ui/upgrade/UpgradeWindow.h"

#include "app/identity/OperatorIdentity.h"
#include "app/engine/RunExecutor.h"
#include "ui/common/MessageWidget.h"
#include "app/audit/AuditLog.h"
#include "models/store/RunRepository.h"
#include "models/store/StoreNotifier.h"
#include "ui/audit/AuditPage.h"
#include "ui/notify/RunNotifications.h"
#include "ui/report/ReportPage.h"
#include "ui/runs/RunsPage.h"
#include "app/engine/Checklist.h"
#include "ui/upgrade/GatePanel.h"
#include "ui/upgrade/ChecklistPage.h"
#include "ui/upgrade/PlanPage.h"
#include "ui/upgrade/ProgressPage.h"
#include "ui/upgrade/UpgradeController.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace lockstep {

UpgradeWindow::UpgradeWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_controller(new UpgradeController(this))
    , m_message(new MessageWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_plan(new PlanPage(this))
    , m_checklist(new ChecklistPage(this))
    , m_progress(new ProgressPage(this))
    , m_runs(new RunsPage(m_controller, this))
    , m_audit(new AuditPage(this))
    , m_report(new ReportPage(this))
    , m_notifications(new RunNotifications(this, this))
{
    setObjectName(QStringLiteral("upgradeWindow"));
    setWindowTitle(tr("Upgrade — Lockstep"));
    m_message->setObjectName(QStringLiteral("upgradeMessage"));
    m_tabs->setObjectName(QStringLiteral("upgradeTabs"));
    m_tabs->addTab(m_plan, tr("1 · Plan"));
    m_tabs->addTab(m_checklist, tr("2 · Checklist"));
    m_tabs->addTab(m_progress, tr("3 · Progress"));
    m_tabs->addTab(m_runs, tr("Runs"));
    m_tabs->addTab(m_audit, tr("Audit"));
    m_tabs->addTab(m_report, tr("Report"));
    m_tabs->setTabEnabled(ChecklistTab, false);
    m_tabs->setTabEnabled(ProgressTab, false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    // As wide as the main window: the run's toolbar needs it in German (emergency rollback stays visible).
    resize(1280, 780);

    m_report->setSource([this]() -> std::optional<RunReportData> {
        RunExecutor *run = m_controller->run();
        if (!run)
            return std::nullopt;
        RunReportData d;
        d.runId = run->runId();
        d.plan = run->plan();
        d.state = runStateName(run->state());
        d.note = run->note();
        d.checklist = run->checklist()->items();
        if (auto record = m_controller->runtime()->runs().find(run->runId()))
            d.operatorName = record->operatorName;
        if (auto attempts = m_controller->runtime()->runs().attempts(run->runId()))
            d.attempts = *attempts;
        d.gateHeader = m_progress->gates()->header();
        d.gateRows = m_progress->gates()->rows();
        d.charts = m_progress->gates()->chartImages();
        d.gateVerdict = m_progress->gates()->verdict();
        if (AuditLog *log = m_controller->auditLog()) {
            if (auto head = log->headHash())
                d.auditHead = *head;
            AuditFilter filter;
            filter.runId = QString::number(run->runId());
            if (auto events = log->query(filter))
                d.decisions = *events;
        }
        return d;
    });
    connect(m_plan, &PlanPage::createRunRequested, this, &UpgradeWindow::createRun);
    connect(m_progress, &ProgressPage::waitingForOperatorChanged, this, &UpgradeWindow::showWaiting);
    m_notifications->setWatching([this] { return isActiveWindow() && m_tabs->currentIndex() == ProgressTab; });
    connect(m_notifications, &RunNotifications::webhookFailed, this,
            [this](const QString &message) { m_message->showMessage(message, MessageWidget::Type::Warning); });
    connect(m_controller, &UpgradeController::runChanged, this, &UpgradeWindow::onRunChanged);
    connect(m_checklist, &ChecklistPage::started, this, [this] { bringUp(ProgressTab); });
    connect(m_runs, &RunsPage::runRecovered, this, [this] { bringUp(ProgressTab); });
    connect(m_controller, &UpgradeController::leaseLost, this, [this](qint64 runId, const QString &why) {
        m_message->showMessage(tr("Run %1 stopped in this console: %2").arg(runId).arg(why.toHtmlEscaped()),
                               MessageWidget::Type::Error);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == RunsTab)
            m_runs->reload();
        else if (index == AuditTab)
            m_audit->reload();
        else if (index == ReportTab)
            m_report->refresh();
    });
}

Status UpgradeWindow::openStore(const QString &location, EngineRuntime::Options options)
{
    if (Status s = m_controller->openStore(location, options); !s) {
        m_message->showMessage(tr("The store could not be opened, so upgrades are not possible: %1").arg(s.error().toString()),
                               MessageWidget::Type::Error);
        return s;
    }
    m_audit->setLog(m_controller->auditLog());
    m_audit->setAnchoring(m_controller->anchoring());
    // Team mode: what other consoles do shows up here as the store announces it (no polling).
    StoreNotifier *notifier = m_controller->notifier();
    m_checklist->setNotifier(notifier);
    m_checklist->setIdentity(m_controller->runtime()->identity());
    m_runs->setNotifier(notifier);
    m_audit->setNotifier(notifier);
    if (!notifier->status())
        m_message->showMessage(notifier->status().error().toString(), MessageWidget::Type::Warning);
    if (m_runs->checkRecovery() > 0)
        showRuns();
    return okStatus();
}

void UpgradeWindow::begin(const FleetModel *fleet, const QStringList &selected)
{
    m_plan->setFleet(fleet, selected);
    bringUp(PlanTab);
}

void UpgradeWindow::showRuns()
{
    m_runs->reload();
    bringUp(RunsTab);
}

void UpgradeWindow::showAudit()
{
    m_audit->reload();
    bringUp(AuditTab);
}

void UpgradeWindow::showWaiting(int count)
{
    m_tabs->setTabText(ProgressTab, count > 0 ? tr("3 · Progress (%1 waiting)").arg(count) : tr("3 · Progress"));
    setWindowTitle(count > 0 ? tr("(%1 waiting) Upgrade — Lockstep").arg(count) : tr("Upgrade — Lockstep"));
}

void UpgradeWindow::bringUp(Page page)
{
    m_tabs->setCurrentIndex(page);
    show();
    raise();
    activateWindow();
}

void UpgradeWindow::createRun()
{
    const auto plan = m_plan->plan();
    if (!plan)
        return;
    if (Status s = m_controller->createRun(*plan, m_plan->operatorName()); !s) {
        m_message->showMessage(tr("The run was not created: %1").arg(s.error().toString()), MessageWidget::Type::Error);
        return;
    }
    m_message->hideMessage();
}

void UpgradeWindow::onRunChanged(RunExecutor *run)
{
    m_checklist->setRun(run);
    m_notifications->setRun(run);
    m_progress->setRun(run, m_controller->isOpen() ? &m_controller->runtime()->runs() : nullptr);
    m_tabs->setTabEnabled(ChecklistTab, run != nullptr);
    m_tabs->setTabEnabled(ProgressTab, run != nullptr && run->state() != RunState::Planned);
    if (run) {
        connect(run, &RunExecutor::runStateChanged, this, [this](RunState state) {
            m_tabs->setTabEnabled(ProgressTab, state != RunState::Planned);
        });
        bringUp(run->state() == RunState::Planned ? ChecklistTab : ProgressTab);
    }
}

} // namespace lockstep
