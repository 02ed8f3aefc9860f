#pragma once

#include "app/ssh/SshOptions.h"
#include "app/ssh/SshTarget.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace lockstep {

class SshCommandLink;
class SshFanout;
class SshSession;
struct SshChannelRun;

// One SSH connection to one host, owned by its own worker thread: the thread connects (within the
// fan-out's handshake limit), then runs every submitted command on a channel of that connection,
// polling the socket, until the connection has been idle for SshOptions::idleTimeout.
class SshConnection : public std::enable_shared_from_this<SshConnection>
{
public:
    SshConnection(QString key, SshTarget target, SshOptions options, std::shared_ptr<SshFanout> fanout);
    ~SshConnection();
    SshConnection(const SshConnection &) = delete;
    SshConnection &operator=(const SshConnection &) = delete;

    void start();
    // Queues a command; false once the connection has ended (the caller opens a new one).
    bool submit(std::shared_ptr<SshCommandLink> link);
    void wake();
    void requestStop();
    // Waits until the worker has ended, at most until `deadline`.
    bool waitFinished(std::chrono::steady_clock::time_point deadline);

private:
    void run();
    // Sleeps up to `timeout` on the worker, returning early when stop is requested.
    void waitForWake(std::chrono::milliseconds timeout);
    void loop(SshSession &session);
    bool startChannel(SshSession &session, SshChannelRun &run);
    bool pump(SshChannelRun &run, bool sessionAlive);
    void complete(SshChannelRun &run, const SshSession &session, bool sessionAlive);
    void finishChannel(SshChannelRun &run, int kind, const QString &error);
    void failQueued(std::deque<std::shared_ptr<SshCommandLink>> &links, int kind, const QString &error,
                    bool hostKeyChanged = false);
    bool closeIfIdle();
    void takeIncoming(std::deque<std::shared_ptr<SshCommandLink>> &into);

    QString m_key;
    SshTarget m_target;
    SshOptions m_options;
    std::shared_ptr<SshFanout> m_fanout;
    std::thread m_thread;
    int m_wakeFd = -1;

    std::mutex m_mutex;
    std::condition_variable m_finishedCondition;
    std::deque<std::shared_ptr<SshCommandLink>> m_incoming;
    bool m_closed = false;
    bool m_finished = false;
    std::atomic<bool> m_stop{false};
};

} // namespace lockstep
