#pragma once

#include "models/AuditEvent.h"
#include "ui/charts/ChartMarker.h"

#include <QList>

namespace lockstep {

// Chart markers for one run, from its audit events (the store's record of what happened and when):
// the upgrade's start (the first "running" state) and end (a terminal state), each wave's start,
// approvals of the next wave and rollbacks.
namespace RunMarkers {

QList<ChartMarker> fromAudit(const QList<AuditEvent> &events);

} // namespace RunMarkers

} // namespace lockstep
