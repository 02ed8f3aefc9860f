#pragma once

#include "models/SshSettings.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <optional>

namespace lockstep {

// Asked for the passphrase of an encrypted identity file. Runs on an SSH worker thread and may block
// it (a GUI answers through a queued dialog); returns nothing to skip the key.
using SshPassphraseProvider = std::function<std::optional<QByteArray>(const QString &identityFile)>;

// How SshTransport and HostKeyScanner connect. The defaults behave like the OpenSSH client of the
// user running Lockstep; tests point every file at a temporary directory.
struct SshOptions
{
    bool readConfig = true;             // honour ssh_config (Host alias, HostName, User, Port, IdentityFile, ProxyJump)
    QString configFile;                 // empty: ~/.ssh/config and /etc/ssh/ssh_config
    QString knownHostsFile;             // empty: ~/.ssh/known_hosts (or UserKnownHostsFile from ssh_config)
    QString globalKnownHostsFile;       // empty: /etc/ssh/ssh_known_hosts; tests use a file of their own
    QStringList identityFiles;          // tried in addition to ssh_config's IdentityFile and ~/.ssh/id_*
    QString agentSocket;                // empty: $SSH_AUTH_SOCK
    SshPassphraseProvider passphraseProvider;  // unset: $LOCKSTEP_SSH_PASSPHRASE, else the key is skipped

    std::chrono::milliseconds connectTimeout{10000};   // TCP connect + handshake + every blocking exchange
    std::chrono::milliseconds idleTimeout{30000};      // a connection with no command for this long is closed
    std::chrono::milliseconds cancelGrace{500};        // after SIGTERM, wait this long before SIGKILL + close

    int maxHandshakes = 8;              // handshakes in flight at once (sshd's MaxStartups is 10:30:100)
    // sshd still drops some handshakes under that bound (it counts a connection as unauthenticated
    // until its child reports back, a moment after the client is in): a handshake the server closed
    // or reset is tried again this often, after retryBackoff, 2x, 4x ... (with jitter).
    int handshakeRetries = 4;
    std::chrono::milliseconds handshakeRetryBackoff{200};
    int maxCommands = 32;               // commands running at once over all hosts
    int maxChannelsPerConnection = 8;   // below sshd's MaxSessions (10)

    // Every line of output streams as it arrives (OutputCapture); what is kept in memory per stream is
    // the first outputHeadBytes and the last outputTailBytes, the rest is counted (droppedOutputBytes).
    qint64 outputHeadBytes = 1024 * 1024;
    qint64 outputTailBytes = 256 * 1024;

    // These options with an instance's own settings on top ("~/" expanded): its identity file is
    // offered first, its known_hosts and ssh_config replace the console's.
    SshOptions with(const SshSettings &instance) const;
};

// "~/x" -> "$HOME/x"; other paths unchanged. libssh expands "~" itself, but Lockstep checks files too.
QString expandHome(const QString &path);

} // namespace lockstep
