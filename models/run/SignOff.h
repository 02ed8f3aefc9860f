#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace lockstep {

// An operator's signature on a checklist item or an approval: who, when, what they said and saw.
struct SignOff
{
    qint64 id = 0;
    qint64 runId = 0;
    QString item;                       // checklist item id, or "approve-wave-N"
    QString operatorName;
    QDateTime signedAt;
    QString comment;
    QString evidence;                   // what the operator saw (check output, gate values), may be empty
    // How the operator is known: "database-role" (team mode, set by the server), "os-account" (this
    // desktop's login), "ssh-key" (an SSHSIG signature verified against allowed_signers) or "asserted"
    // (a name given for a test, LOCKSTEP_TEST_OPERATOR; never counts as authenticated).
    QString authentication;
    QString principal;                  // the allowed_signers principal of the signing key
    QString signature;                  // the armored SSHSIG signature of SignOffMessage, or empty
    QString evidenceHash;               // lowercase hex SHA-256 of `evidence`
    QString role;                       // the role the runbook's rule asked for, or empty
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::SignOff)
