#include "ui/ssh/SshConsole.h"

#include "app/audit/AuditLog.h"
#include "app/ssh/HostKeyAudit.h"
#include "ui/ssh/PassphrasePrompt.h"
#include "app/session/ConsoleSession.h"

#include <QWidget>

namespace lockstep {

SshConsole::SshConsole(QWidget *dialogParent)
    : QObject(dialogParent)
    , m_prompt(new PassphrasePrompt(dialogParent))
{
    m_prompt->setParent(this);
}

QString SshConsole::operatorName() const
{
    if (!m_operator.isEmpty() || !m_session)
        return m_operator;
    return m_session->operatorName();
}

AuditLog *SshConsole::auditLog() const
{
    if (m_auditLog)
        return m_auditLog();
    return m_session ? m_session->auditLog() : nullptr;
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
    return auditLog() != nullptr;
}

Status SshConsole::recordTrust(const HostKeyInfo &key, const QString &instance) const
{
    AuditLog *log = auditLog();
    if (!log)
        return Error{tr("no audit log is open, so trusting a key cannot be recorded"), key.knownHostsName(),
                     tr("open a store (the console could not open one at start)")};
    const auto appended = log->append(HostKeyAudit::trusted(key, operatorName(), instance));
    if (!appended)
        return appended.error();
    return okStatus();
}

} // namespace lockstep
