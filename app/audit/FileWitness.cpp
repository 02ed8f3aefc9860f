#include "app/audit/FileWitness.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace lockstep {

namespace {

const QLatin1String kFormat("lockstep-anchor-v1");

Error fileError(const QString &what, const QString &path)
{
    return Error{QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno))), path,
                 QStringLiteral("choose a writable witness file outside the data directory (--witness-file, "
                                "$LOCKSTEP_AUDIT_WITNESS_FILE or the audit/witnessFile setting)")};
}

} // namespace

QString FileWitness::defaultPath()
{
    QString state = QProcessEnvironment::systemEnvironment().value(QStringLiteral("XDG_STATE_HOME"));
    if (state.isEmpty() || !QDir::isAbsolutePath(state))
        state = QDir::homePath() + QStringLiteral("/.local/state");
    return state + QStringLiteral("/lockstep/audit-anchors.jsonl");
}

Result<AuditAnchor> FileWitness::write(const AuditAnchor &anchor)
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error{QStringLiteral("cannot create the witness file's directory"), info.absolutePath(), {}};
    const QJsonObject line{
        {QStringLiteral("format"), kFormat},
        {QStringLiteral("store"), anchor.store},
        {QStringLiteral("seq"), anchor.seq},
        {QStringLiteral("hash"), anchor.hash},
        {QStringLiteral("first"), anchor.first},
        {QStringLiteral("time"), anchor.time},
        {QStringLiteral("origin"), anchor.origin},
    };
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    const QByteArray path = QFile::encodeName(m_path);
    const int fd = ::open(path.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return fileError(QStringLiteral("cannot open the witness file"), m_path);
    // One write of one line: with O_APPEND it lands whole at the end, whatever else appends meanwhile.
    const ssize_t written = ::write(fd, bytes.constData(), std::size_t(bytes.size()));
    if (written != bytes.size()) {
        const Error error = fileError(QStringLiteral("cannot append to the witness file"), m_path);
        ::close(fd);
        return error;
    }
    if (::fsync(fd) != 0) {
        const Error error = fileError(QStringLiteral("cannot flush the witness file to disk"), m_path);
        ::close(fd);
        return error;
    }
    if (::close(fd) != 0)
        return fileError(QStringLiteral("cannot close the witness file"), m_path);
    AuditAnchor written_ = anchor;
    written_.witness = name();
    return written_;
}

Result<QList<AuditAnchor>> FileWitness::anchors(const QString &store, const QString &first) const
{
    QFile file(m_path);
    if (!file.exists())
        return QList<AuditAnchor>{};
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read the witness file: %1").arg(file.errorString()), m_path, {}};
    QList<AuditAnchor> out;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(QStringLiteral("format")).toString() != kFormat)
            // A damaged line is a finding, not something to skip: the witness itself was touched.
            return Error{QStringLiteral("line %1 of the witness file is not an anchor").arg(lineNumber), m_path,
                         QStringLiteral("the witness file was edited; compare it with its copies (system log, backups)")};
        AuditAnchor a;
        a.store = o.value(QStringLiteral("store")).toString();
        a.seq = o.value(QStringLiteral("seq")).toInteger();
        a.hash = o.value(QStringLiteral("hash")).toString();
        a.first = o.value(QStringLiteral("first")).toString();
        a.time = o.value(QStringLiteral("time")).toString();
        a.origin = o.value(QStringLiteral("origin")).toString();
        a.witness = QStringLiteral("%1:%2").arg(m_path, QString::number(lineNumber));
        if (store.isEmpty() ? (!first.isEmpty() && a.first == first) : a.store == store)
            out << a;
    }
    return out;
}

} // namespace lockstep
