#pragma once

#include "app/identity/SignOffMessage.h"
#include "app/identity/SshSignature.h"
#include "models/Result.h"
#include "models/run/Plan.h"
#include "models/run/SignOff.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace lockstep {

class OperatorIdentity;

// The one place that judges a sign-off, for checklist items and wave approvals alike: whether it may be
// given, whether a stored one still counts, and whether an SSH-signed one (SignOffMessage) is accepted.
// The runbook's rule (ApprovalRule: distinct signers, exclude_initiator, role, max_age, expires: window)
// is applied to the operator, or to the principal of an SSH signature, the same way everywhere.
class SignOffRule
{
public:
    // What is signed, for messages: `item` ("change-approved", "approve-wave-2"), `noun` ("sign-off of
    // \"change-approved\"", "approval of wave 2") and `elsewhere` (how another operator gives it).
    struct Subject
    {
        QString item;
        QString noun;
        QString elsewhere;
    };

    SignOffRule(const Plan &plan, qint64 runId, const ApprovalRule &rule, const QString &initiator,
                const OperatorIdentity *identity, Subject subject);

    // Whether `operatorName`'s sign-off made at `at` is allowed (exclude_initiator, max_age, expires: window).
    Status allows(const QString &operatorName, const QDateTime &at) const;
    // Whether a stored sign-off counts now: allowed (it may have aged), given under the rule's role, and on
    // one desktop, where an OS account is one person however many names it types, signed with an SSH key
    // when the rule needs more than one signer.
    Status counts(const SignOff &signOff) const;

    // The request a second operator signs: this run, runbook and target, and the evidence shown now.
    SignOffMessage request(const QString &evidence) const;
    // The checks that need no process: signed for this run, runbook, item and target version, signed at
    // all, and not in the future.
    Status checkSigned(const SignOffMessage &signedOff) const;
    // ssh-keygen -Y verify against allowed_signers (thread-safe, touches nothing else).
    static Result<SshSignature::Verified> verify(const SignOffMessage &signedOff, const QString &allowedSigners);
    // The verified signature as a sign-off to store, or why it is refused: team mode records the session's
    // role, so another person signs from their own console; the rule applies to the principal; a key or a
    // principal that already signed (`earlier`) does not sign again.
    Result<SignOff> accept(const SignOffMessage &signedOff, const Result<SshSignature::Verified> &verified,
                           const QList<SignOff> &earlier) const;
    // What an audit record adds for a signed sign-off: the signature, the exact signed text, the namespace
    // and the key's fingerprint (docs/audit.md shows how an auditor checks them with ssh-keygen).
    static QJsonObject auditFields(const SignOffMessage &signedOff, const QString &fingerprint);

private:
    QString where(const SignOffMessage &signedOff) const;

    const Plan &m_plan;
    qint64 m_runId;
    ApprovalRule m_rule;
    QString m_initiator;
    const OperatorIdentity *m_identity;
    Subject m_subject;
};

} // namespace lockstep
