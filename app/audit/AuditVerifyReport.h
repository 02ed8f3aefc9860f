#pragma once

#include <QString>

namespace lockstep {

// What AuditLog::verify / AuditChain::verify found: either an intact chain, or the first broken record
// and why.
struct AuditVerifyReport
{
    enum class Problem {
        None,          // intact
        Edited,        // a record's content no longer matches its hash, or it was rewritten with a new hash
        Deleted,       // a seq is missing (gap), or records after the known head are gone
        Reordered,     // a record sits at another record's position
        Broken,        // the chain does not link and nothing more specific explains it
        Rechained,     // the chain links, but a witness recorded another hash for one of its records: records
                       // were rewritten and every later record re-hashed
    };

    Problem problem = Problem::None;
    qint64 records = 0;         // records read
    qint64 firstBrokenSeq = 0;  // 0 when intact
    QString reason;             // one sentence for the operator / auditor
    QString headHash;           // hash of the last record that verified (64 zeros for an empty log)
    // Anchoring (docs/audit.md): how many witnessed heads were compared, the newest record a witness
    // vouches for, and one sentence on what the witnesses showed (or that there were none).
    int anchorsChecked = 0;
    qint64 anchoredSeq = 0;
    QString anchorNote;
    bool cancelled = false;     // stopped before the end on request: nothing is known about the rest

    bool ok() const { return problem == Problem::None && !cancelled; }
};

QString auditProblemName(AuditVerifyReport::Problem problem);

} // namespace lockstep
