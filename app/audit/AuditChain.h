#pragma once

#include "app/audit/AuditVerifyReport.h"
#include "models/AuditEvent.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <functional>

namespace lockstep {

// The hash chain itself, independent of where records are stored: the canonical form documented in
// docs/audit.md, the hash, and verification of a sequence of records (from the store or from an export).
class AuditChain
{
public:
    static QString genesisHash();                 // 64 zeros: prev_hash of record 1
    static QString timeText(const QDateTime &time); // UTC ISO-8601 with milliseconds and 'Z'

    // The exact bytes that are hashed. `time` is the stored text, so the hash covers what is on disk.
    static QByteArray canonicalForm(const AuditEvent &event, const QString &time);
    static QByteArray canonicalForm(const AuditEvent &event) { return canonicalForm(event, timeText(event.time)); }
    static QString hashOf(const AuditEvent &event, const QString &time);
    static QString hashOf(const AuditEvent &event) { return hashOf(event, timeText(event.time)); }

    // Verifies records ordered by seq. `timeTexts`, when given, are the stored time strings (one per
    // record); otherwise times are formatted from the events. `expectedHead` (optional) is a head hash
    // kept elsewhere: it detects records deleted from the end, which no chain can show by itself.
    // `onProgress(done, total)` (optional) is called every few hundred records; returning false stops
    // the walk and the report says `cancelled`.
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    static AuditVerifyReport verify(const QList<AuditEvent> &events, const QStringList &timeTexts = {},
                                    const QString &expectedHead = {}, const Progress &onProgress = {});
};

} // namespace lockstep
