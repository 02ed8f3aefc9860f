#include "ui/ssh/HostKeyTrustDialog.h"

#include "app/ssh/HostKeyScanner.h"
#include "ui/common/MessageWidget.h"
#include "ui/ssh/OffThread.h"
#include "ui/ssh/SshConsole.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace lockstep {

namespace {

QLabel *valueLabel(const QString &objectName, const QString &text, QWidget *parent, bool monospace = false)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (monospace)
        label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return label;
}

} // namespace

HostKeyTrustDialog::HostKeyTrustDialog(SshConsole *console, const QString &instance, const QString &target,
                                       const SshOptions &options, const HostKeyInfo &key, QWidget *parent)
    : QDialog(parent)
    , m_console(console)
    , m_instance(instance)
    , m_target(target)
    , m_options(options)
    , m_key(key)
    , m_message(new MessageWidget(this))
{
    setObjectName(QStringLiteral("hostKeyTrustDialog"));
    setWindowTitle(tr("Trust host key of %1").arg(key.knownHostsName()));
    m_message->setObjectName(QStringLiteral("hostKeyTrustMessage"));

    auto *intro = new QLabel(tr("<b>%1</b> is not in known_hosts yet. Compare the fingerprint with the one the "
                                "host's owner gives you (<tt>ssh-keygen -lf /etc/ssh/ssh_host_%2_key.pub</tt> on "
                                "the host) before trusting it: a wrong key means someone else answers for this host.")
                                 .arg(key.knownHostsName().toHtmlEscaped(),
                                      key.keyType.section(QLatin1Char('-'), 1, 1).toHtmlEscaped()),
                             this);
    intro->setObjectName(QStringLiteral("hostKeyTrustIntro"));
    intro->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Host:"), valueLabel(QStringLiteral("hostKeyTrustHost"), key.knownHostsName(), this));
    if (!instance.isEmpty())
        form->addRow(tr("Instance:"), valueLabel(QStringLiteral("hostKeyTrustInstance"), instance, this));
    form->addRow(tr("Key type:"), valueLabel(QStringLiteral("hostKeyTrustType"), key.keyType, this));
    form->addRow(tr("Fingerprint:"), valueLabel(QStringLiteral("hostKeyTrustFingerprint"), key.fingerprint, this, true));
    form->addRow(tr("Added to:"), valueLabel(QStringLiteral("hostKeyTrustFile"), key.knownHostsFile, this));
    form->addRow(tr("Recorded as:"),
                 valueLabel(QStringLiteral("hostKeyTrustOperator"),
                            tr("%1 in the audit log").arg(console ? console->operatorName() : QString()), this));

    auto *buttons = new QDialogButtonBox(this);
    buttons->setObjectName(QStringLiteral("hostKeyTrustButtons"));
    m_trust = buttons->addButton(tr("&Trust and add to known_hosts"), QDialogButtonBox::AcceptRole);
    m_trust->setObjectName(QStringLiteral("hostKeyTrustConfirm"));
    m_trust->setAutoDefault(false);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("hostKeyTrustCancel"));
    cancel->setDefault(true);     // Enter does not trust a key
    connect(m_trust, &QPushButton::clicked, this, &HostKeyTrustDialog::trust);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);

    if (key.state != HostKeyInfo::State::Unknown) {
        m_trust->setEnabled(false);
        m_message->showMessage(key.state == HostKeyInfo::State::Changed
                                   ? tr("This host's key has CHANGED. It cannot be trusted here: check it out of band "
                                        "and remove the old entry with ssh-keygen -R first.")
                                   : tr("This key is already trusted."),
                               MessageWidget::Type::Warning);
    } else if (!console || !console->canAudit()) {
        m_trust->setEnabled(false);
        m_message->showMessage(tr("Trusting a key is recorded in the audit log, and no store is open: open one "
                                  "first (see the message in the main window)."),
                               MessageWidget::Type::Error);
    }
    // The wrapped intro and message need more lines at this width than at the size hint's (more so in
    // German): the height is the one for 560 px, with the message in place.
    resize(560, heightForWidth(560) > 0 ? heightForWidth(560) : sizeHint().height());
}

void HostKeyTrustDialog::trust()
{
    m_trust->setEnabled(false);
    m_message->showMessage(tr("Connecting to %1 to add its key…").arg(m_key.knownHostsName()), MessageWidget::Type::Information);
    const SshOptions options = m_options;
    const QString target = m_target;
    const QString fingerprint = m_key.fingerprint;
    runOffThread(this, [options, target, fingerprint] { return HostKeyScanner(options).trust(target, fingerprint); },
                 [this](const Result<HostKeyInfo> &trusted) { onTrusted(trusted); });
}

void HostKeyTrustDialog::onTrusted(const Result<HostKeyInfo> &trusted)
{
    if (!trusted) {
        m_message->showMessage(tr("Not trusted: %1").arg(trusted.error().toString()), MessageWidget::Type::Error);
        return;
    }
    m_key = *trusted;
    if (const Status recorded = m_console->recordTrust(m_key, m_instance); !recorded) {
        m_message->showMessage(tr("The key was added to %1, but the audit record failed: %2")
                                   .arg(m_key.knownHostsFile, recorded.error().toString()),
                               MessageWidget::Type::Error);
        return;
    }
    emit m_console->hostKeyTrusted(m_key, m_instance);
    accept();
}

} // namespace lockstep
