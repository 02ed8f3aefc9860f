#include "ui/upgrade/ChecklistPage.h"

#include "app/engine/Checklist.h"
#include "app/engine/RunExecutor.h"
#include "app/identity/OperatorIdentity.h"
#include "models/store/StoreNotifier.h"
#include "ui/common/BackgroundJob.h"
#include "ui/common/MessageWidget.h"
#include "ui/common/TaskProgress.h"
#include "ui/upgrade/ChecklistModel.h"
#include "app/session/ConsoleSession.h"
#include "ui/upgrade/SignatureVerification.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace lockstep {

ChecklistPage::ChecklistPage(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_model(new ChecklistModel(this))
    , m_message(new MessageWidget(this))
    , m_table(new QTableView(this))
    , m_evidence(new QPlainTextEdit(this))
    , m_operator(new QLineEdit(session->operatorName(), this))
    , m_identity(new QLabel(this))
    , m_signature(new QPlainTextEdit(this))
    , m_importSignature(new QPushButton(tr("&Import signature"), this))
    , m_verifying(new TaskProgress(this))
    , m_comment(new QLineEdit(this))
    , m_signOff(new QPushButton(tr("&Sign off"), this))
    , m_runChecks(new QPushButton(tr("Run &checks"), this))
    , m_start(new QPushButton(tr("S&tart upgrade"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("checklistPage"));
    m_message->setObjectName(QStringLiteral("checklistMessage"));
    m_table->setObjectName(QStringLiteral("checklistTable"));
    m_evidence->setObjectName(QStringLiteral("checklistEvidence"));
    m_operator->setObjectName(QStringLiteral("checklistOperator"));
    m_comment->setObjectName(QStringLiteral("checklistComment"));
    m_identity->setObjectName(QStringLiteral("checklistIdentity"));
    m_signature->setObjectName(QStringLiteral("checklistSignature"));
    m_importSignature->setObjectName(QStringLiteral("checklistImportSignature"));
    m_signature->setPlaceholderText(tr("A second operator's signed sign-off (lockstep-cli signoff --sign … --output FILE): "
                                       "paste the file's text here and import it."));
    m_signature->setMaximumHeight(m_signature->fontMetrics().lineSpacing() * 4);
    m_signature->setTabChangesFocus(true);
    m_signOff->setObjectName(QStringLiteral("checklistSignOff"));
    m_runChecks->setObjectName(QStringLiteral("checklistRunChecks"));
    m_start->setObjectName(QStringLiteral("checklistStart"));
    m_status->setObjectName(QStringLiteral("checklistStatus"));
    m_status->setWordWrap(true);
    m_comment->setPlaceholderText(tr("What you checked (stored with your sign-off)"));
    // You sign as who the store or the OS authenticated; only tests may act under a name they give.
    m_operator->setReadOnly(!OperatorIdentity::testIdentitiesEnabled());
    m_evidence->setReadOnly(true);
    m_evidence->setPlaceholderText(tr("The evidence of the selected check appears here."));

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setTabKeyNavigation(false);   // Tab leaves the table; arrows move in it
    m_table->horizontalHeader()->setSectionResizeMode(ChecklistModel::Item, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ChecklistModel::SignOffs, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ChecklistModel::Check, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ChecklistModel::Missing, QHeaderView::ResizeToContents);
    m_start->setEnabled(false);

    auto *form = new QFormLayout;
    auto *who = new QHBoxLayout;
    who->addWidget(m_operator, 1);
    who->addWidget(m_identity);
    // Rows whose field is a layout get their label's buddy by hand, so the accelerator works.
    auto *whoLabel = new QLabel(tr("Signed in &as:"), this);
    whoLabel->setBuddy(m_operator);
    form->addRow(whoLabel, who);
    form->addRow(tr("Co&mment:"), m_comment);
    auto *paste = new QHBoxLayout;
    paste->addWidget(m_signature, 1);
    paste->addWidget(m_importSignature, 0, Qt::AlignTop);
    m_verifying->setObjectName(QStringLiteral("checklistSignatureProgress"));
    auto *pasteLabel = new QLabel(tr("Si&gnature:"), this);
    pasteLabel->setBuddy(m_signature);
    form->addRow(pasteLabel, paste);
    form->addRow(QString(), m_verifying);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_signOff);
    buttons->addWidget(m_runChecks);
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_start);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_evidence);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);

    // A steady ~8 fps spinner; only running rows repaint.
    m_spinner.setInterval(120);
    connect(&m_spinner, &QTimer::timeout, m_model, &ChecklistModel::advanceSpinner);
    connect(m_signOff, &QPushButton::clicked, this, &ChecklistPage::signOffSelected);
    connect(m_comment, &QLineEdit::returnPressed, this, &ChecklistPage::signOffSelected);
    connect(m_runChecks, &QPushButton::clicked, this, [this] {
        clearCheckFailure();
        if (m_run)
            m_run->checklist()->runChecks();
        updateState();
    });
    connect(m_start, &QPushButton::clicked, this, &ChecklistPage::start);
    connect(m_importSignature, &QPushButton::clicked, this, &ChecklistPage::importSignature);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ChecklistPage::showEvidence);
}

void ChecklistPage::setRun(RunExecutor *run)
{
    if (m_run)
        disconnect(m_run->checklist(), nullptr, this, nullptr);
    m_run = run;
    m_message->hideMessage();
    m_checkFailure.clear();
    if (!run) {
        m_model->setItems({});
        updateState();
        return;
    }
    m_model->setItems(run->checklist()->items());
    connect(run->checklist(), &Checklist::itemChanged, this, [this](const ChecklistItemStatus &item) {
        m_model->updateItem(item);
        updateState();
        showEvidence();
    });
    connect(run->checklist(), &Checklist::checksFinished, this, [this](bool allPassed) {
        updateState();
        // Only a check that failed raises the bar, and it goes once the checks pass again.
        if (!allPassed)
            showCheckFailure(m_run->checklist()->failedChecks());
        else
            clearCheckFailure();
    });
    connect(run, &RunExecutor::runStateChanged, this, [this] { updateState(); });
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    // Checks that never ran start at once: the operator should see evidence, not a button to press.
    if (run->state() == RunState::Planned) {
        bool anyToRun = false;
        for (const ChecklistItemStatus &item : run->checklist()->items())
            anyToRun |= item.check == ChecklistItemStatus::Check::NotRun;
        if (anyToRun)
            run->checklist()->runChecks();
    }
    updateState();
}

void ChecklistPage::setNotifier(StoreNotifier *notifier)
{
    connect(notifier, &StoreNotifier::signOffAdded, this, [this](qint64 runId) {
        if (!m_run || m_run->runId() != runId)
            return;
        // Only this run's sign-offs are read again, and its rows updated in place (the selection stays).
        if (Status s = m_run->checklist()->load(); !s) {
            m_message->showMessage(tr("Could not read the sign-offs of run %1: %2").arg(runId).arg(s.error().toString()),
                                   MessageWidget::Type::Error);
            return;
        }
        for (const ChecklistItemStatus &item : m_run->checklist()->items())
            m_model->updateItem(item);
        updateState();
        showEvidence();
    });
}

void ChecklistPage::setIdentity(const OperatorIdentity &identity)
{
    m_operator->setText(identity.name());
    switch (identity.source()) {
    case OperatorIdentity::Source::DatabaseRole:
        m_identity->setText(identity.isApprover() ? tr("database role, approver") : tr("database role, not an approver"));
        break;
    case OperatorIdentity::Source::OsAccount: m_identity->setText(tr("OS account")); break;
    case OperatorIdentity::Source::Asserted: m_identity->setText(tr("name asserted for a test")); break;
    }
}

void ChecklistPage::importSignature()
{
    if (!m_run || m_verifying->isBusy())
        return;
    auto signedOff = SignOffMessage::fromJson(m_signature->toPlainText().toUtf8(), tr("pasted signature"));
    const Status checked = signedOff ? m_run->checklist()->checkSigned(*signedOff) : Status(signedOff.error());
    if (!checked) {
        m_message->showMessage(tr("Signature not accepted: %1").arg(checked.error().toString()), MessageWidget::Type::Error);
        return;
    }
    // ssh-keygen -Y verify is a process: it runs on a worker while the window keeps answering; the
    // sign-off is stored here, on the GUI thread, once it is back (if this run is still shown).
    m_importSignature->setEnabled(false);
    m_message->hideMessage();
    const qint64 runId = m_run->runId();
    auto *job = SignatureVerification::start(
        this, *signedOff, m_run->checklist()->allowedSigners(),
        [this, message = *signedOff, runId](const Result<SshSignature::Verified> &verified) {
            if (!m_run || m_run->runId() != runId)
                return;
            auto stored = m_run->checklist()->addVerified(message, verified);
            if (!stored) {
                m_message->showMessage(tr("Signature not accepted: %1").arg(stored.error().toString()), MessageWidget::Type::Error);
                return;
            }
            m_message->showMessage(tr("%1 signed \"%2\" with an SSH key (verified).").arg(stored->operatorName, stored->item),
                                   MessageWidget::Type::Positive);
            m_signature->clear();
        });
    m_verifying->follow(job, tr("Verifying the signature with ssh-keygen…"));
    connect(job, &BackgroundJob::finished, this, &ChecklistPage::updateState);
}

void ChecklistPage::showCheckFailure(const QStringList &failed)
{
    m_checkFailure = tr("%n check(s) failed: %1. Select one to see the evidence, fix the cause and run the checks again.",
                        nullptr, int(failed.size()))
                         .arg(failed.join(QStringLiteral(", ")).toHtmlEscaped());
    m_message->showMessage(m_checkFailure, MessageWidget::Type::Warning);
}

void ChecklistPage::clearCheckFailure()
{
    // Only the failure's own bar: a sign-off's confirmation shown since stays.
    if (!m_checkFailure.isEmpty() && m_message->text() == m_checkFailure)
        m_message->hideMessage();
    m_checkFailure.clear();
}

void ChecklistPage::signOffSelected()
{
    if (!m_run)
        return;
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_message->showMessage(tr("Select the item to sign off."), MessageWidget::Type::Information);
        return;
    }
    const ChecklistItemStatus &item = m_model->itemAt(current.row());
    if (item.signoffsRequired == 0) {
        m_message->showMessage(tr("\"%1\" is an automated check; it needs no sign-off.").arg(item.title),
                               MessageWidget::Type::Information);
        return;
    }
    auto signedOff = m_run->checklist()->signOff(item.id, m_operator->text().trimmed(), m_comment->text().trimmed(),
                                                 item.evidence.join(QLatin1Char('\n')));
    if (!signedOff) {
        m_message->showMessage(tr("Not signed: %1").arg(signedOff.error().toString()), MessageWidget::Type::Error);
        return;
    }
    m_message->showMessage(tr("%1 signed \"%2\".").arg(signedOff->operatorName, item.title), MessageWidget::Type::Positive);
    m_comment->clear();
    // The next item that still needs a signature, so a list of sign-offs is quick to work through.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const ChecklistItemStatus &next = m_model->itemAt(row);
        if (next.signOffs.size() < next.signoffsRequired) {
            m_table->selectRow(row);
            break;
        }
    }
}

void ChecklistPage::start()
{
    if (!m_run)
        return;
    if (Status s = m_run->start(m_operator->text().trimmed()); !s) {
        m_message->showMessage(tr("Not started: %1").arg(s.error().toString()), MessageWidget::Type::Error);
        return;
    }
    emit started();
}

void ChecklistPage::updateState()
{
    const bool running = m_run && m_run->checklist()->isRunning();
    if (running && !m_spinner.isActive())
        m_spinner.start();
    else if (!running)
        m_spinner.stop();
    const bool planned = m_run && m_run->state() == RunState::Planned;
    const QStringList missing = m_run ? m_run->checklist()->unsatisfied() : QStringList();
    m_start->setEnabled(planned && !running && missing.isEmpty());
    m_signOff->setEnabled(planned);
    m_importSignature->setEnabled(planned && !m_verifying->isBusy());
    m_runChecks->setEnabled(planned && !running);
    if (!m_run)
        m_status->clear();
    else if (!planned)
        m_status->setText(tr("The run has started; the checklist is read-only."));
    else if (running)
        m_status->setText(tr("Checks are running…"));
    else if (missing.isEmpty())
        m_status->setText(tr("Everything required is done."));
    else
        m_status->setText(tr("Missing: %1").arg(missing.join(QStringLiteral("; "))));
}

void ChecklistPage::showEvidence()
{
    const QModelIndex current = m_table->currentIndex();
    const QString text = current.isValid() ? current.data(ChecklistModel::EvidenceRole).toString() : QString();
    if (m_evidence->toPlainText() != text)
        m_evidence->setPlainText(text);
}

} // namespace lockstep
