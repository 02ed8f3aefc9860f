#include "app/engine/WaveApproval.h"

#include "app/engine/SignOffRule.h"
#include "app/identity/OperatorIdentity.h"
#include "app/runbook/Duration.h"
#include "models/Clock.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace lockstep {

WaveApproval::WaveApproval(const Plan &plan, qint64 runId, const EngineServices &services, int next)
    : m_plan(plan), m_runId(runId), m_services(services), m_next(next), m_rule(ruleFor(plan, next))
{
}

ApprovalRule WaveApproval::ruleFor(const Plan &plan, int next)
{
    const StrategySpec &strategy = plan.runbook.strategy;
    if (next >= 0 && next < plan.waves.size()) {
        const int spec = plan.waves[next].spec;
        if (spec >= 0 && spec < strategy.waves.size() && strategy.waves[spec].approval)
            return *strategy.waves[spec].approval;
    }
    return strategy.approval;
}

QString WaveApproval::item() const
{
    return QStringLiteral("approve-wave-%1").arg(m_next + 1);
}

QString WaveApproval::initiator() const
{
    if (!m_services.runs)
        return {};
    auto record = m_services.runs->find(m_runId);
    return record ? record->operatorName : QString();
}

QString WaveApproval::describeRule() const
{
    QStringList parts;
    parts << (m_rule.by > 1 ? QStringLiteral("%1 different approvers").arg(m_rule.by) : QStringLiteral("1 approver"));
    if (m_rule.excludeInitiator)
        parts << QStringLiteral("not %1 (started the run)").arg(initiator());
    if (!m_rule.role.isEmpty())
        parts << QStringLiteral("members of %1").arg(m_rule.role);
    if (m_rule.maxAge.count() > 0)
        parts << QStringLiteral("approved within %1").arg(Duration::format(m_rule.maxAge));
    if (m_rule.expiresWithWindow)
        parts << QStringLiteral("approved within the maintenance window");
    return parts.join(QStringLiteral(", "));
}

SignOffRule WaveApproval::signOffRule() const
{
    return SignOffRule(m_plan, m_runId, m_rule, initiator(), m_services.identity,
                       {item(), QStringLiteral("approval of wave %1").arg(m_next + 1),
                        QStringLiteral("another operator approves from their own console, or signs with their SSH key "
                                       "(lockstep-cli signoff RUN --item %1 --request, then --sign on their machine)").arg(item())});
}

Status WaveApproval::allows(const QString &operatorName, const QDateTime &at) const
{
    return signOffRule().allows(operatorName, at);
}

Result<QList<SignOff>> WaveApproval::given() const
{
    QList<SignOff> out;
    if (!m_services.signOffs)
        return out;
    auto stored = m_services.signOffs->forRun(m_runId);
    if (!stored)
        return stored.error();
    for (const SignOff &s : std::as_const(*stored))
        if (s.item == item())
            out << s;
    return out;
}

Result<WaveApproval::Standing> WaveApproval::standing() const
{
    Standing out;
    out.required = m_rule.by;
    auto given = this->given();
    if (!given)
        return given.error();
    const SignOffRule rule = signOffRule();
    for (const SignOff &s : std::as_const(*given)) {
        out.approvers << s.operatorName;
        if (Status counts = rule.counts(s); !counts)
            out.notCounted << counts.error().message;
        else {
            ++out.counted;
            out.counting << s.operatorName;
        }
    }
    return out;
}

QString WaveApproval::missing(const Standing &standing) const
{
    if (standing.satisfied())
        return {};
    QString text = QStringLiteral("wave %1 needs %2: %3 of %4 approvals")
                       .arg(QString::number(m_next + 1), describeRule(), QString::number(standing.counted),
                            QString::number(standing.required));
    QStringList others = standing.approvers;
    if (m_rule.excludeInitiator && !others.contains(initiator()))
        others << initiator();
    if (!others.isEmpty())
        text += QStringLiteral("; needs %1 operator other than %2")
                    .arg(standing.counted == 1 ? QStringLiteral("a second")
                         : standing.counted > 1 ? QStringLiteral("another")
                                                : QStringLiteral("an"),
                         others.join(QStringLiteral(", ")));
    for (const QString &why : standing.notCounted)
        text += QStringLiteral("; ") + why;
    return text;
}

Result<SignOff> WaveApproval::approve(const QString &operatorName, const QString &comment, const QString &evidence) const
{
    auto authentication = OperatorIdentity::authenticate(m_services.identity, operatorName, QStringLiteral("an approval"));
    if (!authentication)
        return Error{authentication.error().message, item(), authentication.error().hint};
    const QDateTime now = Clock::instance().now();
    if (Status allowed = allows(operatorName, now); !allowed)
        return allowed.error();
    auto before = standing();
    if (!before)
        return before.error();
    if (before->approvers.contains(operatorName))
        return Error{QStringLiteral("%1 already approved wave %2").arg(operatorName, QString::number(m_next + 1)), item(),
                     m_rule.by > 1 ? QStringLiteral("the rule needs %1 different operators (by: %2)").arg(describeRule(), QString::number(m_rule.by))
                                   : QStringLiteral("one approval per operator")};
    SignOff s;
    s.runId = m_runId;
    s.item = item();
    s.operatorName = operatorName;
    s.signedAt = now;
    s.comment = comment;
    s.evidence = evidence;
    s.authentication = *authentication;
    s.evidenceHash = QString::fromLatin1(QCryptographicHash::hash(s.evidence.toUtf8(), QCryptographicHash::Sha256).toHex());
    // Team mode: the server refuses the row unless its session role is a member of the rule's role.
    s.role = m_rule.role;
    return m_services.signOffs->add(s);
}

SignOffMessage WaveApproval::request(const QString &evidence) const
{
    return signOffRule().request(evidence);
}

Status WaveApproval::checkSigned(const SignOffMessage &signedOff) const
{
    return signOffRule().checkSigned(signedOff);
}

Result<SignOff> WaveApproval::addVerified(const SignOffMessage &signedOff, const Result<SshSignature::Verified> &verified) const
{
    auto given = this->given();
    if (!given)
        return given.error();
    auto accepted = signOffRule().accept(signedOff, verified, *given);
    if (!accepted)
        return accepted.error();
    return m_services.signOffs->add(*accepted);
}

QJsonObject WaveApproval::auditEvidence(const SignOff &stored, const QJsonObject &signature) const
{
    QJsonObject evidence{{QStringLiteral("wave"), m_next + 1},
                         {QStringLiteral("authentication"), stored.authentication},
                         {QStringLiteral("rule"), describeRule()},
                         {QStringLiteral("evidence"), stored.evidence},
                         {QStringLiteral("evidence_sha256"), stored.evidenceHash}};
    for (auto it = signature.begin(); it != signature.end(); ++it)
        evidence.insert(it.key(), it.value());
    return evidence;
}

QString WaveApproval::evidence(int next, const QString &waiting, const QList<GateOutcome> &outcomes)
{
    QJsonArray gates;
    for (const GateOutcome &o : outcomes) {
        QJsonObject gate{{QStringLiteral("state"), o.state == GateOutcome::State::Passed   ? QStringLiteral("passed")
                                                   : o.state == GateOutcome::State::Failed ? QStringLiteral("failed")
                                                                                          : QStringLiteral("inconclusive")},
                         {QStringLiteral("summary"), o.summary}};
        // The chart's summary: how many measurements, the last, lowest and highest value.
        QList<double> values;
        for (const GateMeasurement &m : o.measurements)
            if (m.value)
                values << *m.value;
        QJsonObject chart{{QStringLiteral("measurements"), int(o.measurements.size())}};
        if (!values.isEmpty()) {
            chart.insert(QStringLiteral("last"), values.last());
            chart.insert(QStringLiteral("min"), *std::min_element(values.cbegin(), values.cend()));
            chart.insert(QStringLiteral("max"), *std::max_element(values.cbegin(), values.cend()));
        }
        if (!o.measurements.isEmpty())
            chart.insert(QStringLiteral("last_reason"), o.measurements.last().reason);
        gate.insert(QStringLiteral("chart"), chart);
        gates.append(gate);
    }
    return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("wave"), next + 1},
                                                       {QStringLiteral("waiting"), waiting},
                                                       {QStringLiteral("gates"), gates}})
                                 .toJson(QJsonDocument::Compact));
}

} // namespace lockstep
