#include "app/transport/ProcessGroup.h"

#include <QDir>
#include <QFile>
#include <QSysInfo>

#include <csignal>
#include <sys/types.h>

namespace lockstep {

namespace {

// The fields of /proc/PID/stat after the command name (which may hold spaces and parentheses):
// [0] state, [2] process group, [19] start time.
QList<QByteArray> statFields(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    return stat.mid(close + 2).trimmed().split(' ');
}

QString bootId()
{
    QFile f(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("-");
    return QString::fromLatin1(f.readAll().trimmed());
}

QString thisHost()
{
    const QString host = QSysInfo::machineHostName();
    return host.isEmpty() ? QStringLiteral("-") : host;
}

} // namespace

ProcessGroup ProcessGroup::ofLeader(qint64 pid)
{
    const QList<QByteArray> fields = statFields(pid);
    if (fields.size() < 20)
        return ProcessGroup(pid, {});
    return ProcessGroup(pid, QStringLiteral("%1 %2 %3").arg(thisHost(), bootId(), QString::fromLatin1(fields.at(19))));
}

QString ProcessGroup::host() const
{
    return m_identity.section(QLatin1Char(' '), 0, 0);
}

ProcessGroup::Liveness ProcessGroup::probe() const
{
    if (!isValid())
        return Liveness::Ended;
    const QStringList parts = m_identity.split(QLatin1Char(' '));
    if (parts.size() == 3 && parts.at(0) != thisHost())
        return Liveness::Elsewhere;
    if (parts.size() == 3 && parts.at(1) != bootId())
        return Liveness::Ended;   // the machine restarted: nothing of it survived
    // The leader's pid taken by a process that started at another time: the id was free again, so no
    // process of our group is left.
    const QList<QByteArray> leader = statFields(m_id);
    if (leader.size() >= 20 && parts.size() == 3 && QString::fromLatin1(leader.at(19)) != parts.at(2))
        return Liveness::Ended;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : pids) {
        bool number = false;
        const qint64 pid = name.toLongLong(&number);
        if (!number)
            continue;
        const QList<QByteArray> fields = statFields(pid);
        if (fields.size() >= 3 && fields.at(2).toLongLong() == m_id && fields.at(0) != "Z" && fields.at(0) != "X")
            return Liveness::Running;
    }
    return Liveness::Ended;
}

void ProcessGroup::signal(int signal) const
{
    if (isValid())
        ::kill(-pid_t(m_id), signal);
}

} // namespace lockstep
