#pragma once

#include "app/report/RunReportData.h"
#include "models/Result.h"

namespace lockstep {

class AuditLog;
class EngineRuntime;

// A run's report data read from the store alone, so any run has a report: the current one, an earlier
// one picked in the console, or one named on the command line (`lockstep-cli report RUN`). The gates are
// what the audit log recorded of them (gate.finished), with every reading kept with the run and a chart
// per gate drawn from them; the console adds its live gate table and charts for the run it drives.
class StoredRunReport
{
public:
    // `audit` may be null (no decisions, no chain head).
    static Result<RunReportData> load(EngineRuntime &runtime, const AuditLog *audit, qint64 runId);
};

} // namespace lockstep
