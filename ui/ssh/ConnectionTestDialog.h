#pragma once

#include "app/ssh/SshConnectionReport.h"
#include "app/ssh/SshOptions.h"

#include <QDialog>
#include <QHash>

class QFormLayout;
class QLabel;
class QPushButton;

namespace lockstep {

class MessageWidget;
class SshConsole;

// "Test SSH connection" for one instance: connects off the GUI thread exactly as a run's ssh: step
// would (its settings, known_hosts, agent and keys), and shows the host key type and SHA256 fingerprint
// and the authentication method actually used, or what failed and what to do. An unknown key can be
// trusted from here (HostKeyTrustDialog), after which the test runs again.
class ConnectionTestDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectionTestDialog(SshConsole *console, const QString &instance, const QString &target, const SshOptions &options,
                         QWidget *parent = nullptr);

    // Starts (again) a test; tested() follows.
    void start();
    bool isRunning() const { return m_running; }
    const SshConnectionReport &report() const { return m_report; }
    MessageWidget *message() const { return m_message; }
    // Opens the trust dialog for the unknown key of the last test.
    void trustHostKey();

signals:
    void tested(const lockstep::SshConnectionReport &report);
    void trustDialogOpened(QDialog *dialog);

private:
    void showReport(const SshConnectionReport &report);
    QLabel *addField(QFormLayout *form, const QString &key, const QString &label, bool monospace = false);
    void setField(const QString &key, const QString &text);

    SshConsole *m_console;
    QString m_instance;
    QString m_target;
    SshOptions m_options;
    SshConnectionReport m_report;
    bool m_running = false;
    MessageWidget *m_message;
    QHash<QString, QLabel *> m_fields;
    QPushButton *m_trust;
    QPushButton *m_again;
};

} // namespace lockstep
