#include "tests/support/PeerProcess.h"

#include "tests/support/FreePort.h"

#include <QFileInfo>
#include <QStandardPaths>

namespace lockstep::test {

PeerProcess::~PeerProcess()
{
    stop();
}

QString PeerProcess::missingProgram(const QString &program, const QString &debianPackage)
{
    const QString found = program.contains(QLatin1Char('/')) ? program : QStandardPaths::findExecutable(program);
    if (!found.isEmpty() && QFileInfo(found).isExecutable())
        return {};
    return QStringLiteral("%1 is not installed: install the Debian package '%2' "
                          "(packaging/install-deps.sh does)").arg(program, debianPackage);
}

bool PeerProcess::start(const QString &program, const QStringList &args, quint16 port, int timeoutMs)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(program, args);
    if (!m_process.waitForStarted(5000))
        return false;
    if (port == 0)
        return true;
    if (!waitForPort(port, timeoutMs))
        return false;
    return m_process.state() == QProcess::Running;
}

void PeerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

void PeerProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(2000);
}

bool PeerProcess::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

qint64 PeerProcess::pid() const
{
    return m_process.processId();
}

QString PeerProcess::output() const
{
    m_output += const_cast<QProcess &>(m_process).readAll();
    return QString::fromLocal8Bit(m_output);
}

} // namespace lockstep::test
