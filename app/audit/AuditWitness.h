#pragma once

#include "app/audit/AuditAnchor.h"
#include "models/Result.h"

#include <QList>

namespace lockstep {

// A place outside the store that keeps chain heads (a file, the system log, a table only an auditor role
// may insert into). Writing is the point; witnesses that can be read back also serve `audit verify`.
class AuditWitness
{
public:
    virtual ~AuditWitness() = default;
    // Short name for messages and the audit record of a failure: "file /var/…", "syslog", "table".
    virtual QString name() const = 0;
    // Records `anchor`. A witness that fills some fields itself (the table takes the head from the store)
    // returns what it recorded.
    virtual Result<AuditAnchor> write(const AuditAnchor &anchor) = 0;
    // Whether anchors() can read back what was written (syslog cannot).
    virtual bool readable() const { return false; }
    // Every anchor recorded for `store` (or, with an empty `store`, for the chain whose record 1 hashes to
    // `first`), oldest first.
    virtual Result<QList<AuditAnchor>> anchors(const QString &store, const QString &first) const
    {
        Q_UNUSED(store);
        Q_UNUSED(first);
        return QList<AuditAnchor>{};
    }
};

} // namespace lockstep
