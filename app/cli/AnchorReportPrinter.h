#pragma once

#include "app/audit/AuditAnchoring.h"

#include <QTextStream>

namespace lockstep {

// Prints what AuditAnchoring::anchor did, for `audit anchor` and the end of `run`: the head and the
// witnesses that took it on `out`, each failed witness as a warning on `err`. True when every witness
// took it.
bool printAnchorReport(const AuditAnchoring::Report &report, QTextStream &out, QTextStream &err);

} // namespace lockstep
