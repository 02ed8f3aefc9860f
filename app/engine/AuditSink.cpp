#include "app/engine/AuditSink.h"

#include "models/AuditActions.h"
#include "models/run/RunEvent.h"

namespace lockstep {

EngineAuditEntry EngineAuditEntry::of(const RunEvent &event)
{
    return {event.runId,     event.operatorName, AuditActions::of(event.kind), event.instance, event.fromVersion,
            event.toVersion, event.outcome,      event.reason,                 event.evidence};
}

Status AuditSink::recordEvent(const RunEvent &event)
{
    const EngineAuditEntry entry = EngineAuditEntry::of(event);
    if (entry.action.isEmpty())
        return okStatus();
    return record(entry);
}

} // namespace lockstep
