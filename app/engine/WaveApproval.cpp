#include "app/engine/WaveApproval.h"

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

Status WaveApproval::allows(const QString &operatorName, const QDateTime &at) const
{
    const QString wave = QStringLiteral("wave %1").arg(m_next + 1);
    if (m_rule.excludeInitiator && operatorName == initiator())
        return Error{QStringLiteral("%1 started this run; the approval of %2 needs someone else").arg(operatorName, wave),
                     item(), QStringLiteral("the runbook excludes the run's initiator (exclude_initiator): another operator "
                                            "approves, from their own console or with lockstep-cli signoff RUN --item %1").arg(item())};
    if (m_rule.maxAge.count() > 0 && at.msecsTo(Clock::instance().now()) > m_rule.maxAge.count())
        return Error{QStringLiteral("%1's approval of %2 is older than %3 (approved %4)")
                         .arg(operatorName, wave, Duration::format(m_rule.maxAge), at.toUTC().toString(Qt::ISODate)),
                     item(), QStringLiteral("approve again (max_age)")};
    if (m_rule.expiresWithWindow && m_plan.window && m_plan.window->isValid() && at < m_plan.window->start)
        return Error{QStringLiteral("%1 approved %2 before the maintenance window opened (%3)").arg(operatorName, wave, m_plan.window->toString()),
                     item(), QStringLiteral("approve again within the window (expires: window)")};
    return okStatus();
}

Result<WaveApproval::Standing> WaveApproval::standing() const
{
    Standing out;
    out.required = m_rule.by;
    if (!m_services.signOffs)
        return out;
    auto stored = m_services.signOffs->forRun(m_runId);
    if (!stored)
        return stored.error();
    // On one desktop an OS account is one person however many names it types: more than one approver
    // there needs the server's roles (team mode) or, in tests, asserted names.
    const bool desktop = m_services.identity && m_services.identity->source() != OperatorIdentity::Source::DatabaseRole;
    for (const SignOff &s : std::as_const(*stored)) {
        if (s.item != item())
            continue;
        out.approvers << s.operatorName;
        if (Status counts = allows(s.operatorName, s.signedAt); !counts)
            out.notCounted << counts.error().message;
        // The server checked the membership of the role a row names; a row written past the rule names none.
        else if (!m_rule.role.isEmpty() && s.role != m_rule.role)
            out.notCounted << QStringLiteral("%1's approval was not given as a member of %2").arg(s.operatorName, m_rule.role);
        else if (desktop && m_rule.by > 1 && s.authentication == QLatin1String("os-account"))
            out.notCounted << QStringLiteral("%1's approval is one OS account on one desktop (four-eyes needs team mode)").arg(s.operatorName);
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
