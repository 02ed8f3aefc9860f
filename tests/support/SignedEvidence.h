#pragma once

#include "app/audit/AuditLog.h"
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <utility>

namespace lockstep::test {

// What the tests of signed sign-offs and approvals share: running lockstep-cli as a process, the audit
// export an auditor gets, and ssh-keygen -Y verify as the auditor runs it, without Lockstep.

// lockstep-cli with `args`: its exit code and everything it printed. Never waits for anyone: a command
// that does not end on its own within a minute is killed (and fails the caller's check).
inline std::pair<int, QString> runCli(const QStringList &args)
{
    QProcess p;
    p.start(cliPath(), args);
    if (!p.waitForFinished(60000))
        p.kill();
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError())};
}

inline bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

// The newest record of `action` in a JSON export of `log` written to `exportFile`; empty if none.
inline QJsonObject newestExported(AuditLog &log, const QString &exportFile, const QString &action)
{
    {
        QFile out(exportFile);
        if (!out.open(QIODevice::WriteOnly) || !log.exportJson(out).ok())
            return {};
    }
    QFile in(exportFile);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QJsonObject record;
    for (const auto &e : QJsonDocument::fromJson(in.readAll()).object().value(QStringLiteral("events")).toArray())
        if (e.toObject().value(QStringLiteral("action")).toString() == action)
            record = e.toObject();
    return record;
}

// ssh-keygen -Y verify of a record's signed evidence (`signature`, `message`, `namespace`) for
// `principal` against `allowedSigners`: its exit code and what it said ("Good … signature for bob …").
inline std::pair<int, QString> sshKeygenVerify(const QJsonObject &signedEvidence, const QString &principal,
                                               const QString &allowedSigners, const QString &signatureFile)
{
    if (!writeFile(signatureFile, signedEvidence.value(QStringLiteral("signature")).toString().toLatin1()))
        return {-1, QStringLiteral("cannot write %1").arg(signatureFile)};
    QProcess verify;
    verify.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-Y"), QStringLiteral("verify"), QStringLiteral("-f"), allowedSigners,
                                                QStringLiteral("-I"), principal, QStringLiteral("-n"),
                                                signedEvidence.value(QStringLiteral("namespace")).toString(), QStringLiteral("-s"),
                                                signatureFile});
    verify.write(signedEvidence.value(QStringLiteral("message")).toString().toUtf8());
    verify.closeWriteChannel();
    if (!verify.waitForFinished(30000))
        return {-1, QStringLiteral("ssh-keygen (Debian package openssh-client) did not finish")};
    return {verify.exitCode(), QString::fromUtf8(verify.readAllStandardOutput() + verify.readAllStandardError())};
}

} // namespace lockstep::test
