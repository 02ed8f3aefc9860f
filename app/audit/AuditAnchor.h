#pragma once

#include <QString>

namespace lockstep {

// One chain head written to a witness outside the store (docs/audit.md, "Anchoring"): which store, which
// record was the head, its hash, the hash of record 1 (which chain), when and why it was anchored.
struct AuditAnchor
{
    QString store;       // AuditAnchoring::storeIdentity(): the SQLite file's path or postgresql://host:port/db
    qint64 seq = 0;      // the head record's seq; 0 for an empty log
    QString hash;        // the head record's hash (64 zeros for an empty log)
    QString first;       // record 1's hash: identifies the chain in exports, which do not name their store
    QString time;        // when it was anchored, UTC ISO-8601 with milliseconds
    QString origin;      // why: "run 7 succeeded", "on demand by alice" ...
    QString witness;     // where it was read from (set when read back, for messages)
};

} // namespace lockstep
