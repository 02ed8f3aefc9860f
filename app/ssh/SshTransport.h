#pragma once

#include "app/ssh/HostKeyInfo.h"
#include "app/ssh/SshOptions.h"
#include "app/transport/Transport.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <mutex>

namespace lockstep {

class SshConnection;
class SshFanout;

// Runs commands on hosts over SSH (libssh). One connection per target, reused by every command sent
// to it while it is open; each connection is owned by a worker thread, so start() and cancel() never
// wait on the network. See docs/ssh.md.
class SshTransport : public QObject, public Transport
{
    Q_OBJECT
public:
    explicit SshTransport(SshOptions options = {}, QObject *parent = nullptr);
    ~SshTransport() override;

    QString name() const override { return QStringLiteral("ssh"); }
    CommandExecution *start(const CommandSpec &spec, QObject *parent) override;

    const SshOptions &options() const { return m_options; }
    // Successful handshakes so far: shows connection reuse (tests, benchmark).
    int connectionsOpened() const;
    int handshakesRetried() const;   // handshakes the server closed or reset, tried again

signals:
    // A host presented a key known_hosts does not trust (key.state Unknown or Changed). Emitted from a
    // worker thread: connect with a receiver on the thread that writes the audit log.
    void hostKeyProblem(const lockstep::HostKeyInfo &key);

private:
    SshOptions m_options;
    std::shared_ptr<SshFanout> m_fanout;
    std::mutex m_mutex;
    QHash<QString, std::shared_ptr<SshConnection>> m_connections;
};

} // namespace lockstep
