#pragma once

#include "app/session/ConsoleSession.h"
#include "app/ssh/HostKeyInfo.h"
#include "app/ssh/SshOptions.h"
#include "models/Instance.h"
#include "models/Result.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace lockstep {

class AuditLog;
class PassphrasePrompt;

// What the GUI's SSH dialogs share: the console's SSH options (what ssh: steps use), the passphrase
// prompt, and where trusting a key is audited and by whom.
class SshConsole : public QObject
{
    Q_OBJECT
public:
    using AuditLogSource = std::function<AuditLog *()>;

    explicit SshConsole(QWidget *dialogParent = nullptr);

    // The console's session: its audit log (once a store is open) records trusted keys, in the name of
    // its operator. Not owned.
    void setSession(ConsoleSession *session) { m_session = session; }

    // The console's options; the passphrase prompt is filled in by options()/optionsFor().
    void setBaseOptions(const SshOptions &options) { m_base = options; }
    SshOptions options() const;
    SshOptions optionsFor(const Instance &instance) const;
    PassphrasePrompt *passphrasePrompt() const { return m_prompt; }

    // Instead of the session's (tests): the audit log, asked for on each trust, and who trusts.
    void setAuditLog(AuditLogSource source) { m_auditLog = std::move(source); }
    void setOperatorName(const QString &name) { m_operator = name; }
    QString operatorName() const;

    // Appends the host key trust (AuditActions::hostKeyTrusted) to the audit log. Fails when no audit log is open: the dialogs check
    // canAudit() first and do not trust a key that cannot be audited.
    bool canAudit() const;
    Status recordTrust(const HostKeyInfo &key, const QString &instance) const;

signals:
    // A key was added to known_hosts (and audited).
    void hostKeyTrusted(const lockstep::HostKeyInfo &key, const QString &instance);

private:
    SshOptions m_base;
    PassphrasePrompt *m_prompt;
    AuditLog *auditLog() const;

    QPointer<ConsoleSession> m_session;
    AuditLogSource m_auditLog;
    QString m_operator;
};

} // namespace lockstep
