#include "tests/support/RunbookPlan.h"

#include "app/engine/Planner.h"
#include "app/runbook/RunbookLoader.h"
#include "models/Clock.h"

namespace lockstep::test {

Result<Plan> planFromRunbook(const RunbookPlanRequest &request)
{
    const QString text = QString::fromUtf8(request.runbookYaml);
    auto runbook = RunbookLoader::loadString(text, request.fileName);
    if (!runbook)
        return runbook.error();
    PlanRequest plan;
    plan.runbooks = {*runbook};
    for (const QString &name : request.instances) {
        Instance i;
        i.name = name;
        i.product = request.product;
        i.currentVersion = request.fromVersion;
        plan.instances << i;
    }
    plan.targetVersion = request.toVersion;
    auto planned = Planner::plan(plan, Clock::instance().now());
    if (!planned)
        return planned.error();
    planned->runbookSource = text;
    return *planned;
}

Plan planFromRunbookOrDie(const RunbookPlanRequest &request)
{
    auto plan = planFromRunbook(request);
    if (!plan)
        qFatal("%s", qPrintable(plan.error().toString()));
    return *plan;
}

} // namespace lockstep::test
