#include "models/run/RunEvent.h"

#include "models/AuditActions.h"
#include "models/AuditEvent.h"

#include <QJsonDocument>

namespace lockstep {

std::optional<RunEvent> RunEvent::fromAudit(const AuditEvent &record)
{
    const auto kind = AuditActions::kindOf(record.action);
    if (!kind)
        return std::nullopt;
    RunEvent e;
    e.kind = *kind;
    e.runId = record.runId.toLongLong();
    e.instance = record.instance;
    e.outcome = record.result;
    e.operatorName = record.operatorName;
    e.reason = record.reason;
    e.time = record.time;
    e.fromVersion = record.fromVersion;
    e.toVersion = record.toVersion;
    e.evidence = QJsonDocument::fromJson(record.evidence.toUtf8()).object();
    // The typed fields the engine recorded in the evidence.
    e.wave = e.evidence.value(QStringLiteral("wave")).toInt();
    e.step = e.evidence.value(QStringLiteral("step")).toString(e.evidence.value(QStringLiteral("gate")).toString());
    e.attempt = e.evidence.value(QStringLiteral("attempt")).toInt();
    e.durationMs = e.evidence.value(QStringLiteral("duration_ms")).toInteger(-1);
    if (const auto phase = parseRunPhase(e.evidence.value(QStringLiteral("phase")).toString()))
        e.phase = *phase;
    if (e.kind == Kind::RunStateChanged)
        e.state = parseRunState(record.result);
    return e;
}

} // namespace lockstep
