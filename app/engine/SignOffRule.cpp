#include "app/engine/SignOffRule.h"

#include "app/identity/OperatorIdentity.h"
#include "app/runbook/Duration.h"
#include "models/Clock.h"

namespace lockstep {

SignOffRule::SignOffRule(const Plan &plan, qint64 runId, const ApprovalRule &rule, const QString &initiator,
                         const OperatorIdentity *identity, Subject subject)
    : m_plan(plan), m_runId(runId), m_rule(rule), m_initiator(initiator), m_identity(identity), m_subject(std::move(subject))
{
}

Status SignOffRule::allows(const QString &operatorName, const QDateTime &at) const
{
    if (m_rule.excludeInitiator && operatorName == m_initiator)
        return Error{QStringLiteral("%1 started this run; the %2 needs someone else").arg(operatorName, m_subject.noun), m_subject.item,
                     QStringLiteral("the runbook excludes the run's initiator (exclude_initiator): %1").arg(m_subject.elsewhere)};
    if (m_rule.maxAge.count() > 0 && at.msecsTo(Clock::instance().now()) > m_rule.maxAge.count())
        return Error{QStringLiteral("%1's %2 is older than %3 (given %4)")
                         .arg(operatorName, m_subject.noun, Duration::format(m_rule.maxAge), at.toUTC().toString(Qt::ISODate)),
                     m_subject.item, QStringLiteral("give it again (max_age)")};
    if (m_rule.expiresWithWindow && m_plan.window && m_plan.window->isValid() && at < m_plan.window->start)
        return Error{QStringLiteral("%1's %2 was given before the maintenance window opened (%3)")
                         .arg(operatorName, m_subject.noun, m_plan.window->toString()),
                     m_subject.item, QStringLiteral("give it again within the window (expires: window)")};
    return okStatus();
}

Status SignOffRule::counts(const SignOff &s) const
{
    // The rule a new sign-off must pass, applied again now (a sign-off may have aged).
    if (Status allowed = allows(s.operatorName, s.signedAt); !allowed)
        return allowed;
    // The server checked the membership of the role a row names; a row written past the rule names none.
    if (!m_rule.role.isEmpty() && s.role != m_rule.role)
        return Error{QStringLiteral("%1's %2 was not given as a member of %3").arg(s.operatorName, m_subject.noun, m_rule.role),
                     m_subject.item, {}};
    // In team mode the server authenticated every role; on one desktop four eyes need SSH signatures
    // (or, in tests, asserted names).
    const bool desktop = m_identity && m_identity->source() != OperatorIdentity::Source::DatabaseRole;
    if (desktop && m_rule.by > 1 && s.authentication == QLatin1String("os-account"))
        return Error{QStringLiteral("%1's %2 is not signed with an SSH key (four-eyes on one desktop)").arg(s.operatorName, m_subject.noun),
                     m_subject.item, m_subject.elsewhere};
    return okStatus();
}

SignOffMessage SignOffRule::request(const QString &evidence) const
{
    SignOffMessage m;
    m.runId = m_runId;
    m.item = m_subject.item;
    m.runbookSha256 = SignOffMessage::sha256(m_plan.runbookSource);
    m.targetVersion = m_plan.targetVersion.toString();
    m.evidence = evidence;
    return m;
}

QString SignOffRule::where(const SignOffMessage &m) const
{
    return QStringLiteral("%1 by %2").arg(m_subject.noun, m.principal);
}

Status SignOffRule::checkSigned(const SignOffMessage &m) const
{
    if (m.runId != m_runId || m.item != m_subject.item || m.runbookSha256 != SignOffMessage::sha256(m_plan.runbookSource)
        || m.targetVersion != m_plan.targetVersion.toString())
        return Error{QStringLiteral("it was signed for %1 of run %2 (%3, runbook %4…), not for %5 of run %6 (%7, runbook %8…)")
                         .arg(m.item, QString::number(m.runId), m.targetVersion, m.runbookSha256.left(12), m_subject.item,
                              QString::number(m_runId), m_plan.targetVersion.toString(),
                              SignOffMessage::sha256(m_plan.runbookSource).left(12)),
                     where(m), QStringLiteral("sign the request of this run (lockstep-cli signoff RUN --item %1 --request)").arg(m_subject.item)};
    if (m.signature.isEmpty() || !m.time.isValid())
        return Error{QStringLiteral("it is a request, not a signed %1").arg(m_subject.noun), where(m),
                     QStringLiteral("the second operator signs it: lockstep-cli signoff --sign FILE --key KEY.pub --principal NAME")};
    if (m.time > Clock::instance().now().addSecs(5 * 60))
        return Error{QStringLiteral("it says it was signed at %1, in the future").arg(m.timeText()), where(m),
                     QStringLiteral("check the signer's clock")};
    return okStatus();
}

Result<SshSignature::Verified> SignOffRule::verify(const SignOffMessage &m, const QString &allowedSigners)
{
    auto verified = SshSignature::verify(m.canonical(), m.signature, m.principal, allowedSigners,
                                         QLatin1String(SignOffMessage::kNamespace), m.time);
    if (!verified)
        return Error{verified.error().message, QStringLiteral("%1 signed by %2").arg(m.item, m.principal), verified.error().hint};
    return verified;
}

Result<SignOff> SignOffRule::accept(const SignOffMessage &m, const Result<SshSignature::Verified> &verified,
                                    const QList<SignOff> &earlier) const
{
    if (!verified)
        return verified.error();
    // Checked again: the run may have moved on while the signature was verified elsewhere.
    if (Status s = checkSigned(m); !s)
        return s.error();
    // Team mode records the session's role whatever is sent: a signature for another person would be
    // stored in this console's name. There each operator signs from their own console.
    if (m_identity && m_identity->source() == OperatorIdentity::Source::DatabaseRole && m_identity->name() != m.principal)
        return Error{QStringLiteral("in team mode %1 signs from their own console").arg(m.principal), where(m),
                     QStringLiteral("lockstep-cli signoff %1 --item %2 --database URL as %3")
                         .arg(QString::number(m_runId), m_subject.item, m.principal)};
    if (Status allowed = allows(verified->principal, m.time); !allowed)
        return Error{allowed.error().message, where(m), allowed.error().hint};
    const QByteArray key = SshSignature::publicKeyOf(m.signature);
    for (const SignOff &other : earlier) {
        if (!other.signature.isEmpty() && SshSignature::publicKeyOf(other.signature) == key)
            return Error{QStringLiteral("the key %1 already signed the %2 (as %3)").arg(verified->fingerprint, m_subject.noun, other.operatorName),
                         where(m), QStringLiteral("four-eyes: the second signature must come from another person's key")};
        if (other.operatorName == verified->principal)
            return Error{QStringLiteral("%1 already signed the %2").arg(verified->principal, m_subject.noun), where(m),
                         m_rule.by > 1 ? QStringLiteral("four-eyes: the second signature must come from a different operator")
                                       : QStringLiteral("one signature per operator")};
    }
    SignOff s;
    s.runId = m_runId;
    s.item = m_subject.item;
    s.operatorName = verified->principal;
    s.signedAt = m.time;
    s.comment = m.comment;
    s.evidence = m.evidence;
    s.authentication = QStringLiteral("ssh-key");
    s.principal = verified->principal;
    s.signature = m.signature;
    s.evidenceHash = m.evidenceSha256();
    s.role = m_rule.role;
    return s;
}

QJsonObject SignOffRule::auditFields(const SignOffMessage &m, const QString &fingerprint)
{
    return QJsonObject{{QStringLiteral("signature"), m.signature},
                       {QStringLiteral("message"), QString::fromUtf8(m.canonical())},
                       {QStringLiteral("namespace"), QLatin1String(SignOffMessage::kNamespace)},
                       {QStringLiteral("key"), fingerprint}};
}

} // namespace lockstep
