#pragma once

#include "app/transport/OutputCapture.h"
#include "app/transport/CommandExecution.h"

#include <QTimer>

#include <memory>

namespace lockstep {

class SshCommandLink;

// A command running on a host over SSH. Lives on the caller's thread; the connection worker reaches
// it only through its SshCommandLink (queued calls).
class SshCommandExecution : public CommandExecution
{
    Q_OBJECT
public:
    SshCommandExecution(const CommandSpec &spec, std::chrono::milliseconds cancelGrace, QObject *parent);
    ~SshCommandExecution() override;

    void cancel() override;

    std::shared_ptr<SshCommandLink> link() const { return m_link; }
    void deliverLines(const QList<OutputCapture::Line> &lines, qint64 chars);
    // Emits finished() the first time; later calls are ignored.
    void finish(const CommandOutcome &outcome);
    bool isFinished() const { return m_finished; }

private:
    std::shared_ptr<SshCommandLink> m_link;
    QString m_target;
    QTimer m_cancelDeadline;
    bool m_finished = false;
};

} // namespace lockstep
