#include "ui/upgrade/UpgradeWindow.h"

#include "app/identity/OperatorIdentity.h"
#include "app/session/ConsoleSession.h"
#include "app/engine/RunExecutor.h"
#include "ui/common/MessageWidget.h"
#include "app/audit/AuditLog.h"
#include "app/report/StoredRunReport.h"
#include "models/store/RunRepository.h"
#include "models/store/StoreNotifier.h"
#include "ui/audit/AuditPage.h"
#include "app/notify/RunNotifications.h"
#include "ui/notify/DesktopNotifier.h"
#include "ui/report/ReportPage.h"
#include "ui/runs/RunsPage.h"
#include "app/engine/Checklist.h"
#include "ui/upgrade/GatePanel.h"
#include "ui/upgrade/ChecklistPage.h"
#include "ui/upgrade/PlanPage.h"
#include "ui/upgrade/ProgressPage.h"
#include "ui/upgrade/UpgradeMenuBar.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace lockstep {

UpgradeWindow::UpgradeWindow(ConsoleSession *session, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_session(session ? session : new ConsoleSession(this))
    , m_message(new MessageWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_plan(new PlanPage(m_session, this))
    , m_checklist(new ChecklistPage(m_session, this))
    , m_progress(new ProgressPage(m_session, this))
    , m_pastRun(new ProgressPage(m_session, this))
    , m_runs(new RunsPage(m_session,
                          {m_pastRun, [this](const RunRecord &record, const Plan &plan, const QList<StepResult> &attempts) {
                               m_pastRun->showPast(record, plan, attempts);
                           }},
                          this))
    , m_audit(new AuditPage(this))
    , m_report(new ReportPage(this))
    , m_desktop(new DesktopNotifier(this, this))
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
    m_menus = new UpgradeMenuBar(m_progress, m_tabs, this);
    auto *layout = new QVBoxLayout(this);
    layout->setMenuBar(m_menus);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    // As wide as the main window: the run's toolbar needs it in German (emergency rollback stays visible).
    resize(1280, 780);

    // Any run has a report: the one this console drives first, then the store's, newest first.
    m_report->setRunList([this] {
        QList<QPair<qint64, QString>> out;
        if (!m_session->isOpen())
            return out;
        const RunExecutor *current = m_session->run();
        if (current)
            out.append({current->runId(), tr("%1 · %2 → %3 · %4 (this console's run)")
                                              .arg(QString::number(current->runId()), current->plan().runbook.id,
                                                   current->plan().targetVersion.toString(), runStateName(current->state()))});
        if (auto runs = m_session->runtime()->runs().list(500))
            for (const RunRecord &r : *runs)
                if (!current || r.id != current->runId())
                    out.append({r.id, tr("%1 · %2 → %3 · %4 · %5")
                                          .arg(QString::number(r.id), r.runbookId, r.targetVersion, runStateName(r.state),
                                               r.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))});
        return out;
    });
    m_report->setSource([this](qint64 runId) -> Result<RunReportData> {
        if (!m_session->isOpen())
            return Error{tr("no store is open"), {}, {}};
        auto d = StoredRunReport::load(*m_session->runtime(), m_session->auditLog(), runId);
        RunExecutor *run = m_session->run();
        if (!d || !run || run->runId() != runId)
            return d;
        // The run this console drives: its state as of now and what the gate panel measured and drew.
        d->state = runStateName(run->state());
        d->note = run->note();
        d->checklist = run->checklist()->items();
        d->gateHeader = m_progress->gates()->header();
        d->gateRows = m_progress->gates()->rows();
        d->charts = m_progress->gates()->chartImages();
        d->gateVerdict = m_progress->gates()->verdict();
        return d;
    });
    // Versions the store remembers as rolled back, so the plan flags them.
    m_plan->setRollbackHistory([this](const QString &product) {
        QHash<QString, QString> out;
        if (!m_session->isOpen())
            return out;
        if (auto runs = m_session->runtime()->runs().list(500))
            for (const RunRecord &r : *runs)
                if (r.product == product && r.state == RunState::RolledBack && !out.contains(r.targetVersion))
                    out.insert(r.targetVersion, tr("run %1 rolled back on %2%3")
                                                    .arg(QString::number(r.id), r.updatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                                         r.note.isEmpty() ? QString() : QStringLiteral(": ") + r.note));
        return out;
    });
    connect(m_plan, &PlanPage::createRunRequested, this, &UpgradeWindow::createRun);
    connect(m_progress, &ProgressPage::waitingForOperatorChanged, this, &UpgradeWindow::showWaiting);
    notifications()->setNotifier(m_desktop);
    notifications()->setConsoleActive([this] { return isActiveWindow(); });
    notifications()->setWatching([this] { return isActiveWindow() && m_tabs->currentIndex() == ProgressTab; });
    connect(notifications(), &RunNotifications::webhookFailed, this,
            [this](const QString &message) { m_message->showMessage(message, MessageWidget::Type::Warning); });
    connect(m_session, &ConsoleSession::runChanged, this, &UpgradeWindow::onRunChanged);
    connect(m_checklist, &ChecklistPage::started, this, [this] { bringUp(ProgressTab); });
    connect(m_runs, &RunsPage::runRecovered, this, [this] { bringUp(ProgressTab); });
    connect(m_runs, &RunsPage::reportRequested, this, [this](qint64 runId) {
        m_tabs->setCurrentIndex(ReportTab);
        m_report->showRun(runId);
    });
    connect(m_session, &ConsoleSession::leaseLost, this, [this](qint64 runId, const QString &why) {
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
    if (Status s = m_session->openStore(location, options); !s) {
        m_message->showMessage(tr("The store could not be opened, so upgrades are not possible: %1").arg(s.error().toString()),
                               MessageWidget::Type::Error);
        return s;
    }
    m_audit->setLog(m_session->auditLog());
    m_audit->setAnchoring(m_session->anchoring(), m_session->operatorName());
    // Team mode: what other consoles do shows up here as the store announces it (no polling).
    StoreNotifier *notifier = m_session->storeNotifier();
    m_checklist->setNotifier(notifier);
    m_progress->setNotifier(notifier);
    m_checklist->setIdentity(m_session->runtime()->identity());
    m_runs->setNotifier(notifier);
    m_audit->setNotifier(notifier);
    if (!notifier->status())
        m_message->showMessage(notifier->status().error().toString(), MessageWidget::Type::Warning);
    if (m_runs->checkRecovery() > 0)
        showRuns();
    return okStatus();
}

RunNotifications *UpgradeWindow::notifications() const
{
    return m_session->notifications();
}

void UpgradeWindow::begin(const FleetModel *fleet, const QStringList &selected, const QStringList &shown)
{
    m_plan->setFleet(fleet, selected, shown);
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
    if (Status s = m_session->createRun(*plan, m_plan->operatorName()); !s) {
        m_message->showMessage(tr("The run was not created: %1").arg(s.error().toString()), MessageWidget::Type::Error);
        return;
    }
    m_message->hideMessage();
}

void UpgradeWindow::onRunChanged(RunExecutor *run)
{
    m_checklist->setRun(run);
    m_progress->setRun(run, m_session->isOpen() ? &m_session->runtime()->runs() : nullptr);
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
