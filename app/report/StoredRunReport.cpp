#include "app/report/StoredRunReport.h"

#include "app/audit/AuditLog.h"
#include "app/audit/AuditSubject.h"
#include "app/engine/Checklist.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/RunRecovery.h"
#include "app/report/GateReadingChart.h"
#include "models/run/RunEvent.h"
#include "models/store/GateMeasurementRepository.h"
#include "models/store/RunRepository.h"

namespace lockstep {

Result<RunReportData> StoredRunReport::load(EngineRuntime &runtime, const AuditLog *audit, qint64 runId)
{
    auto record = runtime.runs().find(runId);
    if (!record)
        return record.error();
    auto plan = RunRecovery::planOf(*record);
    if (!plan)
        return plan.error();
    auto attempts = runtime.runs().attempts(runId);
    if (!attempts)
        return attempts.error();

    RunReportData d;
    d.runId = runId;
    d.plan = *plan;
    d.state = runStateName(record->state);
    d.note = record->note;
    d.operatorName = record->operatorName;
    for (const StepResult &a : *attempts)
        if (a.phase != RunPhase::Checklist)
            d.attempts << a;
    auto measurements = runtime.measurements().forRun(runId);
    if (!measurements)
        return measurements.error();
    d.measurements = *measurements;
    // The gates' charts from the readings kept with the run (the console replaces them with its gate
    // panel's for the run it drives).
    d.charts = GateReadingChart::charts(d.measurements);

    // The checklist as the engine judges it: the stored sign-offs and check results, read the same way a
    // restored run reads them. Nothing runs: the checklist only loads.
    const QHash<QString, qint64> noLeases;
    Checklist checklist(d.plan, runId, runtime.services(), noLeases, nullptr);
    if (Status s = checklist.load(); !s)
        return s.error();
    d.checklist = checklist.items();

    if (!audit) {
        d.gateVerdict = QStringLiteral("No audit log: the gates' results are not known here.");
        return d;
    }
    if (auto head = audit->headHash())
        d.auditHead = *head;
    else
        return head.error();
    AuditFilter filter;
    filter.runId = QString::number(runId);
    auto events = audit->query(filter);
    if (!events)
        return events.error();
    d.decisions = *events;
    d.gateHeader = {QStringLiteral("Gate"), QStringLiteral("Decided"), QStringLiteral("Result"), QStringLiteral("Why")};
    for (const AuditEvent &e : d.decisions) {
        if (const auto event = RunEvent::fromAudit(e); !event || event->kind != RunEvent::Kind::GateFinished)
            continue;
        d.gateRows << QStringList{auditSubject(e), e.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")), e.result, e.reason};
        d.gateVerdict = QStringLiteral("Gate %1 %2: %3").arg(auditSubject(e), e.result, e.reason);
    }
    if (d.gateRows.isEmpty())
        d.gateVerdict = d.plan.runbook.gates.isEmpty() ? QStringLiteral("This runbook has no gates between waves.")
                                                      : QStringLiteral("No gate was judged in this run.");
    return d;
}

} // namespace lockstep
