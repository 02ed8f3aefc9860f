#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace lockstep::test {

// A real peer (sshd, prometheus, postgres, lockstep-fleetsim ...) started by a test fixture on
// 127.0.0.1 and stopped when the object goes away.
class PeerProcess
{
public:
    PeerProcess() = default;
    ~PeerProcess();
    PeerProcess(const PeerProcess &) = delete;
    PeerProcess &operator=(const PeerProcess &) = delete;

    // Empty string when `program` exists and is executable; otherwise a message naming the Debian
    // package that provides it. Tests QFAIL with it: a missing peer fails, it never skips.
    static QString missingProgram(const QString &program, const QString &debianPackage);

    // Starts the program and waits until 127.0.0.1:port accepts connections (port 0: don't wait).
    bool start(const QString &program, const QStringList &args, quint16 port, int timeoutMs = 15000);
    void stop();                 // SIGTERM, then SIGKILL after 5 s
    void kill();                 // SIGKILL at once (crash tests)
    bool isRunning() const;
    qint64 pid() const;
    QString output() const;      // stdout + stderr so far, for failure messages
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    mutable QByteArray m_output;
};

} // namespace lockstep::test
