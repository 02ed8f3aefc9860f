#pragma once

#include "models/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace lockstep {

// SSHSIG signatures (OpenSSH PROTOCOL.sshsig) made and checked the way git's SSH signing does it: by
// running ssh-keygen (Debian openssh-client). Signing names a public key whose private half ssh-agent
// holds (SSH_AUTH_SOCK), so Lockstep never sees a private key; verifying checks the signature against
// an allowed_signers file (ssh-keygen(1) "ALLOWED SIGNERS") for the principal the message names, at the
// time the message says it was signed (so a key's valid-before/valid-after there applies).
class SshSignature
{
public:
    struct Verified
    {
        QString principal;
        QString fingerprint;        // "SHA256:..." of the signing key
    };

    // The armored signature ("-----BEGIN SSH SIGNATURE-----" ...) of `message` in `nameSpace`.
    static Result<QString> sign(const QByteArray &message, const QString &publicKeyFile, const QString &nameSpace);
    static Result<Verified> verify(const QByteArray &message, const QString &signature, const QString &principal,
                                   const QString &allowedSigners, const QString &nameSpace, const QDateTime &signedAt);
    // The signing public key inside an SSHSIG blob (wire format), or empty if it is not one: two signatures
    // by one key are recognised without trusting what they claim.
    static QByteArray publicKeyOf(const QString &signature);
};

} // namespace lockstep
