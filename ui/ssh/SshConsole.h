#pragma once

#include "app/ssh/HostKeyInfo.h"
#include "app/ssh/SshOptions.h"
#include "models/Instance.h"
#include "models/Result.h"

#include <QObject>

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

    // The console's options; the passphrase prompt is filled in by options()/optionsFor().
    void setBaseOptions(const SshOptions &options) { m_base = options; }
    SshOptions options() const;
    SshOptions optionsFor(const Instance &instance) const;
    PassphrasePrompt *passphrasePrompt() const { return m_prompt; }

    // The audit log may open after the window (the store is opened later): asked for on each trust.
    void setAuditLog(AuditLogSource source) { m_auditLog = std::move(source); }
    void setOperatorName(const QString &name) { m_operator = name; }
    QString operatorName() const { return m_operator; }

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
    AuditLogSource m_auditLog;
    QString m_operator;
};

} // namespace lockstep
