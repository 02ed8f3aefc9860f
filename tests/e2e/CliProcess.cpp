#include "tests/e2e/CliProcess.h"

#include "tests/support/TestPaths.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

#include <cstdio>

namespace lockstep::test {

void CliProcess::start(const QStringList &args, const QProcessEnvironment &env)
{
    m_args = args;
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(cliPath(), args);
}

void CliProcess::pump()
{
    m_pending += m_process.readAll();
    qsizetype nl;
    while ((nl = m_pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_pending.left(nl));
        m_pending.remove(0, nl + 1);
        m_result.output += line + QLatin1Char('\n');
        if (onLine)
            onLine(line);
    }
}

CliResult CliProcess::finish(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_process.state() != QProcess::NotRunning && !deadline.hasExpired()) {
        m_process.waitForReadyRead(50);
        pump();
        QCoreApplication::processEvents();
    }
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
        pump();
        m_result.output += QStringLiteral("[test: lockstep-cli did not finish within %1 ms]\n").arg(timeoutMs);
        return m_result;
    }
    pump();
    m_result.output += QString::fromUtf8(m_pending);
    m_pending.clear();
    if (qEnvironmentVariableIsSet("LOCKSTEP_E2E_VERBOSE"))
        fprintf(stderr, "lockstep-cli %s\n%s", qPrintable(m_args.join(QLatin1Char(' '))), qPrintable(m_result.output));
    m_result.exitCode = m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    return m_result;
}

} // namespace lockstep::test
