#pragma once

#include "app/transport/OutputCapture.h"
#include "app/transport/CommandSpec.h"

#include <QList>

#include <atomic>
#include <functional>
#include <mutex>

namespace lockstep {

class SshCommandExecution;

// The thread-safe link between an SshCommandExecution (on the caller's thread) and the connection
// worker that runs its command. The worker posts results through it; the execution cuts it when it
// is destroyed, so nothing is ever posted to a deleted object.
class SshCommandLink
{
public:
    SshCommandLink(CommandSpec spec, SshCommandExecution *execution);

    const CommandSpec &spec() const { return m_spec; }

    // Worker side.
    bool cancelRequested() const { return m_cancel.load(); }
    void setWake(std::function<void()> wake);
    void postLines(QList<OutputCapture::Line> lines);
    // Whether the execution is this far behind (characters posted, not yet emitted): the worker then
    // stops reading the channel until it catches up.
    static constexpr qint64 kMaxUndeliveredChars = 1024 * 1024;
    bool backlogged() const { return m_undelivered.load() >= kMaxUndeliveredChars; }
    void postFinished(const CommandOutcome &outcome);

    // Execution side.
    void requestCancel();
    void detach();
    void delivered(qint64 chars) { m_undelivered.fetch_sub(chars); }

private:
    CommandSpec m_spec;
    std::atomic<bool> m_cancel{false};
    std::atomic<qint64> m_undelivered{0};
    std::mutex m_mutex;
    SshCommandExecution *m_execution;
    std::function<void()> m_wake;
};

} // namespace lockstep
