#pragma once

#include "app/ssh/HostKeyInfo.h"
#include "app/ssh/SshOptions.h"
#include "models/Result.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace lockstep {

class MessageWidget;
class SshConsole;

// Trusting a host key is its own, deliberate step: the dialog shows the host, key type and SHA256
// fingerprint the server presented and, on "Trust", connects again, checks the server still presents
// exactly that key, appends it to known_hosts and records the trust (AuditActions::hostKeyTrusted) in the audit log. A changed
// key is never offered here (it must be removed from known_hosts by hand first).
class HostKeyTrustDialog : public QDialog
{
    Q_OBJECT
public:
    HostKeyTrustDialog(SshConsole *console, const QString &instance, const QString &target, const SshOptions &options,
                       const HostKeyInfo &key, QWidget *parent = nullptr);

    const HostKeyInfo &key() const { return m_key; }
    MessageWidget *message() const { return m_message; }

    void trust();

private:
    void onTrusted(const Result<HostKeyInfo> &trusted);

    SshConsole *m_console;
    QString m_instance;
    QString m_target;
    SshOptions m_options;
    HostKeyInfo m_key;
    MessageWidget *m_message;
    QPushButton *m_trust;
};

} // namespace lockstep
