#pragma once

#include "tests/support/PeerProcess.h"

#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

namespace lockstep::test {

// A real ssh-agent for a test (Debian openssh-client): `ssh-agent -D -a SOCK` in a temporary directory,
// ed25519 keys generated per operator and added with ssh-add, and an allowed_signers file naming them.
// SSH_AUTH_SOCK is set for this process (ssh-keygen -Y sign asks the agent) while the object lives.
//
//     SshAgent agent;
//     QVERIFY2(agent.start().isEmpty(), ...);
//     agent.addKey("alice");                        // id_alice, id_alice.pub, in the agent
//     agent.allow("alice", "alice");                // allowed_signers: alice <alice's key>
class SshAgent
{
public:
    SshAgent() = default;
    ~SshAgent();
    SshAgent(const SshAgent &) = delete;
    SshAgent &operator=(const SshAgent &) = delete;

    // Empty when the agent runs; else what failed (naming the package when a program is missing).
    QString start();
    // Generates a key named `name` and adds it to the agent; empty on success.
    QString addKey(const QString &name);
    // Appends "principals [options] <public key of keyName>" to allowed_signers; empty on success.
    QString allow(const QString &principals, const QString &keyName, const QString &options = {});
    QString publicKey(const QString &name) const { return path(QStringLiteral("id_") + name + QStringLiteral(".pub")); }
    QString allowedSigners() const { return path(QStringLiteral("allowed_signers")); }
    QString socket() const { return path(QStringLiteral("agent.sock")); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir{QStringLiteral("/tmp/lockstep-agent-XXXXXX")};   // short: a socket path has ~100 bytes
    PeerProcess m_agent;
    QByteArray m_previousSocket;
};

} // namespace lockstep::test
