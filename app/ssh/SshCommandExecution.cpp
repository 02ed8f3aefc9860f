#include "app/ssh/SshCommandExecution.h"

#include "app/ssh/SshCommandLink.h"

namespace lockstep {

SshCommandExecution::SshCommandExecution(const CommandSpec &spec, std::chrono::milliseconds cancelGrace, QObject *parent)
    : CommandExecution(parent)
    , m_link(std::make_shared<SshCommandLink>(spec, this))
    , m_target(spec.target)
{
    // The worker normally confirms a cancel within the grace period; if it is stuck (in a handshake with
    // a host that does not answer) the execution ends by itself, so cancel always lands within 2 s.
    m_cancelDeadline.setSingleShot(true);
    m_cancelDeadline.setInterval(std::min(cancelGrace + std::chrono::milliseconds(1000), std::chrono::milliseconds(1900)));
    connect(&m_cancelDeadline, &QTimer::timeout, this, [this] {
        CommandOutcome outcome;
        outcome.kind = CommandOutcome::Kind::Cancelled;
        outcome.error = QStringLiteral("%1: cancelled").arg(m_target);
        finish(outcome);
    });
}

SshCommandExecution::~SshCommandExecution()
{
    // Nobody waits for the result any more: stop the remote command too.
    if (!m_finished)
        m_link->requestCancel();
    m_link->detach();
}

void SshCommandExecution::cancel()
{
    if (m_finished || m_cancelDeadline.isActive())
        return;
    m_link->requestCancel();
    m_cancelDeadline.start();
}

void SshCommandExecution::deliverLines(const QList<OutputCapture::Line> &lines, qint64 chars)
{
    if (m_finished)
        return;
    for (const auto &line : lines)
        emit outputLine(line.stream, line.text);
    m_link->delivered(chars);
}

void SshCommandExecution::finish(const CommandOutcome &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_cancelDeadline.stop();
    m_link->detach();
    emit finished(outcome);
}

} // namespace lockstep
