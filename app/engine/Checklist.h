#pragma once

#include "app/engine/ChecklistItemStatus.h"
#include "app/engine/EngineServices.h"
#include "app/engine/SignOffRule.h"
#include "app/engine/StepExecution.h"
#include "app/identity/SignOffMessage.h"
#include "app/identity/SshSignature.h"
#include "models/Result.h"
#include "models/run/Plan.h"
#include "models/run/StepResult.h"

#include <QHash>
#include <QList>
#include <QJsonObject>
#include <QObject>

namespace lockstep {

// The pre-upgrade checklist of one run. Automated items run their read-only check on every instance of
// the plan and keep the output as evidence; manual items are signed off by named operators, two different
// ones where the runbook says `signoff: {by: 2}`. Sign-offs are stored (durably) and audited before they
// count. The run cannot start until every required item is satisfied.
class Checklist : public QObject
{
    Q_OBJECT
public:
    Checklist(const Plan &plan, qint64 runId, const EngineServices &services,
              const QHash<QString, qint64> &leaseGenerations, QObject *parent);

    // Reads stored sign-offs and check results (for a restored run).
    Status load();
    QList<ChecklistItemStatus> items() const { return m_items; }
    // "item: why" for every required item that is not satisfied.
    QStringList unsatisfied() const;
    // The automated checks whose last run failed (their titles, or ids where untitled).
    QStringList failedChecks() const;
    bool isRunning() const { return m_running > 0 || !m_queue.isEmpty(); }

    // Runs every automated check (again) on every instance; checksFinished() follows.
    void runChecks();
    Result<SignOff> signOff(const QString &item, const QString &operatorName, const QString &comment,
                            const QString &evidence = {});
    // What a second operator signs with their SSH key for `item` (SignOffMessage without principal, time,
    // comment, signature), with the evidence shown now.
    Result<SignOffMessage> request(const QString &item) const;
    // A sign-off signed with an SSH key (on this desktop or the second operator's machine): it counts once
    // its SSHSIG signature verifies against allowed_signers for the principal it names, for this run,
    // runbook, item and target version, and neither that principal nor that key signed the item before.
    Result<SignOff> addSigned(const SignOffMessage &signedOff);
    // addSigned in three steps, so a window verifies on a worker (ssh-keygen runs a process): the quick
    // checks here, the signature anywhere (thread-safe, touches no checklist), then the store here.
    Status checkSigned(const SignOffMessage &signedOff) const;
    static Result<SshSignature::Verified> verifySigned(const SignOffMessage &signedOff, const QString &allowedSigners);
    Result<SignOff> addVerified(const SignOffMessage &signedOff, const Result<SshSignature::Verified> &verified);
    QString allowedSigners() const { return m_services.allowedSigners; }

signals:
    void itemChanged(const lockstep::ChecklistItemStatus &item);
    void checkFinished(const QString &item, const lockstep::StepResult &result);
    // `allPassed`: every automated check passed; sign-offs still missing do not count against it.
    void checksFinished(bool allPassed);

private:
    struct Job
    {
        int item;
        Instance instance;
    };
    void startNext();
    void onFinished(const Job &job, StepResult result, const StepExecutionResult &end, const QStringList &tail);
    void recompute(int item);
    // Which sign-offs of the item count under its rule (ChecklistItemStatus::counted, notCounted).
    void countSignOffs(int item);
    ChecklistItemStatus *find(const QString &itemId);
    Error noSuchItem(const QString &itemId) const;
    Result<SignOff> store(ChecklistItemStatus &item, SignOff s, const QJsonObject &auditExtra);
    QString initiator() const;
    // The item's rule (signoff: {by, exclude_initiator, role, max_age, expires}), judged where wave
    // approvals are judged too.
    SignOffRule ruleOf(const ChecklistItemStatus &item) const;

    const Plan &m_plan;
    qint64 m_runId;
    EngineServices m_services;
    const QHash<QString, qint64> &m_leaseGenerations;
    QList<ChecklistItemStatus> m_items;
    QHash<QString, QHash<QString, StepResult>> m_results;   // item -> instance -> latest result
    QList<Job> m_queue;
    int m_running = 0;
    mutable QString m_initiator;        // the run's operator, read once from the store
};

} // namespace lockstep
