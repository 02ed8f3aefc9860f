#include "app/engine/StoredRunSignOff.h"

#include "app/engine/AuditSink.h"
#include "app/engine/Checklist.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/RunRecovery.h"
#include "app/engine/SignOffRule.h"
#include "app/engine/WaveApproval.h"
#include "app/identity/SshSignature.h"
#include "models/AuditActions.h"
#include "models/Clock.h"
#include "models/store/RunRepository.h"

#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>

namespace lockstep {

namespace {

// Runs `use` on the stored run's checklist, loaded as its own console has it.
template<typename T, typename Use>
Result<T> withChecklist(EngineRuntime &runtime, qint64 runId, Use use)
{
    auto record = runtime.runs().find(runId);
    if (!record)
        return record.error();
    if (isTerminal(record->state))
        return Error{QStringLiteral("run %1 already ended (%2)").arg(runId).arg(runStateName(record->state)), {},
                     QStringLiteral("sign-offs only count before a run ends")};
    auto plan = RunRecovery::planOf(*record);
    if (!plan)
        return plan.error();
    const QHash<QString, qint64> generations;   // this console holds no lease of the run
    Checklist checklist(*plan, runId, runtime.services(), generations, nullptr);
    if (Status s = checklist.load(); !s)
        return s.error();
    return use(checklist);
}

// A wave approval from another console, stored and audited in one transaction of the store: when the
// audit record cannot be written the approval is not stored either, so it never counts unaudited.
template<typename Store, typename Entry>
Result<SignOff> storedAndAudited(EngineRuntime &runtime, Store store, Entry entry)
{
    RunRepository &runs = runtime.runs();
    if (Status tx = runs.begin(); !tx)
        return tx.error();
    auto stored = store();
    if (!stored) {
        runs.rollback();
        return stored;
    }
    if (AuditSink *audit = runtime.services().audit)
        if (Status audited = audit->record(entry(*stored)); !audited) {
            runs.rollback();
            return Error{QStringLiteral("the approval by %1 does not count: could not record its audit record: %2")
                             .arg(stored->operatorName, audited.error().message),
                         audited.error().where, QStringLiteral("approve again once the audit log is writable")};
        }
    if (Status committed = runs.commit(); !committed)
        return committed.error();
    return stored;
}

// "approve-wave-N": the index of wave N; -1 for a checklist item.
int waveOf(const QString &item)
{
    static const QRegularExpression waveItem(QStringLiteral("^approve-wave-([1-9][0-9]{0,4})$"));
    const auto m = waveItem.match(item);
    return m.hasMatch() ? m.captured(1).toInt() - 1 : -1;
}

// Runs `use` on the approval of wave `next` of a stored run that waits for it, under the same rule as at
// the driving console; what the approver sees is the run's stored note (why it waits).
template<typename T, typename Use>
Result<T> withWaveApproval(EngineRuntime &runtime, qint64 runId, int next, Use use)
{
    auto record = runtime.runs().find(runId);
    if (!record)
        return record.error();
    const QString item = QStringLiteral("approve-wave-%1").arg(next + 1);
    if (record->state != RunState::AwaitingApproval || record->currentWave + 1 != next)
        return Error{QStringLiteral("run %1 is %2 (wave %3), not waiting for the approval of wave %4")
                         .arg(QString::number(runId), runStateName(record->state), QString::number(record->currentWave + 1),
                              QString::number(next + 1)),
                     item, QStringLiteral("approve when the run asks for it (lockstep-cli status %1)").arg(runId)};
    auto plan = RunRecovery::planOf(*record);
    if (!plan)
        return plan.error();
    const WaveApproval approval(*plan, runId, runtime.services(), next);
    return use(approval, *record);
}

} // namespace

Result<QList<ChecklistItemStatus>> StoredRunSignOff::items(EngineRuntime &runtime, qint64 runId)
{
    return withChecklist<QList<ChecklistItemStatus>>(runtime, runId, [](Checklist &c) -> Result<QList<ChecklistItemStatus>> {
        return c.items();
    });
}

Result<SignOff> StoredRunSignOff::sign(EngineRuntime &runtime, qint64 runId, const QString &item,
                                       const QString &operatorName, const QString &comment)
{
    if (const int next = waveOf(item); next >= 0)
        return approveWave(runtime, runId, next, operatorName, comment);
    return withChecklist<SignOff>(runtime, runId, [&](Checklist &c) { return c.signOff(item, operatorName, comment); });
}

Result<SignOff> StoredRunSignOff::approveWave(EngineRuntime &runtime, qint64 runId, int next, const QString &operatorName,
                                              const QString &comment)
{
    return withWaveApproval<SignOff>(runtime, runId, next, [&](const WaveApproval &approval, const RunRecord &record) -> Result<SignOff> {
        return storedAndAudited(runtime, [&]() { return approval.approve(operatorName, comment, WaveApproval::evidence(next, record.note, {})); },
                                [&](const SignOff &stored) {
                                    return EngineAuditEntry{runId, stored.operatorName, AuditActions::of(RunEvent::Kind::WaveApproved), {}, {},
                                                            approval.targetVersion(), QStringLiteral("approved"), comment,
                                                            approval.auditEvidence(stored)};
                                });
    });
}

Result<SignOffMessage> StoredRunSignOff::request(EngineRuntime &runtime, qint64 runId, const QString &item)
{
    if (const int next = waveOf(item); next >= 0)
        return withWaveApproval<SignOffMessage>(runtime, runId, next, [&](const WaveApproval &approval, const RunRecord &record) {
            return Result<SignOffMessage>(approval.request(WaveApproval::evidence(next, record.note, {})));
        });
    return withChecklist<SignOffMessage>(runtime, runId, [&](Checklist &c) { return c.request(item); });
}

Result<SignOff> StoredRunSignOff::import(EngineRuntime &runtime, const SignOffMessage &signedOff)
{
    if (const int next = waveOf(signedOff.item); next >= 0)
        return withWaveApproval<SignOff>(runtime, signedOff.runId, next, [&](const WaveApproval &approval, const RunRecord &) -> Result<SignOff> {
            if (Status s = approval.checkSigned(signedOff); !s)
                return s.error();
            auto verified = Checklist::verifySigned(signedOff, runtime.services().allowedSigners);
            return storedAndAudited(runtime, [&]() { return approval.addVerified(signedOff, verified); }, [&](const SignOff &stored) {
                return EngineAuditEntry{signedOff.runId, stored.operatorName, AuditActions::of(RunEvent::Kind::WaveApproved), {}, {},
                                        approval.targetVersion(), QStringLiteral("approved"), signedOff.comment,
                                        approval.auditEvidence(stored, SignOffRule::auditFields(signedOff, verified->fingerprint))};
            });
        });
    return withChecklist<SignOff>(runtime, signedOff.runId, [&](Checklist &c) { return c.addSigned(signedOff); });
}

Result<SignOffMessage> StoredRunSignOff::signRequest(SignOffMessage request, const QString &publicKeyFile,
                                                     const QString &principal, const QString &comment)
{
    request.principal = principal;
    request.comment = comment;
    request.time = Clock::instance().now().toUTC();
    // Kept to the millisecond the canonical text carries, so what is verified is what was signed.
    request.time = QDateTime::fromString(request.timeText(), Qt::ISODateWithMs);
    auto signature = SshSignature::sign(request.canonical(), publicKeyFile, QLatin1String(SignOffMessage::kNamespace));
    if (!signature)
        return signature.error();
    request.signature = *signature;
    return request;
}

} // namespace lockstep
