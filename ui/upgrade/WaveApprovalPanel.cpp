#include "ui/upgrade/WaveApprovalPanel.h"

#include "app/engine/Checklist.h"
#include "app/engine/RunExecutor.h"
#include "ui/common/BackgroundJob.h"
#include "ui/common/MessageWidget.h"
#include "ui/common/TaskProgress.h"
#include "ui/upgrade/SignatureVerification.h"

#include <QClipboard>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

namespace lockstep {

WaveApprovalPanel::WaveApprovalPanel(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_message(new MessageWidget(this))
    , m_signature(new QPlainTextEdit(this))
    , m_copyRequest(new QPushButton(tr("Copy re&quest"), this))
    , m_import(new QPushButton(tr("I&mport signed approval"), this))
    , m_verifying(new TaskProgress(this))
{
    setObjectName(QStringLiteral("waveApprovalPanel"));
    m_status->setObjectName(QStringLiteral("waveApprovalStatus"));
    m_message->setObjectName(QStringLiteral("waveApprovalMessage"));
    m_signature->setObjectName(QStringLiteral("waveApprovalSignature"));
    m_copyRequest->setObjectName(QStringLiteral("waveApprovalCopyRequest"));
    m_import->setObjectName(QStringLiteral("waveApprovalImport"));
    m_verifying->setObjectName(QStringLiteral("waveApprovalProgress"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_signature->setPlaceholderText(tr("A second operator's signed approval (lockstep-cli signoff --sign REQUEST --key KEY.pub "
                                       "--output FILE): paste the file's text here and import it."));
    m_signature->setMaximumHeight(m_signature->fontMetrics().lineSpacing() * 4);
    m_signature->setTabChangesFocus(true);
    m_copyRequest->setToolTip(tr("Copies what a second operator signs for this approval, with the gates' values shown here."));

    auto *signatureLabel = new QLabel(tr("Si&gned approval:"), this);
    signatureLabel->setBuddy(m_signature);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status, 0, 0, 1, 3);
    layout->addWidget(m_message, 1, 0, 1, 3);
    layout->addWidget(signatureLabel, 2, 0, Qt::AlignTop);
    layout->addWidget(m_signature, 2, 1);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_import);
    buttons->addWidget(m_copyRequest);
    buttons->addStretch();
    layout->addLayout(buttons, 2, 2);
    layout->addWidget(m_verifying, 3, 1, 1, 2);
    layout->setColumnStretch(1, 1);

    connect(m_copyRequest, &QPushButton::clicked, this, &WaveApprovalPanel::copyRequest);
    connect(m_import, &QPushButton::clicked, this, &WaveApprovalPanel::importSignature);
    hide();
}

void WaveApprovalPanel::setRun(RunExecutor *run)
{
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    m_message->hideMessage();
    if (run)
        connect(run, &RunExecutor::runStateChanged, this, &WaveApprovalPanel::refresh);
    refresh();
}

void WaveApprovalPanel::showRefusal(const Error &why)
{
    // The reason in the bar; what to do instead (the hint) on hover, so the bar stays short.
    m_message->showMessage(tr("Approval refused: %1").arg(why.message.toHtmlEscaped()), MessageWidget::Type::Error);
    m_message->setToolTip(why.hint);
}

void WaveApprovalPanel::refresh()
{
    const bool waiting = m_run && m_run->state() == RunState::AwaitingApproval;
    setVisible(waiting);
    if (!waiting) {
        m_message->hideMessage();
        return;
    }
    m_status->setText(tr("Approval of wave %1: %2").arg(QString::number(m_run->currentWave() + 2), m_run->note()));
    m_import->setEnabled(!m_verifying->isBusy());
}

void WaveApprovalPanel::copyRequest()
{
    if (!m_run)
        return;
    auto request = m_run->approvalRequest();
    if (!request) {
        showRefusal(request.error());
        return;
    }
    QGuiApplication::clipboard()->setText(QString::fromUtf8(request->toJson()));
    m_message->showMessage(tr("The request for %1 is on the clipboard: save it to a file for the second operator, who signs "
                              "it with lockstep-cli signoff --sign FILE --key KEY.pub --output SIGNED.json.")
                               .arg(request->item),
                           MessageWidget::Type::Information);
}

void WaveApprovalPanel::importSignature()
{
    if (!m_run || m_verifying->isBusy())
        return;
    auto signedOff = SignOffMessage::fromJson(m_signature->toPlainText().toUtf8(), tr("pasted approval"));
    const Status checked = signedOff ? m_run->checkSignedApproval(*signedOff) : Status(signedOff.error());
    if (!checked) {
        showRefusal(checked.error());
        return;
    }
    // ssh-keygen -Y verify is a process: it runs on a worker while the window keeps answering; the
    // approval is stored here, on the GUI thread, once it is back (if this run still waits for it).
    m_import->setEnabled(false);
    m_message->hideMessage();
    const qint64 runId = m_run->runId();
    auto *job = SignatureVerification::start(
        this, *signedOff, m_run->checklist()->allowedSigners(),
        [this, message = *signedOff, runId](const Result<SshSignature::Verified> &verified) {
            if (!m_run || m_run->runId() != runId)
                return;
            const Status stored = m_run->addVerifiedApproval(message, verified);
            if (!stored) {
                showRefusal(stored.error());
                return;
            }
            m_signature->clear();
            if (m_run->state() == RunState::AwaitingApproval)
                m_message->showMessage(tr("%1 approved with an SSH key (verified); the wave still waits.").arg(message.principal),
                                       MessageWidget::Type::Positive);
        });
    m_verifying->follow(job, tr("Verifying the approval's signature with ssh-keygen…"));
    connect(job, &BackgroundJob::finished, this, &WaveApprovalPanel::refresh);
}

} // namespace lockstep
