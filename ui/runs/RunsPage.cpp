#include "ui/runs/RunsPage.h"

#include "app/engine/EngineRuntime.h"
#include "app/session/ConsoleSession.h"
#include "app/engine/RunExecutor.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/StoreNotifier.h"
#include "ui/common/MessageWidget.h"
#include "ui/runs/RunListModel.h"
#include "ui/runs/SignOffDialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace lockstep {

RunsPage::RunsPage(ConsoleSession *session, PastRunView past, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new RunListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_message(new MessageWidget(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_open(new QPushButton(tr("&Open"), this))
    , m_signOff(new QPushButton(tr("Sign o&ff…"), this))
    , m_report(new QPushButton(tr("Re&port"), this))
    , m_past(std::move(past))
    , m_placeholder(new QLabel(tr("Open a finished run to see it as it ran: its grid, each step's output and its log. "
                                  "Open an interrupted run to recover it."), this))
{
    setObjectName(QStringLiteral("runsPage"));
    m_message->setObjectName(QStringLiteral("runsMessage"));
    m_filter->setObjectName(QStringLiteral("runsFilter"));
    m_filter->setPlaceholderText(tr("Filter runs (runbook, product, version, operator, state …)"));
    m_filter->setClearButtonEnabled(true);
    m_table->setObjectName(QStringLiteral("runsTable"));
    m_open->setObjectName(QStringLiteral("runsOpen"));
    m_signOff->setObjectName(QStringLiteral("runsSignOff"));
    m_signOff->setToolTip(tr("Sign a checklist item of the selected run before it starts — "
                             "also a run that another operator's console prepares (four eyes)"));
    m_report->setObjectName(QStringLiteral("runsReport"));
    m_report->setToolTip(tr("The report of the selected run, to read or export"));
    m_past.widget->setObjectName(QStringLiteral("pastRunPage"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setTabKeyNavigation(false);   // Tab leaves the table; arrows move in it
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_open);
    top->addWidget(m_signOff);
    top->addWidget(m_report);
    auto *splitter = m_splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    // Below the list: a hint until a past run is opened, then that run as the read-only grid.
    auto *below = new QWidget(splitter);
    auto *belowLayout = new QVBoxLayout(below);
    belowLayout->setContentsMargins(0, 0, 0, 0);
    m_placeholder->setObjectName(QStringLiteral("pastRunHint"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    belowLayout->addWidget(m_placeholder, 1);
    belowLayout->addWidget(m_past.widget, 1);
    m_past.widget->hide();
    splitter->addWidget(below);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_open, &QPushButton::clicked, this, &RunsPage::openSelected);
    connect(m_signOff, &QPushButton::clicked, this, &RunsPage::signOffSelected);
    connect(m_report, &QPushButton::clicked, this, [this] {
        if (const QModelIndex current = m_table->currentIndex(); current.isValid())
            emit reportRequested(current.data(RunListModel::RunIdRole).toLongLong());
    });
    connect(m_table, &QTableView::activated, this, &RunsPage::openSelected);
    connect(m_message, &MessageWidget::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QLatin1String("recover:")))
            recover(link.mid(8).toLongLong());
    });
}

void RunsPage::reload()
{
    if (!m_session->isOpen())
        return;
    auto runs = m_session->runtime()->runs().list(500);
    if (!runs) {
        m_message->showMessage(runs.error().toString(), MessageWidget::Type::Error);
        return;
    }
    m_model->setRuns(*runs, undriven(*runs));
}

QSet<qint64> RunsPage::undriven(const QList<RunRecord> &runs) const
{
    // Unfinished and neither this console's current run nor kept alive by another console's heartbeat.
    // Start-up recovery treats such runs as crashed; the list says so instead of "running".
    QSet<qint64> out;
    const RunExecutor *current = m_session->run();
    for (const RunRecord &r : runs) {
        if (isTerminal(r.state) || (current && current->runId() == r.id))
            continue;
        if (auto live = m_session->runtime()->leases().isLive(r.id); live && !*live)
            out.insert(r.id);
    }
    return out;
}

void RunsPage::setNotifier(StoreNotifier *notifier)
{
    // Only the run a notification names is read again: its row, and the run shown below when it is that
    // one (an unfinished run another console drives follows it live). A burst is read once.
    auto named = [this](qint64 runId) {
        if (runId <= 0)
            return;
        const bool queue = m_changedRuns.isEmpty();
        m_changedRuns.insert(runId);
        if (queue)
            QMetaObject::invokeMethod(this, &RunsPage::refreshChanged, Qt::QueuedConnection);
    };
    connect(notifier, &StoreNotifier::runChanged, this, named);
    connect(notifier, &StoreNotifier::stepStarted, this, named);
    connect(notifier, &StoreNotifier::stepResultAdded, this, named);
}

void RunsPage::refreshChanged()
{
    const QSet<qint64> changed = std::exchange(m_changedRuns, {});
    if (!m_session->isOpen())
        return;
    for (qint64 runId : changed) {
        if (auto record = m_session->runtime()->runs().find(runId))
            m_model->updateRun(*record);
        if (runId == m_shownRun)
            showPast(runId);
    }
}

int RunsPage::checkRecovery()
{
    auto found = m_session->recover();
    if (!found) {
        m_message->showMessage(tr("Recovery failed: %1").arg(found.error().toString()), MessageWidget::Type::Error);
        return 0;
    }
    m_recovered = *found;
    reload();
    if (m_recovered.isEmpty())
        return 0;
    QStringList parts;
    for (const RecoveredRun &r : std::as_const(m_recovered)) {
        QStringList steps;
        for (const StepResult &s : r.interrupted)
            steps << QStringLiteral("%1 %2").arg(s.instance, s.step);
        parts << tr("Run %1 (%2 → %3, %4)%5 <a href=\"recover:%1\">Recover</a>")
                     .arg(r.record.id)
                     .arg(r.record.runbookId.toHtmlEscaped(), r.record.targetVersion.toHtmlEscaped(), runStateName(r.record.state),
                          steps.isEmpty() ? QString() : tr(": interrupted %1").arg(steps.join(QStringLiteral(", ")).toHtmlEscaped()));
    }
    m_message->showMessage(tr("The console stopped while a run was going. Nothing was re-run. %1").arg(parts.join(QStringLiteral("<br>"))),
                           MessageWidget::Type::Warning);
    return int(m_recovered.size());
}

void RunsPage::openSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const qint64 id = current.data(RunListModel::RunIdRole).toLongLong();
    if (current.data(RunListModel::TerminalRole).toBool())
        showPast(id);
    else if (m_session->run() && m_session->run()->runId() == id)
        emit runRecovered();
    else
        recover(id);
}

void RunsPage::signOffSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_session->isOpen())
        return;
    const qint64 id = current.data(RunListModel::RunIdRole).toLongLong();
    SignOffDialog dialog(m_session->runtime(), id, this);
    if (!dialog.load()) {
        // Nothing to sign (or the run cannot be read): the dialog's reason goes to the page instead.
        m_message->showMessage(dialog.findChild<MessageWidget *>(QStringLiteral("signOffMessage"))->text(),
                               MessageWidget::Type::Information);
        return;
    }
    if (dialog.exec() == QDialog::Accepted) {
        m_message->showMessage(tr("Signed off on run %1.").arg(id), MessageWidget::Type::Positive);
        reload();
        // The same run stays selected, for the next item or a look at it.
        const QModelIndexList same = m_proxy->match(m_proxy->index(0, 0), RunListModel::RunIdRole, id, 1, Qt::MatchExactly);
        if (!same.isEmpty())
            m_table->selectRow(same.first().row());
    }
}

void RunsPage::showPast(qint64 runId)
{
    auto record = m_session->runtime()->runs().find(runId);
    auto attempts = m_session->runtime()->runs().attempts(runId);
    if (!record || !attempts) {
        m_message->showMessage(tr("Cannot read run %1 from the store: %2")
                                   .arg(runId)
                                   .arg(!record ? record.error().toString() : attempts.error().toString()),
                               MessageWidget::Type::Error);
        return;
    }
    auto plan = m_session->planOf(runId);
    if (!plan) {
        m_message->showMessage(tr("Cannot show run %1: %2").arg(runId).arg(plan.error().toString()), MessageWidget::Type::Error);
        return;
    }
    m_shownRun = runId;
    m_past.show(*record, *plan, *attempts);
    if (m_past.widget->isHidden()) {
        // The grid needs the room now; the list keeps a quarter.
        const int total = m_splitter->sizes().value(0) + m_splitter->sizes().value(1);
        m_splitter->setSizes({total / 4, total - total / 4});
    }
    m_placeholder->hide();
    m_past.widget->show();
}

void RunsPage::recover(qint64 runId)
{
    // Another console drives it: nothing to recover; it is shown read-only and follows that console live.
    if (auto live = m_session->runtime()->leases().isLive(runId); live && *live) {
        auto record = m_session->runtime()->runs().find(runId);
        m_message->showMessage(tr("Run %1 is driven by another console (operator %2). It is shown below read-only "
                                  "and follows that console as it goes.")
                                   .arg(runId)
                                   .arg(record ? record->operatorName.toHtmlEscaped() : QString()),
                               MessageWidget::Type::Information);
        showPast(runId);
        return;
    }
    if (Status s = m_session->restoreRun(runId); !s) {
        m_message->showMessage(tr("Run %1 cannot be recovered: %2").arg(runId).arg(s.error().toString()), MessageWidget::Type::Error);
        return;
    }
    m_message->hideMessage();
    emit runRecovered();
}

} // namespace lockstep
