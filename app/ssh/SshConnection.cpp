#include "app/ssh/SshConnection.h"

#include "app/ssh/SshCommandLink.h"
#include "app/ssh/SshFanout.h"
#include "app/ssh/SshSession.h"
#include "app/transport/OutputCapture.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstring>
#include <vector>

namespace lockstep {

using Kind = CommandOutcome::Kind;

// A command on one channel of the connection; only the worker thread touches it.
struct SshChannelRun
{
    SshChannelRun(std::shared_ptr<SshCommandLink> l, const SshOptions &options)
        : link(std::move(l))
        , output(link->spec().redactor, options.outputHeadBytes, options.outputTailBytes)
    {
        std::memset(&callbacks, 0, sizeof callbacks);
    }

    std::shared_ptr<SshCommandLink> link;
    OutputCapture output;
    ssh_channel channel = nullptr;
    ssh_channel_callbacks_struct callbacks;
    QDeadlineTimer deadline{QDeadlineTimer::Forever};
    QDeadlineTimer grace{QDeadlineTimer::Forever};
    bool terminating = false;
    Kind endKind = Kind::Cancelled;
    bool gotExitStatus = false;
    int exitStatus = -1;
    QString exitSignal;
    bool done = false;
};

namespace {

// exit-status and exit-signal arrive as channel requests; catching them here avoids
// ssh_channel_get_exit_status, which cannot tell "not yet" from "killed by a signal".
void onExitStatus(ssh_session, ssh_channel, int status, void *userdata)
{
    auto *run = static_cast<SshChannelRun *>(userdata);
    run->gotExitStatus = true;
    run->exitStatus = status;
}

void onExitSignal(ssh_session, ssh_channel, const char *signal, int, const char *, const char *, void *userdata)
{
    auto *run = static_cast<SshChannelRun *>(userdata);
    run->exitSignal = QString::fromLatin1(signal && *signal ? signal : "?");
}

QString shellQuote(const QString &text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1String("'"), QLatin1String("'\\''")) + QLatin1Char('\'');
}

int onWake(socket_t fd, int, void *)
{
    uint64_t value = 0;
    [[maybe_unused]] auto read = ::read(fd, &value, sizeof value);
    return 0;
}

bool sessionAlive(ssh_session session)
{
    return ssh_is_connected(session) && !(ssh_get_status(session) & (SSH_CLOSED | SSH_CLOSED_ERROR));
}

} // namespace

SshConnection::SshConnection(QString key, SshTarget target, SshOptions options, std::shared_ptr<SshFanout> fanout)
    : m_key(std::move(key))
    , m_target(std::move(target))
    , m_options(std::move(options))
    , m_fanout(std::move(fanout))
    , m_wakeFd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
}

SshConnection::~SshConnection()
{
    // The worker holds the last reference while it runs, so this runs either on the worker itself
    // (after run() returned) or once the worker is gone.
    if (m_thread.joinable()) {
        if (m_thread.get_id() == std::this_thread::get_id())
            m_thread.detach();
        else
            m_thread.join();
    }
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
}

void SshConnection::start()
{
    m_thread = std::thread([self = shared_from_this()] { self->run(); });
}

bool SshConnection::submit(std::shared_ptr<SshCommandLink> link)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return false;
        m_incoming.push_back(link);
    }
    std::weak_ptr<SshConnection> weak = weak_from_this();
    link->setWake([weak] {
        if (auto connection = weak.lock())
            connection->wake();
    });
    wake();
    return true;
}

void SshConnection::wake()
{
    const uint64_t one = 1;
    if (m_wakeFd >= 0)
        [[maybe_unused]] auto written = ::write(m_wakeFd, &one, sizeof one);
}

void SshConnection::waitForWake(std::chrono::milliseconds timeout)
{
    // submit() and requestStop() write to the eventfd; requestStop() must cut a back-off short.
    const QDeadlineTimer deadline(timeout);
    while (!m_stop.load() && !deadline.hasExpired()) {
        pollfd fd{m_wakeFd, POLLIN, 0};
        if (::poll(&fd, 1, int(std::max<qint64>(1, deadline.remainingTime()))) > 0)
            onWake(m_wakeFd, 0, nullptr);   // drain; loop to see whether it was a stop
    }
}

void SshConnection::requestStop()
{
    m_stop.store(true);
    wake();
}

bool SshConnection::waitFinished(std::chrono::steady_clock::time_point deadline)
{
    std::unique_lock lock(m_mutex);
    return m_finishedCondition.wait_until(lock, deadline, [this] { return m_finished; });
}

void SshConnection::takeIncoming(std::deque<std::shared_ptr<SshCommandLink>> &into)
{
    std::lock_guard lock(m_mutex);
    while (!m_incoming.empty()) {
        into.push_back(std::move(m_incoming.front()));
        m_incoming.pop_front();
    }
}

bool SshConnection::closeIfIdle()
{
    std::lock_guard lock(m_mutex);
    if (!m_incoming.empty())
        return false;
    m_closed = true;
    return true;
}

void SshConnection::failQueued(std::deque<std::shared_ptr<SshCommandLink>> &links, int kind, const QString &error,
                               bool hostKeyChanged)
{
    for (const auto &link : links) {
        CommandOutcome outcome;
        const bool cancelled = link->cancelRequested();
        outcome.kind = cancelled ? Kind::Cancelled : Kind(kind);
        outcome.error = cancelled ? QStringLiteral("%1: cancelled").arg(m_key) : error;
        outcome.hostKeyChanged = hostKeyChanged && !cancelled;
        link->postFinished(outcome);
    }
    links.clear();
}

void SshConnection::run()
{
    std::deque<std::shared_ptr<SshCommandLink>> pending;
    std::unique_ptr<SshSession> session;
    Status opened = Error{QStringLiteral("%1: cancelled: the SSH transport is shutting down").arg(m_key), {}, {}};
    for (int attempt = 0;; ++attempt) {
        // Bounding handshakes keeps a large fan-out under sshd's MaxStartups, which drops the excess.
        bool slot = false;
        while (!m_stop.load() && !(slot = m_fanout->handshakes.tryAcquire(1, 50))) {
        }
        if (!slot)
            break;
        session = std::make_unique<SshSession>(m_target, m_options);
        opened = session->open();
        m_fanout->handshakes.release();
        if (opened || !session->handshakeWasReset() || attempt >= m_options.handshakeRetries || m_stop.load())
            break;
        // The server hung up mid-handshake (MaxStartups drops at random past its first bound): wait
        // with back-off and jitter, so the retries of many hosts do not arrive together, and retry.
        ++m_fanout->handshakesRetried;
        session.reset();
        const qint64 base = qint64(m_options.handshakeRetryBackoff.count()) << std::min(attempt, 6);
        const qint64 wait = base / 2 + qint64(QRandomGenerator::global()->bounded(quint64(base) + 1));
        waitForWake(std::chrono::milliseconds(wait));
    }

    if (opened) {
        ++m_fanout->connectionsOpened;
        loop(*session);
    } else {
        bool changed = false;
        if (session && session->hostKeyInfo() && session->hostKeyInfo()->state != HostKeyInfo::State::Trusted) {
            changed = session->hostKeyInfo()->state == HostKeyInfo::State::Changed;
            m_fanout->reportHostKeyProblem(*session->hostKeyInfo());
        }
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        takeIncoming(pending);
        failQueued(pending, int(m_stop.load() ? Kind::Cancelled : Kind::FailedToStart), opened.error().toString(), changed);
    }
    session.reset();    // disconnects
    std::lock_guard lock(m_mutex);
    m_finished = true;
    m_finishedCondition.notify_all();
}

void SshConnection::loop(SshSession &session)
{
    ssh_session handle = session.handle();
    // The event processes the socket for every channel at once (a channel that has seen EOF no longer
    // reads the socket by itself) and lets submit() and cancel() wake the thread up.
    const auto freeEvent = [handle](ssh_event event) {
        ssh_event_remove_session(event, handle);
        ssh_event_free(event);
    };
    std::unique_ptr<ssh_event_struct, decltype(freeEvent)> event(ssh_event_new(), freeEvent);
    ssh_event_add_session(event.get(), handle);
    ssh_event_add_fd(event.get(), m_wakeFd, POLLIN, &onWake, this);
    std::deque<std::shared_ptr<SshCommandLink>> pending;
    std::vector<std::unique_ptr<SshChannelRun>> running;
    QDeadlineTimer idle(m_options.idleTimeout);

    for (;;) {
        takeIncoming(pending);
        bool alive = sessionAlive(handle);

        if (m_stop.load() || !alive) {
            {
                std::lock_guard lock(m_mutex);
                m_closed = true;
            }
            takeIncoming(pending);
            const Kind kind = m_stop.load() ? Kind::Cancelled : Kind::ConnectionLost;
            const QString why = m_stop.load()
                ? QStringLiteral("%1: cancelled: the SSH transport is shutting down").arg(m_key)
                : QStringLiteral("connection to %1 lost: %2").arg(session.endpoint(), session.lastError());
            for (auto &run : running)
                finishChannel(*run, int(kind), why);
            running.clear();
            failQueued(pending, int(kind), why);
            return;
        }

        // Start what is queued, within the per-connection and transport-wide limits.
        bool waitingForSlot = false;
        for (auto it = pending.begin(); it != pending.end();) {
            if ((*it)->cancelRequested()) {
                std::deque<std::shared_ptr<SshCommandLink>> one{*it};
                failQueued(one, int(Kind::Cancelled), {});
                it = pending.erase(it);
                continue;
            }
            if (int(running.size()) >= m_options.maxChannelsPerConnection || !m_fanout->commands.tryAcquire()) {
                waitingForSlot = true;
                break;
            }
            auto run = std::make_unique<SshChannelRun>(*it, m_options);
            it = pending.erase(it);
            if (startChannel(session, *run))
                running.push_back(std::move(run));
        }

        alive = sessionAlive(handle);
        for (auto it = running.begin(); it != running.end();) {
            if (pump(**it, alive))
                complete(**it, session, alive);
            if ((*it)->done)
                it = running.erase(it);
            else
                ++it;
        }

        if (running.empty() && pending.empty()) {
            if (idle.hasExpired() && closeIfIdle())
                return;
        } else {
            idle.setRemainingTime(m_options.idleTimeout);
        }

        // Wait for the socket, a wake-up (new command, cancel), or the next deadline.
        qint64 timeout = running.empty() && pending.empty() ? std::min<qint64>(1000, idle.remainingTime()) : 200;
        if (waitingForSlot)
            timeout = 20;
        for (const auto &run : running)
            if (run->link->backlogged())
                timeout = std::min<qint64>(timeout, 20);   // look again soon: the caller is catching up
        for (const auto &run : running) {
            timeout = std::min(timeout, run->deadline.remainingTime() < 0 ? timeout : run->deadline.remainingTime());
            if (run->terminating)
                timeout = std::min(timeout, run->grace.remainingTime() < 0 ? timeout : run->grace.remainingTime());
        }
        ssh_event_dopoll(event.get(), int(std::max<qint64>(timeout, 0)));
    }
}

bool SshConnection::startChannel(SshSession &session, SshChannelRun &run)
{
    const CommandSpec &spec = run.link->spec();
    QString command;
    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    for (auto it = spec.env.cbegin(); it != spec.env.cend(); ++it) {
        if (!name.match(it.key()).hasMatch()) {
            finishChannel(run, int(Kind::FailedToStart),
                          QStringLiteral("%1: invalid environment variable name '%2'").arg(m_key, it.key()));
            return false;
        }
        // sshd accepts only the variables its AcceptEnv lists, so the environment travels in the command.
        command += QStringLiteral("export %1=%2; ").arg(it.key(), shellQuote(it.value()));
    }
    command += spec.command;

    run.channel = ssh_channel_new(session.handle());
    if (!run.channel || ssh_channel_open_session(run.channel) != SSH_OK) {
        finishChannel(run, int(sessionAlive(session.handle()) ? Kind::FailedToStart : Kind::ConnectionLost),
                      QStringLiteral("%1: cannot open an SSH channel: %2").arg(m_key, session.lastError()));
        return false;
    }
    run.callbacks.userdata = &run;
    run.callbacks.channel_exit_status_function = &onExitStatus;
    run.callbacks.channel_exit_signal_function = &onExitSignal;
    ssh_callbacks_init(&run.callbacks);
    ssh_set_channel_callbacks(run.channel, &run.callbacks);

    const QByteArray utf8 = command.toUtf8();
    if (ssh_channel_request_exec(run.channel, utf8.constData()) != SSH_OK) {
        finishChannel(run, int(sessionAlive(session.handle()) ? Kind::FailedToStart : Kind::ConnectionLost),
                      QStringLiteral("%1: the host refused to run the command: %2").arg(m_key, session.lastError()));
        return false;
    }
    if (spec.timeout.count() > 0)
        run.deadline = QDeadlineTimer(spec.timeout);
    return true;
}

// Reads what arrived and acts on cancel and timeout; true when the channel is ready to be completed.
bool SshConnection::pump(SshChannelRun &run, bool alive)
{
    static constexpr int ChunksPerTurn = 32;   // so one chatty command cannot starve the others
    char buffer[32 * 1024];
    // Every line streams to the caller while the command runs; when the caller falls behind, reading
    // pauses, the channel's window fills and the remote command waits: memory stays bounded.
    bool drained = !run.link->backlogged();
    QList<OutputCapture::Line> lines;
    for (int stderrStream = 0; drained && stderrStream < 2; ++stderrStream) {
        int chunks = 0;
        for (;; ++chunks) {
            if (chunks == ChunksPerTurn) {
                drained = false;
                break;
            }
            const int n = ssh_channel_read_nonblocking(run.channel, buffer, sizeof buffer, stderrStream);
            if (n <= 0)
                break;
            lines += run.output.append(stderrStream ? OutputStream::Stderr : OutputStream::Stdout, QByteArrayView(buffer, n));
        }
    }
    run.link->postLines(std::move(lines));

    if (!alive)
        return false;   // the caller fails every channel with ConnectionLost
    if (!run.terminating) {
        const bool cancel = run.link->cancelRequested();
        if (cancel || run.deadline.hasExpired()) {
            run.terminating = true;
            run.endKind = cancel ? Kind::Cancelled : Kind::TimedOut;
            run.grace = QDeadlineTimer(m_options.cancelGrace);
            ssh_channel_request_send_signal(run.channel, "TERM");
            return false;
        }
        const bool ended = (ssh_channel_is_eof(run.channel) && (run.gotExitStatus || !run.exitSignal.isEmpty()))
                           || ssh_channel_is_closed(run.channel);
        return drained && ended;
    }
    if (ssh_channel_is_closed(run.channel))
        return true;
    if (run.grace.hasExpired()) {
        // The process ignored SIGTERM or has children holding the channel open.
        ssh_channel_request_send_signal(run.channel, "KILL");
        return true;
    }
    return false;
}

void SshConnection::complete(SshChannelRun &run, const SshSession &session, bool alive)
{
    // Reading may just have found the socket closed: a channel "closed" that way is a lost connection.
    alive = alive && sessionAlive(session.handle());
    const CommandSpec &spec = run.link->spec();
    if (run.terminating) {
        finishChannel(run, int(run.endKind),
                      run.endKind == Kind::TimedOut
                          ? QStringLiteral("%1: the command timed out after %2 s").arg(m_key, QString::number(double(spec.timeout.count()) / 1000.0))
                          : QStringLiteral("%1: cancelled").arg(m_key));
        return;
    }
    if (!run.exitSignal.isEmpty()) {
        finishChannel(run, int(Kind::Signalled),
                      QStringLiteral("%1: the command was killed by signal SIG%2").arg(m_key, run.exitSignal));
        return;
    }
    if (run.gotExitStatus) {
        finishChannel(run, int(Kind::Exited),
                      run.exitStatus == 0 ? QString() : QStringLiteral("%1: the command exited with status %2").arg(m_key, QString::number(run.exitStatus)));
        return;
    }
    finishChannel(run, int(alive ? Kind::Signalled : Kind::ConnectionLost),
                  alive ? QStringLiteral("%1: the host closed the channel without an exit status").arg(m_key)
                        : QStringLiteral("connection to %1 lost: %2").arg(session.endpoint(), session.lastError()));
}

void SshConnection::finishChannel(SshChannelRun &run, int kind, const QString &error)
{
    if (run.done)
        return;
    run.done = true;
    if (run.channel) {
        if (!ssh_channel_is_closed(run.channel))
            ssh_channel_close(run.channel);
        ssh_channel_free(run.channel);
        run.channel = nullptr;
    }
    m_fanout->commands.release();   // every run holds a command slot from its creation
    run.link->postLines(run.output.finish());
    CommandOutcome outcome;
    outcome.kind = Kind(kind);
    outcome.exitCode = Kind(kind) == Kind::Exited ? run.exitStatus : -1;
    outcome.error = error;
    outcome.droppedOutputBytes = run.output.droppedBytes();
    run.link->postFinished(outcome);
}

} // namespace lockstep
