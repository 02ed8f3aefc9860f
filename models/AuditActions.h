#pragma once

#include "models/run/RunEvent.h"

#include <QString>

#include <optional>

namespace lockstep {

// The audit log's action names: the one place they are spelled. Stored chains hold them, so a name never
// changes once released (docs/audit.md lists them). Everything else asks this table: the engine's audit
// sink for the name of a RunEvent, the chart markers and the report for the kind of a stored record.
namespace AuditActions {

// The action a run event is recorded under; empty for kinds that are not recorded (narration only).
QString of(RunEvent::Kind kind);
// The run event kind a stored action name records, or nothing (not a run event, or unknown).
std::optional<RunEvent::Kind> kindOf(const QString &action);

// Records that are not events of one run.
QString hostKeyUnknown();       // an SSH step met a host key known_hosts lacks
QString hostKeyChanged();       // an SSH step met a host key other than the known one
QString hostKeyTrusted();       // an operator added a host key to known_hosts
QString auditAnchor();          // the chain head was written to a witness (or could not be)
QString inventoryImported();    // an inventory file was imported

} // namespace AuditActions

} // namespace lockstep
