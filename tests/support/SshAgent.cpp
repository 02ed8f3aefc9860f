#include "tests/support/SshAgent.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

namespace lockstep::test {

namespace {

QString runTool(const QString &program, const QStringList &args, const QString &socket)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SSH_AUTH_SOCK"), socket);
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("%1 %2 failed: %3").arg(program, args.join(QLatin1Char(' ')),
                                                      QString::fromUtf8(p.readAllStandardError() + p.readAllStandardOutput()));
    return {};
}

} // namespace

SshAgent::~SshAgent()
{
    m_agent.stop();
    if (m_previousSocket.isNull())
        qunsetenv("SSH_AUTH_SOCK");
    else
        qputenv("SSH_AUTH_SOCK", m_previousSocket);
}

QString SshAgent::start()
{
    for (const char *program : {"ssh-agent", "ssh-add", "ssh-keygen"})
        if (const QString missing = PeerProcess::missingProgram(QLatin1String(program), QStringLiteral("openssh-client"));
            !missing.isEmpty())
            return missing;
    if (!m_dir.isValid())
        return QStringLiteral("cannot create a temporary directory for ssh-agent");
    if (!m_agent.start(QStringLiteral("ssh-agent"), {QStringLiteral("-D"), QStringLiteral("-a"), socket()}, 0))
        return QStringLiteral("ssh-agent did not start: %1").arg(m_agent.output());
    QDeadlineTimer deadline(15000);
    while (!QFile::exists(socket()) && !deadline.hasExpired())
        QThread::msleep(20);
    if (!QFile::exists(socket()))
        return QStringLiteral("ssh-agent did not create %1: %2").arg(socket(), m_agent.output());
    m_previousSocket = qgetenv("SSH_AUTH_SOCK");
    qputenv("SSH_AUTH_SOCK", socket().toLocal8Bit());
    QFile signers(allowedSigners());
    if (!signers.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot create %1").arg(allowedSigners());
    return {};
}

QString SshAgent::addKey(const QString &name)
{
    const QString key = path(QStringLiteral("id_") + name);
    if (const QString failed = runTool(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                                                       QStringLiteral("-N"), QString(), QStringLiteral("-C"), name,
                                                                       QStringLiteral("-f"), key},
                                       socket());
        !failed.isEmpty())
        return failed;
    return runTool(QStringLiteral("ssh-add"), {QStringLiteral("-q"), key}, socket());
}

QString SshAgent::allow(const QString &principals, const QString &keyName, const QString &options)
{
    QFile pub(publicKey(keyName));
    if (!pub.open(QIODevice::ReadOnly))
        return QStringLiteral("no public key %1").arg(pub.fileName());
    // "principals [options] keytype base64" — the key's comment is left out.
    const QList<QByteArray> parts = pub.readAll().trimmed().split(' ');
    QFile signers(allowedSigners());
    if (!signers.open(QIODevice::Append))
        return QStringLiteral("cannot append to %1").arg(allowedSigners());
    signers.write(principals.toUtf8() + ' ' + (options.isEmpty() ? QByteArray() : options.toUtf8() + ' ') + parts.value(0) + ' '
                  + parts.value(1) + '\n');
    return {};
}

} // namespace lockstep::test
