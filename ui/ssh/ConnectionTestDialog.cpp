#include "ui/ssh/ConnectionTestDialog.h"

#include "app/ssh/SshConnectionCheck.h"
#include "ui/common/MessageWidget.h"
#include "ui/ssh/HostKeyTrustDialog.h"
#include "ui/ssh/OffThread.h"
#include "ui/ssh/SshConsole.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace lockstep {

ConnectionTestDialog::ConnectionTestDialog(SshConsole *console, const QString &instance, const QString &target,
                                           const SshOptions &options, QWidget *parent)
    : QDialog(parent)
    , m_console(console)
    , m_instance(instance)
    , m_target(target)
    , m_options(options)
    , m_message(new MessageWidget(this))
{
    setObjectName(QStringLiteral("connectionTestDialog"));
    setWindowTitle(tr("SSH connection test: %1").arg(instance.isEmpty() ? target : instance));
    m_message->setObjectName(QStringLiteral("connectionTestMessage"));

    auto *form = new QFormLayout;
    addField(form, QStringLiteral("Target"), tr("Target:"))->setText(target);
    addField(form, QStringLiteral("Endpoint"), tr("Connected to:"));
    addField(form, QStringLiteral("KeyType"), tr("Host key type:"));
    addField(form, QStringLiteral("Fingerprint"), tr("Fingerprint:"), true);
    addField(form, QStringLiteral("KnownHosts"), tr("known_hosts:"));
    addField(form, QStringLiteral("AuthMethod"), tr("Authenticated with:"));
    addField(form, QStringLiteral("Elapsed"), tr("Time:"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("connectionTestButtons"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("connectionTestClose"));
    m_trust = buttons->addButton(tr("&Trust host key…"), QDialogButtonBox::ActionRole);
    m_trust->setObjectName(QStringLiteral("connectionTestTrust"));
    m_trust->setVisible(false);
    m_again = buttons->addButton(tr("Test &again"), QDialogButtonBox::ActionRole);
    m_again->setObjectName(QStringLiteral("connectionTestAgain"));
    connect(m_trust, &QPushButton::clicked, this, &ConnectionTestDialog::trustHostKey);
    connect(m_again, &QPushButton::clicked, this, &ConnectionTestDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(buttons);
    resize(620, 320);
}

QLabel *ConnectionTestDialog::addField(QFormLayout *form, const QString &key, const QString &label, bool monospace)
{
    auto *value = new QLabel(QStringLiteral("—"), this);
    value->setObjectName(QStringLiteral("connectionTest") + key);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    if (monospace)
        value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    form->addRow(label, value);
    m_fields.insert(key, value);
    return value;
}

void ConnectionTestDialog::setField(const QString &key, const QString &text)
{
    m_fields.value(key)->setText(text.isEmpty() ? QStringLiteral("—") : text);
}

void ConnectionTestDialog::start()
{
    if (m_running)
        return;
    m_running = true;
    m_trust->setVisible(false);
    m_again->setEnabled(false);
    for (const QString &key : {QStringLiteral("Endpoint"), QStringLiteral("KeyType"), QStringLiteral("Fingerprint"),
                               QStringLiteral("KnownHosts"), QStringLiteral("AuthMethod"), QStringLiteral("Elapsed")})
        setField(key, {});
    m_message->showMessage(tr("Connecting to %1…").arg(m_target), MessageWidget::Type::Information);
    const QString target = m_target;
    const SshOptions options = m_options;
    runOffThread(this, [target, options] { return SshConnectionCheck::run(target, options); },
                 [this](const SshConnectionReport &report) { showReport(report); });
}

void ConnectionTestDialog::showReport(const SshConnectionReport &report)
{
    m_running = false;
    m_report = report;
    m_again->setEnabled(true);
    setField(QStringLiteral("Endpoint"), report.endpoint);
    if (report.hostKey) {
        setField(QStringLiteral("KeyType"), report.hostKey->keyType);
        setField(QStringLiteral("Fingerprint"), report.hostKey->fingerprint);
        setField(QStringLiteral("KnownHosts"), report.hostKey->knownHostsFile);
    }
    setField(QStringLiteral("AuthMethod"), report.authMethod);
    setField(QStringLiteral("Elapsed"), tr("%1 ms").arg(report.elapsedMs));

    const QString problem = report.error ? report.error->toString() : QString();
    using Outcome = SshConnectionReport::Outcome;
    switch (report.outcome) {
    case Outcome::Connected:
        m_message->showMessage(tr("Connected: the host key is trusted and authentication worked."),
                               MessageWidget::Type::Positive);
        break;
    case Outcome::HostKeyUnknown:
        m_trust->setVisible(true);
        m_trust->setEnabled(m_console && m_console->canAudit());
        m_message->showMessage(tr("The host key is not trusted yet: check the fingerprint below with the host's owner, "
                                  "then trust it. (%1)").arg(problem),
                               MessageWidget::Type::Warning);
        break;
    case Outcome::HostKeyChanged:
        m_message->showMessage(tr("The host key has CHANGED: someone may be intercepting the connection, or the host "
                                  "was reinstalled. Lockstep will not connect. %1").arg(problem),
                               MessageWidget::Type::Error);
        break;
    case Outcome::AuthenticationFailed:
        m_message->showMessage(tr("The host key is trusted, but authentication failed: %1").arg(problem),
                               MessageWidget::Type::Error);
        break;
    case Outcome::Unreachable:
        m_message->showMessage(tr("Could not connect: %1").arg(problem), MessageWidget::Type::Error);
        break;
    case Outcome::Failed:
        m_message->showMessage(tr("The test failed: %1").arg(problem), MessageWidget::Type::Error);
        break;
    }
    emit tested(report);
}

void ConnectionTestDialog::trustHostKey()
{
    if (!m_report.hostKey || m_report.outcome != SshConnectionReport::Outcome::HostKeyUnknown)
        return;
    auto *dialog = new HostKeyTrustDialog(m_console, m_instance, m_target, m_options, *m_report.hostKey, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &ConnectionTestDialog::start);
    dialog->open();
    emit trustDialogOpened(dialog);
}

} // namespace lockstep
