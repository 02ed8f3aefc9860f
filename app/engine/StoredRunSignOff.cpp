#include "app/engine/StoredRunSignOff.h"

#include "app/engine/Checklist.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/RunRecovery.h"
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

} // namespace lockstep
