#include "app/transport/LocalCommandExecution.h"

#include <QProcessEnvironment>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace lockstep {

LocalCommandExecution::LocalCommandExecution(const CommandSpec &spec, QObject *parent)
    : CommandExecution(parent), m_spec(spec), m_capture(spec.redactor)
{
    m_timeout.setSingleShot(true);
    m_killTimer.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        terminate();
    });
    connect(&m_killTimer, &QTimer::timeout, this, [this] { signalGroup(SIGKILL); });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, [this] { readStream(OutputStream::Stdout); });
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] { readStream(OutputStream::Stderr); });
    connect(&m_process, &QProcess::finished, this, &LocalCommandExecution::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &LocalCommandExecution::onError);
    connect(&m_process, &QProcess::started, this, [this] {
        m_pid = m_process.processId();
        if (m_cancelled || m_timedOut)
            terminate();
    });
    // Start from the event loop: the caller must be able to connect before anything is emitted.
    QTimer::singleShot(0, this, &LocalCommandExecution::start);
}

LocalCommandExecution::~LocalCommandExecution()
{
    if (m_process.state() != QProcess::NotRunning) {
        signalGroup(SIGKILL);
        m_process.waitForFinished(2000);
    }
}

void LocalCommandExecution::start()
{
    if (m_done)
        return;
    if (m_cancelled) {
        finish({CommandOutcome::Kind::Cancelled, -1, QStringLiteral("cancelled before it started"), 0});
        return;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Secrets reach a command only through the values its step renders, never all of them at once.
    for (const QString &name : env.keys())
        if (name.startsWith(QLatin1String("LOCKSTEP_SECRET_")))
            env.remove(name);
    for (auto it = m_spec.env.begin(); it != m_spec.env.end(); ++it)
        env.insert(it.key(), it.value());
    m_process.setProcessEnvironment(env);
    if (!m_spec.workingDirectory.isEmpty())
        m_process.setWorkingDirectory(m_spec.workingDirectory);
    // A new session makes the child a process-group leader: killing -pid reaches `sh -c`'s children too.
    m_process.setChildProcessModifier([] { ::setsid(); });
    m_process.setInputChannelMode(QProcess::ManagedInputChannel);
    if (m_spec.timeout.count() > 0)
        m_timeout.start(int(std::min<qint64>(m_spec.timeout.count(), std::numeric_limits<int>::max())));
    // The start gate: with a processStarted hook the command waits, behind a shell that reads one line
    // of its stdin, until the group it leads is recorded; no command runs that a later console could
    // not find. The console's death closes stdin first: the command then never runs (exit 125).
    const bool gated = bool(m_spec.processStarted);
    const QString gate = QStringLiteral("IFS= read -r go || exit 125; exec ");
    if (gated && !m_spec.argv.isEmpty())
        m_process.start(QStringLiteral("/bin/sh"), QStringList{QStringLiteral("-c"), gate + QStringLiteral("\"$@\" </dev/null"),
                                                               QStringLiteral("lockstep-step")} + m_spec.argv);
    else if (gated)
        m_process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), gate + QStringLiteral("/bin/sh -c \"$1\" </dev/null"),
                                                    QStringLiteral("lockstep-step"), m_spec.command});
    else if (!m_spec.argv.isEmpty())
        m_process.start(m_spec.argv.first(), m_spec.argv.mid(1));
    else
        m_process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), m_spec.command});
    if (gated)
        openGate();
    m_process.closeWriteChannel();   // commands get no input: one reading stdin sees end-of-file, not a hang
}

void LocalCommandExecution::openGate()
{
    const qint64 pid = m_process.processId();
    if (pid <= 0)
        return;   // it did not start: errorOccurred reports why
    m_pid = pid;
    const Status recorded = m_spec.processStarted(ProcessGroup::ofLeader(pid));
    if (recorded) {
        m_process.write("go\n");
        return;
    }
    signalGroup(SIGKILL);
    m_refusal = m_spec.redactor.redact(recorded.error().toString());
}

void LocalCommandExecution::readStream(OutputStream stream)
{
    const QByteArray data = stream == OutputStream::Stdout ? m_process.readAllStandardOutput()
                                                           : m_process.readAllStandardError();
    for (const OutputCapture::Line &line : m_capture.append(stream, data))
        emit outputLine(line.stream, line.text);
}

void LocalCommandExecution::terminate()
{
    if (m_process.state() == QProcess::NotRunning || m_pid <= 0)
        return;   // the started() handler terminates it once it has a pid
    signalGroup(SIGTERM);
    if (!m_killTimer.isActive())
        m_killTimer.start(kKillGraceMs);
}

void LocalCommandExecution::signalGroup(int signal)
{
    if (m_pid <= 0)
        return;
    ::kill(-pid_t(m_pid), signal);
    ::kill(pid_t(m_pid), signal);   // in case setsid failed and there is no group of that id
}

void LocalCommandExecution::cancel()
{
    if (m_done || m_cancelled)
        return;
    m_cancelled = true;
    if (m_process.state() == QProcess::NotRunning)
        return;   // start() reports the cancellation
    terminate();
}

void LocalCommandExecution::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return;   // crashes and kills arrive through finished()
    const QString what = m_spec.argv.isEmpty() ? QStringLiteral("/bin/sh") : m_spec.argv.first();
    finish({CommandOutcome::Kind::FailedToStart, -1,
            m_spec.redactor.redact(QStringLiteral("cannot start %1: %2").arg(what, m_process.errorString())), 0});
}

void LocalCommandExecution::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readStream(OutputStream::Stdout);
    readStream(OutputStream::Stderr);
    for (const OutputCapture::Line &line : m_capture.finish())
        emit outputLine(line.stream, line.text);
    // Whatever the shell's own children still hold open dies with the group.
    signalGroup(SIGKILL);
    CommandOutcome outcome;
    outcome.exitCode = exitCode;
    if (!m_refusal.isEmpty()) {
        outcome.kind = CommandOutcome::Kind::FailedToStart;
        outcome.error = QStringLiteral("not started: %1").arg(m_refusal);
    } else if (m_cancelled) {
        outcome.kind = CommandOutcome::Kind::Cancelled;
        outcome.error = QStringLiteral("cancelled");
    } else if (m_timedOut) {
        outcome.kind = CommandOutcome::Kind::TimedOut;
        outcome.error = QStringLiteral("timed out after %1 ms").arg(m_spec.timeout.count());
    } else if (status == QProcess::CrashExit) {
        outcome.kind = CommandOutcome::Kind::Signalled;
        outcome.error = QStringLiteral("killed by signal %1").arg(exitCode);
    } else {
        outcome.kind = CommandOutcome::Kind::Exited;
        if (exitCode != 0)
            outcome.error = QStringLiteral("exited with code %1").arg(exitCode);
    }
    finish(outcome);
}

void LocalCommandExecution::finish(CommandOutcome outcome)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    m_killTimer.stop();
    outcome.droppedOutputBytes = m_capture.droppedBytes();
    emit finished(outcome);
}

} // namespace lockstep
