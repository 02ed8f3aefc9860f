#include "app/identity/SshSignature.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QtEndian>

namespace lockstep {

namespace {

constexpr int kTimeoutMs = 15000;

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Result<Outcome> runKeygen(const QStringList &arguments, const QByteArray &input)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("ssh-keygen"));
    if (program.isEmpty())
        return Error{QStringLiteral("ssh-keygen is not installed"), QStringLiteral("SSH signatures"),
                     QStringLiteral("install the Debian package openssh-client")};
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForStarted(kTimeoutMs))
        return Error{QStringLiteral("cannot start ssh-keygen: %1").arg(p.errorString()), program, {}};
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(kTimeoutMs)) {
        p.kill();
        p.waitForFinished();
        return Error{QStringLiteral("ssh-keygen did not finish within %1 s").arg(kTimeoutMs / 1000), program,
                     QStringLiteral("is ssh-agent asking for confirmation?")};
    }
    return Outcome{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                   p.readAllStandardError()};
}

// One line of what ssh-keygen said, without the noise of an empty line.
QString said(const Outcome &o)
{
    return QString::fromUtf8(o.err + o.out).trimmed().section(QLatin1Char('\n'), 0, 2).simplified();
}

} // namespace

Result<QString> SshSignature::sign(const QByteArray &message, const QString &publicKeyFile, const QString &nameSpace)
{
    // With a public key file ssh-keygen asks ssh-agent for the signature; the message comes on stdin and
    // the armored signature goes to stdout.
    auto run = runKeygen({QStringLiteral("-q"), QStringLiteral("-Y"), QStringLiteral("sign"), QStringLiteral("-n"), nameSpace,
                          QStringLiteral("-f"), publicKeyFile},
                         message);
    if (!run)
        return run.error();
    const QString signature = QString::fromLatin1(run->out).trimmed();
    if (run->exitCode != 0 || !signature.startsWith(QLatin1String("-----BEGIN SSH SIGNATURE-----")))
        return Error{QStringLiteral("ssh-keygen could not sign: %1").arg(said(*run)), publicKeyFile,
                     QStringLiteral("load the key into ssh-agent (ssh-add) and check SSH_AUTH_SOCK")};
    return QString(signature + QLatin1Char('\n'));
}

Result<SshSignature::Verified> SshSignature::verify(const QByteArray &message, const QString &signature,
                                                    const QString &principal, const QString &allowedSigners,
                                                    const QString &nameSpace, const QDateTime &signedAt)
{
    if (allowedSigners.isEmpty())
        return Error{QStringLiteral("no allowed_signers file is set, so no SSH signature can be checked"), {},
                     QStringLiteral("--allowed-signers FILE, $LOCKSTEP_ALLOWED_SIGNERS or the setting "
                                    "\"allowed signers\" (lines \"principal ssh-ed25519 AAAA...\")")};
    if (principal.isEmpty() || principal.contains(QRegularExpression(QStringLiteral("[\\s,*?!]"))))
        return Error{QStringLiteral("\"%1\" cannot be a signer's principal").arg(principal), {}, {}};
    QTemporaryFile file;
    if (!file.open() || file.write(signature.toLatin1()) < 0 || !file.flush())
        return Error{QStringLiteral("cannot write the signature to a temporary file"), file.fileName(), {}};
    auto run = runKeygen({QStringLiteral("-Y"), QStringLiteral("verify"), QStringLiteral("-f"), allowedSigners,
                          QStringLiteral("-I"), principal, QStringLiteral("-n"), nameSpace, QStringLiteral("-s"), file.fileName(),
                          QStringLiteral("-Overify-time=%1").arg(signedAt.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")) + QLatin1Char('Z'))},
                         message);
    if (!run)
        return run.error();
    const QString text = QString::fromUtf8(run->out + run->err);
    static const QRegularExpression good(QStringLiteral("Good \"[^\"]*\" signature for (\\S+) with \\S+ key (SHA256:\\S+)"));
    const auto m = good.match(text);
    if (run->exitCode != 0 || !m.hasMatch())
        return Error{QStringLiteral("the SSH signature of %1 does not verify: %2").arg(principal, said(*run)), allowedSigners,
                     QStringLiteral("the sign-off was changed, signed by another key, signed outside the key's validity in "
                                    "allowed_signers, or the key is not listed for %1").arg(principal)};
    return Verified{m.captured(1), m.captured(2)};
}

QByteArray SshSignature::publicKeyOf(const QString &signature)
{
    QString body = signature;
    body.remove(QStringLiteral("-----BEGIN SSH SIGNATURE-----"));
    body.remove(QStringLiteral("-----END SSH SIGNATURE-----"));
    const QByteArray blob = QByteArray::fromBase64(body.simplified().remove(QLatin1Char(' ')).toLatin1());
    // "SSHSIG", uint32 version, string publickey, ... (PROTOCOL.sshsig)
    if (blob.size() < 14 || !blob.startsWith("SSHSIG"))
        return {};
    const quint32 length = qFromBigEndian<quint32>(blob.constData() + 10);
    if (length > quint32(blob.size() - 14))
        return {};
    return blob.mid(14, length);
}

} // namespace lockstep
