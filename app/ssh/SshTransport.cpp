#include "app/ssh/SshTransport.h"

#include "app/ssh/SshCommandExecution.h"
#include "app/ssh/SshCommandLink.h"
#include "app/ssh/SshConnection.h"
#include "app/ssh/SshFanout.h"
#include "app/ssh/SshTarget.h"

#include <QMetaObject>

namespace lockstep {

SshTransport::SshTransport(SshOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_fanout(std::make_shared<SshFanout>(std::max(1, m_options.maxHandshakes), std::max(1, m_options.maxCommands)))
{
    m_fanout->setHostKeyHook([this](const HostKeyInfo &key) { emit hostKeyProblem(key); });
}

SshTransport::~SshTransport()
{
    m_fanout->setHostKeyHook(nullptr);
    QList<std::shared_ptr<SshConnection>> connections;
    {
        std::lock_guard lock(m_mutex);
        connections = m_connections.values();
        m_connections.clear();
    }
    for (const auto &connection : connections)
        connection->requestStop();
    // A worker stuck in a handshake holds its own reference and ends by itself within connectTimeout;
    // the caller's thread does not wait for it longer than this.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    for (const auto &connection : connections)
        connection->waitFinished(deadline);
}

int SshTransport::connectionsOpened() const
{
    return m_fanout->connectionsOpened.load();
}

int SshTransport::handshakesRetried() const
{
    return m_fanout->handshakesRetried.load();
}

CommandExecution *SshTransport::start(const CommandSpec &spec, QObject *parent)
{
    auto *execution = new SshCommandExecution(spec, m_options.cancelGrace, parent);
    const Result<SshTarget> target = SshTarget::parse(spec.target);
    if (!target) {
        CommandOutcome outcome;
        outcome.kind = CommandOutcome::Kind::FailedToStart;
        outcome.error = target.error().toString();
        // Queued, so the caller has connected to finished() before it is emitted.
        QMetaObject::invokeMethod(execution, [execution, outcome] { execution->finish(outcome); }, Qt::QueuedConnection);
        return execution;
    }

    // An instance with settings of its own gets a connection of its own: the same target reached with
    // another key or known_hosts is another connection.
    QString key = target->toString();
    if (!spec.ssh.isDefault())
        key += QStringLiteral(" [%1|%2|%3]").arg(spec.ssh.identityFile, spec.ssh.knownHostsFile, spec.ssh.configText());
    std::lock_guard lock(m_mutex);
    std::shared_ptr<SshConnection> &connection = m_connections[key];
    if (!connection || !connection->submit(execution->link())) {
        connection = std::make_shared<SshConnection>(target->toString(), *target, m_options.with(spec.ssh), m_fanout);
        // Queued before the worker starts: a worker that fails at once must still see the command.
        connection->submit(execution->link());
        connection->start();
    }
    return execution;
}

} // namespace lockstep
