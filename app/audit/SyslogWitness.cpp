#include "app/audit/SyslogWitness.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace lockstep {

namespace {

constexpr int kFacilityAuth = 4;
constexpr int kPriorityNotice = 5;

// RFC 3164 header as glibc's syslog(3) writes it to /dev/log: "<PRI>Mmm dd hh:mm:ss TAG[PID]: ".
QByteArray header()
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime now = QDateTime::currentDateTime();
    const QDate d = now.date();
    return QByteArray("<") + QByteArray::number(kFacilityAuth * 8 + kPriorityNotice) + ">" + months[d.month() - 1]
           + ' ' + QByteArray::number(d.day()).rightJustified(2, ' ') + ' '
           + now.time().toString(QStringLiteral("hh:mm:ss")).toLatin1() + " lockstep["
           + QByteArray::number(qint64(::getpid())) + "]: ";
}

} // namespace

QByteArray SyslogWitness::message(const AuditAnchor &anchor)
{
    const QJsonObject o{
        {QStringLiteral("store"), anchor.store},
        {QStringLiteral("seq"), anchor.seq},
        {QStringLiteral("hash"), anchor.hash},
        {QStringLiteral("first"), anchor.first},
        {QStringLiteral("time"), anchor.time},
        {QStringLiteral("origin"), anchor.origin},
    };
    return "lockstep-audit-anchor " + QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<AuditAnchor> SyslogWitness::write(const AuditAnchor &anchor)
{
    const QByteArray path = QFile::encodeName(m_socket);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.isEmpty() || std::size_t(path.size()) >= sizeof address.sun_path)
        return Error{QStringLiteral("cannot use this path as the system log's socket"), m_socket, {}};
    std::memcpy(address.sun_path, path.constData(), std::size_t(path.size()));

    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Error{QStringLiteral("cannot open a socket for the system log: %1").arg(QString::fromLocal8Bit(std::strerror(errno))),
                     m_socket, {}};
    const QByteArray datagram = header() + message(anchor);
    const ssize_t sent = ::sendto(fd, datagram.constData(), std::size_t(datagram.size()), MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr *>(&address), sizeof address);
    const int sendError = errno;
    ::close(fd);
    if (sent != datagram.size())
        return Error{QStringLiteral("the system log did not take the anchor: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(sendError))),
                     {},
                     QStringLiteral("no syslog daemon or journald listens here; start one, or choose the socket with "
                                    "--syslog-socket / $LOCKSTEP_SYSLOG_SOCKET (off: do not use the system log)")};
    AuditAnchor written = anchor;
    written.witness = name();
    return written;
}

} // namespace lockstep
