#include "ui/ssh/SshConsole.h"

#include "app/audit/AuditLog.h"
#include "app/ssh/HostKeyAudit.h"
#include "ui/ssh/PassphrasePrompt.h"
#include "ui/upgrade/UpgradeController.h"

#include <QWidget>

namespace lockstep {

SshConsole::SshConsole(QWidget *dialogParent)
    : QObject(dialogParent)
    , m_prompt(new PassphrasePrompt(dialogParent))
{
    m_prompt->setParent(this);
    m_operator = UpgradeController::defaultOperator();
}

SshOptions SshConsole::options() const
{
    SshOptions options = m_base;
    if (!options.passphraseProvider)
        options.passphraseProvider = m_prompt->provider();
    return options;
}

SshOptions SshConsole::optionsFor(const Instance &instance) const
{
    return options().with(instance.ssh);
}

bool SshConsole::canAudit() const
{
    return m_auditLog && m_auditLog();
}

Status SshConsole::recordTrust(const HostKeyInfo &key, const QString &instance) const
{
    AuditLog *log = m_auditLog ? m_auditLog() : nullptr;
    if (!log)
        return Error{tr("no audit log is open, so trusting a key cannot be recorded"), key.knownHostsName(),
                     tr("open a store (the console could not open one at start)")};
    const auto appended = log->append(HostKeyAudit::trusted(key, m_operator, instance));
    if (!appended)
        return appended.error();
    return okStatus();
}

} // namespace lockstep
