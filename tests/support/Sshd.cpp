#include "tests/support/Sshd.h"

#include "tests/support/FreePort.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QThread>

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

namespace lockstep::test {

namespace {

const QString SshdProgram = QStringLiteral("/usr/sbin/sshd");

QString run(const QString &program, const QStringList &args, const QMap<QString, QString> &env = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (!env.isEmpty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (auto it = env.cbegin(); it != env.cend(); ++it)
            environment.insert(it.key(), it.value());
        process.setProcessEnvironment(environment);
    }
    process.start(program, args);
    if (!process.waitForFinished(20000))
        return QStringLiteral("%1 did not finish").arg(program);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return QStringLiteral("%1 %2 failed: %3").arg(program, args.join(QLatin1Char(' ')),
                                                      QString::fromLocal8Bit(process.readAll()));
    return {};
}

QByteArray readAll(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every process below `root` in the process tree, read from /proc.
QList<qint64> descendants(qint64 root)
{
    QMultiHash<qint64, qint64> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        const QByteArray stat = readAll(QStringLiteral("/proc/%1/stat").arg(pid));
        const qsizetype close = stat.lastIndexOf(')');
        if (close < 0)
            continue;
        const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
        if (fields.size() > 1)
            children.insert(fields.at(1).toLongLong(), pid);
    }
    QList<qint64> found;
    QList<qint64> queue{root};
    while (!queue.isEmpty() && found.size() < 10000) {
        const qint64 pid = queue.takeFirst();
        for (qint64 child : children.values(pid)) {
            found.append(child);
            queue.append(child);
        }
    }
    return found;
}

} // namespace

Sshd::Sshd() = default;

Sshd::~Sshd()
{
    stop();
    m_agent.stop();
}

QString Sshd::missingPrograms()
{
    QStringList missing;
    for (const auto &[program, package] : {std::pair{SshdProgram, QStringLiteral("openssh-server")},
                                           std::pair{QStringLiteral("ssh-keygen"), QStringLiteral("openssh-client")},
                                           std::pair{QStringLiteral("ssh-agent"), QStringLiteral("openssh-client")},
                                           std::pair{QStringLiteral("ssh-add"), QStringLiteral("openssh-client")}}) {
        const QString message = PeerProcess::missingProgram(program, package);
        if (!message.isEmpty())
            missing.append(message);
    }
    return missing.join(QStringLiteral("; "));
}

QString Sshd::user() const
{
    const passwd *entry = getpwuid(getuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : qEnvironmentVariable("USER");
}

QString Sshd::target() const
{
    return QStringLiteral("%1@127.0.0.1:%2").arg(user()).arg(m_port);
}

QString Sshd::path(const QString &name) const
{
    return m_dir.filePath(name);
}

QString Sshd::writeFile(const QString &name, const QByteArray &content) const
{
    QFile file(path(name));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    return file.fileName();
}

QString Sshd::generateKey(const QString &name, const QString &passphrase) const
{
    QFile::remove(path(name));
    QFile::remove(path(name + QStringLiteral(".pub")));
    const QString error = run(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                                            QStringLiteral("-N"), passphrase, QStringLiteral("-C"), name,
                                                            QStringLiteral("-f"), path(name)});
    return error.isEmpty() ? path(name) : QString();
}

bool Sshd::authorize(const QString &privateKey) const
{
    QFile file(path(QStringLiteral("authorized_keys")));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    return file.write(readAll(privateKey + QStringLiteral(".pub"))) > 0;
}

QString Sshd::knownHostsLine() const
{
    const QList<QByteArray> parts = readAll(path(QStringLiteral("host_ed25519.pub"))).trimmed().split(' ');
    if (parts.size() < 2)
        return {};
    return QStringLiteral("[127.0.0.1]:%1 %2 %3").arg(m_port).arg(QString::fromLatin1(parts.at(0)), QString::fromLatin1(parts.at(1)));
}

QString Sshd::hostFingerprint() const
{
    QProcess process;
    process.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"),
                                                 QStringLiteral("-f"), path(QStringLiteral("host_ed25519.pub"))});
    process.waitForFinished(10000);
    const QList<QByteArray> parts = process.readAllStandardOutput().split(' ');
    return parts.size() > 1 ? QString::fromLatin1(parts.at(1)) : QString();
}

SshOptions Sshd::clientOptions() const
{
    SshOptions options;
    options.readConfig = false;
    options.knownHostsFile = knownHostsFile();
    options.globalKnownHostsFile = path(QStringLiteral("global_known_hosts"));
    options.identityFiles = {clientKey()};
    options.connectTimeout = std::chrono::milliseconds(5000);
    return options;
}

QString Sshd::start(const QStringList &extraConfig)
{
    if (!m_dir.isValid())
        return QStringLiteral("cannot create a temporary directory");
    // Root's sshd refuses to start without its privilege separation directory.
    if (geteuid() == 0)
        QDir().mkpath(QStringLiteral("/run/sshd"));
    if (!QFile::exists(path(QStringLiteral("host_ed25519")))) {
        if (generateKey(QStringLiteral("host_ed25519")).isEmpty() || generateKey(QStringLiteral("id_client")).isEmpty())
            return QStringLiteral("ssh-keygen failed");
        if (!authorize(clientKey()))
            return QStringLiteral("cannot write authorized_keys");
        writeFile(QStringLiteral("global_known_hosts"), {});
    }
    m_port = freePort();
    writeFile(QStringLiteral("known_hosts"), knownHostsLine().toUtf8() + '\n');
    QStringList config{
        QStringLiteral("ListenAddress 127.0.0.1"),
        QStringLiteral("Port %1").arg(m_port),
        QStringLiteral("HostKey %1").arg(path(QStringLiteral("host_ed25519"))),
        QStringLiteral("PidFile %1").arg(path(QStringLiteral("sshd.pid"))),
        QStringLiteral("AuthorizedKeysFile %1").arg(path(QStringLiteral("authorized_keys"))),
        QStringLiteral("PasswordAuthentication no"),
        QStringLiteral("KbdInteractiveAuthentication no"),
        QStringLiteral("UsePAM no"),
        QStringLiteral("StrictModes no"),
        QStringLiteral("PermitRootLogin prohibit-password"),
        // bash sources ~/.bashrc for commands run over SSH unless SHLVL is set; a developer's rc file
        // (pyenv init ...) would otherwise cost hundreds of milliseconds per command.
        QStringLiteral("SetEnv SHLVL=1"),
    };
    // sshd honours only the first SetEnv line: variables asked for in extraConfig join it.
    for (const QString &line : extraConfig) {
        if (line.startsWith(QLatin1String("SetEnv ")))
            config[config.indexOf(QStringLiteral("SetEnv SHLVL=1"))] += line.mid(6);
        else
            config << line;
    }
    const QString configFile = writeFile(QStringLiteral("sshd_config"), config.join(QLatin1Char('\n')).toUtf8() + '\n');
    if (!m_sshd.start(SshdProgram, {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), configFile}, m_port))
        return QStringLiteral("sshd did not start on port %1: %2").arg(m_port).arg(m_sshd.output());
    return {};
}

void Sshd::stop()
{
    killAll();
}

void Sshd::killAll()
{
    if (!m_sshd.isRunning())
        return;
    // Freeze the whole tree first, so no sshd gets to report its command's death to the client:
    // the client must see the connection vanish, as when a host crashes.
    const qint64 pid = m_sshd.pid();
    ::kill(pid_t(pid), SIGSTOP);
    const QList<qint64> children = descendants(pid);
    for (qint64 child : children)
        ::kill(pid_t(child), SIGSTOP);
    for (qint64 child : children)
        ::kill(pid_t(child), SIGKILL);
    m_sshd.kill();
}

QString Sshd::startAgent()
{
    QFile::remove(agentSocket());
    if (!m_agent.start(QStringLiteral("ssh-agent"), {QStringLiteral("-D"), QStringLiteral("-a"), agentSocket()}, 0))
        return QStringLiteral("ssh-agent did not start");
    QDeadlineTimer deadline(10000);
    while (!QFile::exists(agentSocket()) && !deadline.hasExpired())
        QThread::msleep(20);
    return QFile::exists(agentSocket()) ? QString() : QStringLiteral("ssh-agent did not create %1: %2").arg(agentSocket(), m_agent.output());
}

QString Sshd::addToAgent(const QString &privateKey) const
{
    return run(QStringLiteral("ssh-add"), {QStringLiteral("-q"), privateKey}, {{QStringLiteral("SSH_AUTH_SOCK"), agentSocket()}});
}

} // namespace lockstep::test
