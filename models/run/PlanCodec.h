#pragma once

#include "models/Result.h"
#include "models/run/Plan.h"

#include <QByteArray>

namespace lockstep {

// Plans as JSON for the runs table. The runbook itself is stored as its source text beside the plan
// and parsed again on restore, so only what the plan resolved is written here.
class PlanCodec
{
public:
    static QByteArray encode(const Plan &plan);
    // `runbook` and `runbookSource` are the parsed and raw runbook stored with the run.
    static Result<Plan> decode(const QByteArray &json, const Runbook &runbook, const QString &runbookSource);
};

} // namespace lockstep
