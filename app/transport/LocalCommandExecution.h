#pragma once

#include "app/transport/CommandExecution.h"
#include "app/transport/OutputCapture.h"

#include <QProcess>
#include <QTimer>

namespace lockstep {

// A command run on the operator's machine: `/bin/sh -c command` or argv without a shell, in its own
// session (setsid) so that cancel and timeout kill everything it started, not only the shell. With a
// processStarted hook (the engine's) the command runs only once its process group has been recorded.
class LocalCommandExecution : public CommandExecution
{
    Q_OBJECT
public:
    static constexpr int kKillGraceMs = 1000;   // SIGTERM, then SIGKILL this much later

    LocalCommandExecution(const CommandSpec &spec, QObject *parent);
    ~LocalCommandExecution() override;

    void cancel() override;
    bool isFinished() const { return m_done; }
    // What was kept of the output (bounded: head and tail of each stream).
    const OutputCapture &capture() const { return m_capture; }

private:
    void start();
    void openGate();
    void readStream(OutputStream stream);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void terminate();
    void signalGroup(int signal);
    void finish(CommandOutcome outcome);

    CommandSpec m_spec;
    QProcess m_process;
    OutputCapture m_capture;
    QTimer m_timeout;
    QTimer m_killTimer;
    qint64 m_pid = 0;
    bool m_cancelled = false;
    bool m_timedOut = false;
    bool m_done = false;
    QString m_refusal;                  // the start gate stayed shut: why the command never ran
};

} // namespace lockstep
