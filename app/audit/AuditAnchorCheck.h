#pragma once

#include "app/audit/AuditAnchor.h"
#include "app/audit/AuditVerifyReport.h"
#include "models/AuditEvent.h"

#include <QList>

namespace lockstep {

// Compares a chain with the heads witnesses recorded for it. A chain that links is not yet proven whole:
// it may have been cut at the end (tail truncation) or rewritten from some record on with every later
// hash recomputed (re-chaining). Both show against a witness: the log ends before a witnessed head, or
// a witnessed record now has another hash.
class AuditAnchorCheck
{
public:
    // `chain` is AuditChain::verify's report on `events` (ordered by seq); a broken chain is returned as
    // it is. `anchors` in any order. The report's anchor fields say what was compared.
    static AuditVerifyReport check(const QList<AuditEvent> &events, AuditVerifyReport chain,
                                   QList<AuditAnchor> anchors);
};

} // namespace lockstep
