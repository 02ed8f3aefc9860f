#pragma once

#include "models/AuditEvent.h"

#include <QString>

namespace lockstep {

// What an audit record is about beyond its instance, read from its evidence: the step ("healthy", or
// "restore-previous (rollback)"), the checklist item or the gate. Empty for run-level records.
QString auditSubject(const AuditEvent &event);

} // namespace lockstep
