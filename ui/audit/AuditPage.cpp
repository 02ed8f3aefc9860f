#include "ui/audit/AuditPage.h"

#include "app/audit/AuditAnchoring.h"
#include "app/audit/AuditLog.h"
#include "models/store/StoreNotifier.h"
#include "ui/audit/AuditEventModel.h"
#include "ui/common/BackgroundJob.h"
#include "ui/common/MessageWidget.h"
#include "ui/common/TaskProgress.h"
#include "ui/report/SaveFileDialog.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace lockstep {

AuditPage::AuditPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new AuditEventModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_message(new MessageWidget(this))
    , m_run(new QLineEdit(this))
    , m_instance(new QLineEdit(this))
    , m_action(new QLineEdit(this))
    , m_text(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_verify(new QPushButton(tr("&Verify chain"), this))
    , m_anchor(new QPushButton(tr("&Anchor head"), this))
    , m_export(new QPushButton(tr("E&xport…"), this))
    , m_progress(new TaskProgress(this))
{
    setObjectName(QStringLiteral("auditPage"));
    m_message->setObjectName(QStringLiteral("auditMessage"));
    m_run->setObjectName(QStringLiteral("auditRun"));
    m_run->setPlaceholderText(tr("run"));
    m_instance->setObjectName(QStringLiteral("auditInstance"));
    m_instance->setPlaceholderText(tr("instance"));
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_action->setPlaceholderText(tr("action"));
    m_text->setObjectName(QStringLiteral("auditFilter"));
    m_text->setPlaceholderText(tr("any text (reason, result, operator …)"));
    m_text->setClearButtonEnabled(true);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_verify->setObjectName(QStringLiteral("auditVerify"));
    m_anchor->setObjectName(QStringLiteral("auditAnchor"));
    m_anchor->setToolTip(tr("Write the chain's head to its witnesses outside the store (file, system log, team table)"));
    m_anchor->setEnabled(false);
    m_export->setObjectName(QStringLiteral("auditExport"));
    m_progress->setObjectName(QStringLiteral("auditProgress"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_proxy);
    m_table->verticalHeader()->hide();
    m_table->setTabKeyNavigation(false);   // Tab leaves the table; arrows move in it
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(AuditEventModel::Reason, QHeaderView::Interactive);
    m_table->setWordWrap(false);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_run);
    filters->addWidget(m_instance);
    filters->addWidget(m_action);
    filters->addWidget(m_text, 2);
    filters->addWidget(m_verify);
    filters->addWidget(m_anchor);
    filters->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(filters);
    layout->addWidget(m_progress);
    layout->addWidget(m_table, 1);

    for (QLineEdit *edit : {m_run, m_instance, m_action})
        connect(edit, &QLineEdit::editingFinished, this, &AuditPage::reload);
    connect(m_text, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_verify, &QPushButton::clicked, this, &AuditPage::verify);
    connect(m_anchor, &QPushButton::clicked, this, &AuditPage::anchor);
    connect(m_export, &QPushButton::clicked, this, &AuditPage::exportLog);
}

void AuditPage::setLog(AuditLog *log)
{
    m_log = log;
    reload();
}

void AuditPage::setAnchoring(AuditAnchoring *anchoring, const QString &operatorName)
{
    m_anchoring = anchoring;
    m_operator = operatorName;
    m_anchor->setEnabled(anchoring != nullptr);
}

void AuditPage::setRunFilter(const QString &runId)
{
    m_run->setText(runId);
    reload();
}

AuditFilter AuditPage::currentFilter() const
{
    AuditFilter filter;
    filter.runId = m_run->text().trimmed();
    filter.instance = m_instance->text().trimmed();
    filter.action = m_action->text().trimmed();
    filter.newestFirst = true;
    filter.limit = 10000;
    return filter;
}

void AuditPage::setNotifier(StoreNotifier *notifier)
{
    connect(notifier, &StoreNotifier::auditAppended, this, [this](qint64 runId) {
        const QString runFilter = m_run->text().trimmed();
        if (!runFilter.isEmpty() && runFilter != QString::number(runId))
            return;
        // A burst of appends (a wave starting) is read once, after the burst's notifications arrived.
        if (!std::exchange(m_fetchQueued, true))
            QMetaObject::invokeMethod(this, &AuditPage::fetchNewer, Qt::QueuedConnection);
    });
}

void AuditPage::fetchNewer()
{
    m_fetchQueued = false;
    if (!m_log)
        return;
    AuditFilter filter = currentFilter();
    filter.afterSeq = m_model->events().isEmpty() ? 0 : m_model->events().first().seq;
    auto events = m_log->query(filter);
    if (!events) {
        m_message->showMessage(events.error().toString(), MessageWidget::Type::Error);
        return;
    }
    m_model->prependEvents(*events);
}

void AuditPage::reload()
{
    if (!m_log) {
        m_model->setEvents({});
        return;
    }
    auto events = m_log->query(currentFilter());
    if (!events) {
        m_message->showMessage(events.error().toString(), MessageWidget::Type::Error);
        return;
    }
    m_model->setEvents(*events);
}

void AuditPage::verify()
{
    if (!m_log || m_progress->isBusy())
        return;
    // The walk hashes every record: on a worker, on its own connection to the store, with Cancel.
    m_verify->setEnabled(false);
    m_message->hideMessage();
    auto *job = BackgroundJob::start(
        this,
        [location = m_log->location()](const BackgroundJob::Control &control) {
            return AuditLog::verifyAt(location, {}, [&control](qint64 done, qint64 total) {
                control.progress(done, total);
                return !control.isCancelled();
            });
        },
        [this](const Result<AuditVerifyReport> &chain) {
            m_verify->setEnabled(true);
            // The walk alone cannot see records removed from the end or a re-chained log: the heads the
            // witnesses recorded are compared here, as `audit verify` does (reading them is quick).
            showVerifyReport(chain && m_anchoring ? m_anchoring->checkWitnesses(*chain) : chain);
        });
    m_progress->follow(job, tr("Verifying the audit chain…"));
}

void AuditPage::showVerifyReport(const Result<AuditVerifyReport> &report)
{
    if (!report) {
        m_message->showMessage(report.error().toString(), MessageWidget::Type::Error);
        return;
    }
    if (report->ok() && report->anchorsChecked > 0)
        // The head is long; the report carries it whole, the bar its start.
        m_message->showMessage(tr("The chain is intact: %1 records, head %2…; %3 of them match the witnesses of "
                                  "its head.").arg(QString::number(report->records), report->headHash.left(16),
                                                   QString::number(report->anchoredSeq)),
                               MessageWidget::Type::Positive);
    else if (report->ok())
        m_message->showMessage(tr("The chain is intact: %1 records, head %2…; no witness has anchored it yet, so "
                                  "records removed from its end would not show.")
                                   .arg(QString::number(report->records), report->headHash.left(16)),
                               MessageWidget::Type::Positive);
    else
        m_message->showMessage(tr("The chain is broken at record %1 (%2): %3")
                                   .arg(QString::number(report->firstBrokenSeq), auditProblemName(report->problem), report->reason),
                               MessageWidget::Type::Error);
}

void AuditPage::anchor()
{
    if (!m_anchoring)
        return;
    const auto report = m_anchoring->anchor(QStringLiteral("on demand in the console"), m_operator);
    if (!report) {
        m_message->showMessage(report.error().toString(), MessageWidget::Type::Error);
        return;
    }
    if (report->ok())
        m_message->showMessage(tr("Head record %1 anchored in %2.")
                                   .arg(QString::number(report->anchor.seq), m_anchoring->witnessNames().join(QStringLiteral(", "))),
                               MessageWidget::Type::Positive);
    else
        m_message->showMessage(tr("Head record %1 anchored, but not everywhere: %2 (recorded as audit record %3).")
                                   .arg(QString::number(report->anchor.seq), report->failures().join(QStringLiteral("; ")),
                                        QString::number(report->failureRecordSeq)),
                               MessageWidget::Type::Warning);
    reload();
}

void AuditPage::exportLog()
{
    if (!m_log)
        return;
    const QString path = SaveFileDialog::getSaveFileName(this, tr("Export the audit log"),
                                                         QDir::home().filePath(QStringLiteral("lockstep-audit.json")),
                                                         tr("JSON (*.json);;CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    Status written = okStatus();
    if (!file.open(QIODevice::WriteOnly))
        written = Error{tr("cannot write %1: %2").arg(path, file.errorString()), path, {}};
    else
        written = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? m_log->exportCsv(file) : m_log->exportJson(file);
    if (written && !file.commit())
        written = Error{tr("cannot write %1: %2").arg(path, file.errorString()), path, {}};
    if (!written)
        m_message->showMessage(written.error().toString(), MessageWidget::Type::Error);
    else
        m_message->showMessage(tr("Audit log exported to %1.").arg(path), MessageWidget::Type::Positive);
}

} // namespace lockstep
