#include "ui/ssh/SshSettingsGroup.h"

#include "app/inventory/InventoryValidator.h"
#include "app/ssh/SshTarget.h"
#include "ui/common/FileDialog.h"

#include <QCheckBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>

namespace lockstep {

SshSettingsGroup::SshSettingsGroup(QWidget *parent)
    : QGroupBox(tr("SSH"), parent)
    , m_host(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_readConfig(new QCheckBox(tr("Read ssh_confi&g"), this))
{
    setObjectName(QStringLiteral("sshSettings"));
    m_host->setObjectName(QStringLiteral("sshHost"));
    m_host->setPlaceholderText(tr("optional: host, address or ssh_config Host alias"));
    m_user->setObjectName(QStringLiteral("sshUser"));
    m_user->setPlaceholderText(tr("from ssh_config, else your login name"));
    m_port->setObjectName(QStringLiteral("sshPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("from ssh_config, else 22"));
    m_identity = fileField(QStringLiteral("sshIdentityFile"), tr("ssh-agent, ssh_config's IdentityFile, ~/.ssh/id_*"),
                           tr("SSH identity file"));
    m_readConfig->setObjectName(QStringLiteral("sshReadConfig"));
    m_readConfig->setChecked(true);
    m_config = fileField(QStringLiteral("sshConfigFile"), tr("~/.ssh/config"), tr("ssh_config file"));
    m_knownHosts = fileField(QStringLiteral("sshKnownHostsFile"), tr("~/.ssh/known_hosts"), tr("known_hosts file"));
    connect(m_readConfig, &QCheckBox::toggled, this, &SshSettingsGroup::updateConfigEnabled);

    auto wrap = [this](QLineEdit *edit) {
        auto *row = new QHBoxLayout;
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(edit, 1);
        auto *browse = new QToolButton(this);
        browse->setObjectName(edit->objectName() + QStringLiteral("Browse"));
        browse->setText(QStringLiteral("…"));
        browse->setToolTip(tr("Choose a file"));
        connect(browse, &QToolButton::clicked, this, [this, edit] {
            const QString start = edit->text().isEmpty() ? QDir::homePath() + QStringLiteral("/.ssh") : edit->text();
            const QString file = FileDialog::getOpenFileName(this, edit->property("caption").toString(), start, {});
            if (!file.isEmpty())
                edit->setText(file);
        });
        row->addWidget(browse);
        return row;
    };
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("U&ser:"), m_user);
    form->addRow(tr("Po&rt:"), m_port);
    form->addRow(tr("I&dentity file:"), wrap(m_identity));
    form->addRow(QString(), m_readConfig);
    form->addRow(tr("ssh_config &file:"), wrap(m_config));
    form->addRow(tr("&known_hosts:"), wrap(m_knownHosts));
}

QLineEdit *SshSettingsGroup::fileField(const QString &objectName, const QString &placeholder, const QString &caption)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setProperty("caption", caption);
    return edit;
}

void SshSettingsGroup::updateConfigEnabled()
{
    m_config->setEnabled(m_readConfig->isChecked());
}

void SshSettingsGroup::setTarget(const QString &target)
{
    m_unparsedTarget.clear();
    const Result<SshTarget> parsed = SshTarget::parse(target);
    if (!parsed) {
        m_host->setText(target);
        m_unparsedTarget = target;
        return;
    }
    m_host->setText(parsed->host);
    m_user->setText(parsed->user);
    m_port->setValue(parsed->port);
}

QString SshSettingsGroup::target() const
{
    SshTarget target;
    target.host = m_host->text().trimmed();
    if (target.host.isEmpty())
        return {};
    if (!m_unparsedTarget.isEmpty() && target.host == m_unparsedTarget)
        return m_unparsedTarget;
    target.user = m_user->text().trimmed();
    target.port = quint16(m_port->value());
    return target.toString();
}

void SshSettingsGroup::setSettings(const SshSettings &settings)
{
    m_identity->setText(settings.identityFile);
    m_readConfig->setChecked(settings.readConfig);
    m_config->setText(settings.configFile);
    m_knownHosts->setText(settings.knownHostsFile);
    updateConfigEnabled();
}

SshSettings SshSettingsGroup::settings() const
{
    SshSettings settings;
    settings.identityFile = m_identity->text().trimmed();
    settings.readConfig = m_readConfig->isChecked();
    settings.configFile = settings.readConfig ? m_config->text().trimmed() : QString();
    settings.knownHostsFile = m_knownHosts->text().trimmed();
    return settings;
}

QStringList SshSettingsGroup::validate() const
{
    QStringList problems;
    const QString composed = target();
    if (composed.isEmpty() && (!m_user->text().trimmed().isEmpty() || m_port->value() != 0))
        problems << tr("SSH host is required when an SSH user or port is given.");
    if (Status s = InventoryValidator::checkSshTarget(composed); !s)
        problems << tr("SSH target: %1").arg(s.error().toString());
    const SshSettings ssh = settings();
    const QList<QPair<QString, QString>> files{{tr("Identity file"), ssh.identityFile},
                                               {tr("ssh_config file"), ssh.configFile},
                                               {tr("known_hosts file"), ssh.knownHostsFile}};
    for (const auto &[what, file] : files) {
        if (Status s = InventoryValidator::checkSshFile(what, file); !s)
            problems << s.error().toString();
    }
    if (ssh.configText() == QLatin1String("none") && ssh.readConfig)
        problems << tr("ssh_config file \"none\" is reserved: untick \"Read ssh_config\" instead.");
    return problems;
}

} // namespace lockstep
