#pragma once

#include "models/AuditEvent.h"
#include "models/run/RunEvent.h"
#include "ui/charts/ChartMarker.h"

#include <QList>

namespace lockstep {

// Chart markers for one run, from its events: the upgrade's start (the first "running" state) and end (a
// terminal state), each wave's start, approvals of the next wave and rollbacks.
namespace RunMarkers {

QList<ChartMarker> fromEvents(const QList<RunEvent> &events);
// The same from the store's record of the run (its audit records, read back as run events).
QList<ChartMarker> fromAudit(const QList<AuditEvent> &records);

} // namespace RunMarkers

} // namespace lockstep
