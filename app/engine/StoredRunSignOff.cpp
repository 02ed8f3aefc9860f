#include "app/engine/StoredRunSignOff.h"

#include "app/engine/Checklist.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/RunRecovery.h"
#include "app/identity/SshSignature.h"
#include "models/Clock.h"
#include "models/store/RunRepository.h"

#include <QHash>

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
    return withChecklist<SignOff>(runtime, runId, [&](Checklist &c) { return c.signOff(item, operatorName, comment); });
}

Result<SignOffMessage> StoredRunSignOff::request(EngineRuntime &runtime, qint64 runId, const QString &item)
{
    return withChecklist<SignOffMessage>(runtime, runId, [&](Checklist &c) { return c.request(item); });
}

Result<SignOff> StoredRunSignOff::import(EngineRuntime &runtime, const SignOffMessage &signedOff)
{
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
