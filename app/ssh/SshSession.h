#pragma once

#include "app/ssh/HostKeyInfo.h"
#include "app/ssh/SshOptions.h"
#include "app/ssh/SshTarget.h"
#include "models/Result.h"

#include <memory>
#include <optional>

struct ssh_session_struct;
struct ssh_callbacks_struct;

namespace lockstep {

// One libssh session, configured from SshOptions and ssh_config. It belongs to the thread that uses it:
// libssh sessions are not thread-safe. Every step blocks for at most SshOptions::connectTimeout.
class SshSession
{
public:
    SshSession(SshTarget target, SshOptions options);
    ~SshSession();
    SshSession(const SshSession &) = delete;
    SshSession &operator=(const SshSession &) = delete;

    // ssh_config, then the target's user/port and the options' files on top (as with ssh -F).
    Status configure();
    Status connect();
    // The server's key and its known_hosts state (the session must be connected).
    Result<HostKeyInfo> hostKey();
    // Fails unless the key is in known_hosts; hostKeyInfo() then tells why.
    Status verifyHostKey();
    // ssh-agent, then identity files (ssh_config's, the options', ~/.ssh/id_*).
    Status authenticate();
    // configure + connect + verifyHostKey + authenticate.
    Status open();
    // Appends the server's key to the known_hosts file in use.
    Status addToKnownHosts();

    // After a failed connect(): whether the server accepted the TCP connection and then closed or
    // reset it before the SSH handshake finished (what sshd's MaxStartups does to the excess), as
    // opposed to refusing it, timing out, or failing on keys or authentication. Worth a retry.
    bool handshakeWasReset() const { return m_handshakeReset; }
    const std::optional<HostKeyInfo> &hostKeyInfo() const { return m_hostKey; }
    // After authenticate(): how the server let us in: "ssh-agent (key comment)", "key file /path" or "none".
    QString authMethod() const { return m_authMethod; }
    QString knownHostsFile() const;
    ssh_session_struct *handle() const { return m_session; }
    const SshTarget &target() const { return m_target; }
    // "root@127.0.0.1:2222": where the session actually goes, after ssh_config.
    QString endpoint() const;
    QString lastError() const;

private:
    static void authLogCallback(int priority, const char *function, const char *message, void *userdata);
    static int passphraseCallback(const char *prompt, char *buf, size_t len, int echo, int verify, void *userdata);
    Error error(const QString &message, const QString &hint = {}) const;

    SshTarget m_target;
    SshOptions m_options;
    ssh_session_struct *m_session = nullptr;
    std::unique_ptr<ssh_callbacks_struct> m_callbacks;
    std::optional<HostKeyInfo> m_hostKey;
    bool m_handshakeReset = false;
    QString m_authMethod;
    QString m_loggedKeyFile;        // what libssh's log said during authenticate()
    QString m_loggedAgentKey;
};

} // namespace lockstep
