#pragma once

#include "app/engine/EngineServices.h"
#include "app/engine/GateEvaluator.h"
#include "app/engine/SignOffRule.h"
#include "app/identity/SignOffMessage.h"
#include "app/identity/SshSignature.h"
#include "models/Result.h"
#include "models/run/Plan.h"
#include "models/run/SignOff.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace lockstep {

// The approval of a wave's start (item "approve-wave-N") under the runbook's rule: how many distinct
// operators must approve, whether the run's initiator may be one of them, the role they need (team mode:
// the server checks the membership when the approval is stored), and how long an approval counts.
// Approvals live in the store, so a restarted console or another console sees the same count.
class WaveApproval
{
public:
    // `next`: the index of the wave whose start is approved (the wave count itself: the end of the run).
    WaveApproval(const Plan &plan, qint64 runId, const EngineServices &services, int next);

    // Where the approvals given so far stand.
    struct Standing
    {
        int required = 1;
        int counted = 0;
        QStringList approvers;          // every stored approval's operator, counted or not
        QStringList counting;           // the operators whose approvals count
        QStringList notCounted;         // why the others do not count ("alice started this run")
        bool satisfied() const { return counted >= required; }
    };

    static ApprovalRule ruleFor(const Plan &plan, int next);
    QString item() const;
    QString targetVersion() const { return m_plan.targetVersion.toString(); }
    const ApprovalRule &rule() const { return m_rule; }
    // The rule in a few words for the operator: "2 approvers, not alice (started the run), role x".
    QString describeRule() const;
    Result<Standing> standing() const;
    // What is still missing, in one line ("1 of 2 approvals; needs a second operator other than alice").
    QString missing(const Standing &standing) const;
    // Stores `operatorName`'s approval with what they saw, or says why it is refused (nothing is stored).
    Result<SignOff> approve(const QString &operatorName, const QString &comment, const QString &evidence) const;

    // What the approver is shown when they approve: why the run waits, every gate's verdict and the summary
    // of its chart (measurements, last, lowest and highest value), as compact JSON.
    static QString evidence(int next, const QString &waiting, const QList<GateOutcome> &gates);

    // An approval signed with an SSH key, like a checklist sign-off (SignOffRule): the request a second
    // operator signs, carrying what they are shown (`evidence`); the quick checks; and the store once
    // ssh-keygen -Y verify accepted it (Checklist::verifySigned) and the rule allows its principal.
    SignOffMessage request(const QString &evidence) const;
    Status checkSigned(const SignOffMessage &signedOff) const;
    Result<SignOff> addVerified(const SignOffMessage &signedOff, const Result<SshSignature::Verified> &verified) const;
    // The audit record's evidence for a stored approval (wave, how the approver is known, the rule, what
    // they saw and its hash), with the signature's fields for a signed one.
    QJsonObject auditEvidence(const SignOff &stored, const QJsonObject &signature = {}) const;

private:
    QString initiator() const;
    SignOffRule signOffRule() const;
    // The stored approvals of this wave.
    Result<QList<SignOff>> given() const;
    // Whether an approval by `operatorName` made at `at` counts under the rule (exclude_initiator, max_age,
    // expires: window); the same test refuses a new approval.
    Status allows(const QString &operatorName, const QDateTime &at) const;

    const Plan &m_plan;
    qint64 m_runId;
    EngineServices m_services;
    int m_next;
    ApprovalRule m_rule;
};

} // namespace lockstep
