#pragma once

#include "app/ssh/SshOptions.h"
#include "tests/support/PeerProcess.h"

#include <QStringList>
#include <QTemporaryDir>

namespace lockstep::test {

// A real OpenSSH server on 127.0.0.1:<free port> with its own host key, an authorized client key and
// a known_hosts file trusting it, all in a temporary directory (see TEST-PEERS.md). Also starts an
// ssh-agent on request.
class Sshd
{
public:
    Sshd();
    ~Sshd();
    Sshd(const Sshd &) = delete;
    Sshd &operator=(const Sshd &) = delete;

    // Empty when sshd, ssh-keygen, ssh-agent and ssh-add are installed; else which package is missing.
    static QString missingPrograms();

    // Generates the keys and the config and starts sshd; empty on success, else why it failed.
    QString start(const QStringList &extraConfig = {});
    void stop();
    // SIGKILL sshd and every process it started (its connections' sshd and their commands).
    void killAll();

    quint16 port() const { return m_port; }
    QString user() const;
    QString target() const;             // user@127.0.0.1:port
    QString path(const QString &name) const;
    QString output() const { return m_sshd.output(); }

    QString clientKey() const { return path(QStringLiteral("id_client")); }   // authorized
    QString knownHostsFile() const { return path(QStringLiteral("known_hosts")); }
    QString knownHostsLine() const;     // "[127.0.0.1]:port ssh-ed25519 AAAA..."
    QString hostFingerprint() const;    // "SHA256:..." of the host key

    // Options that trust this server and offer clientKey(); no ssh_config, no agent, no global file.
    SshOptions clientOptions() const;

    QString writeFile(const QString &name, const QByteArray &content) const;
    // A new key pair in the directory; returns the private key's path (empty on failure).
    QString generateKey(const QString &name, const QString &passphrase = {}) const;
    bool authorize(const QString &privateKey) const;

    QString startAgent();               // empty on success
    QString agentSocket() const { return path(QStringLiteral("agent.sock")); }
    QString addToAgent(const QString &privateKey) const;   // empty on success

private:
    QTemporaryDir m_dir;
    PeerProcess m_sshd;
    PeerProcess m_agent;
    quint16 m_port = 0;
};

} // namespace lockstep::test
