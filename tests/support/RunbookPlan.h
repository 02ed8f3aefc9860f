#pragma once

#include "models/Result.h"
#include "models/run/Plan.h"

#include <QString>
#include <QStringList>

namespace lockstep::test {

// The plan a test runs: `runbookYaml` loaded as the file `fileName`, for the named instances of `product`,
// all on `fromVersion`, upgraded to `toVersion` (planned now). The plan keeps the runbook's text, as a plan
// the console stores does.
struct RunbookPlanRequest
{
    const char *runbookYaml = nullptr;
    QString fileName;
    QStringList instances;
    QString fromVersion = QStringLiteral("1.0.0");
    QString toVersion = QStringLiteral("1.1.0");
    QString product = QStringLiteral("demo");
};

Result<Plan> planFromRunbook(const RunbookPlanRequest &request);

// The same, for a test's set-up that cannot go on without it: a load or plan error ends the test program.
Plan planFromRunbookOrDie(const RunbookPlanRequest &request);

} // namespace lockstep::test
