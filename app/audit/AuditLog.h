#pragma once

#include "app/audit/AuditChain.h"
#include "app/audit/AuditFilter.h"
#include "app/audit/AuditVerifyReport.h"
#include "models/AuditEvent.h"
#include "models/Result.h"

#include <QList>
#include <QStringList>

class QIODevice;

namespace lockstep {

class Database;

// The append-only, SHA-256 hash-chained audit log (docs/audit.md). Every state change and decision the
// engine makes is appended here; nothing updates or deletes rows.
//
// Secrets: values registered with redact() are replaced by "[redacted]" in every field of every event
// appended afterwards, before hashing. The engine registers a run's secret values when it starts; callers
// must still not put credentials into events on purpose.
class AuditLog
{
public:
    explicit AuditLog(Database &db) : m_db(db) {}

    // Fills seq, time (Clock), prevHash and hash and stores the event. Reading the head and inserting run
    // in one transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory transaction lock), so concurrent writers queue
    // instead of forking the chain. The write is durable (synchronous=FULL) when this returns.
    // Refused: an empty action, or evidence that is not valid JSON.
    Result<AuditEvent> append(AuditEvent event);

    // Walks the whole chain; names the first broken record and why. `expectedHead` (optional) is a head
    // hash recorded elsewhere earlier, to detect records deleted from the end.
    // `onProgress` as in AuditChain::verify; a cancelled walk is an error ("verification cancelled").
    Result<AuditVerifyReport> verify(const QString &expectedHead = {}, const AuditChain::Progress &onProgress = {}) const;
    // The same on a connection of its own to the store at `location`, opened (and closed) on the calling
    // thread: for a worker thread, so a long chain never blocks the thread that owns the store.
    static Result<AuditVerifyReport> verifyAt(const QString &location, const QString &expectedHead = {},
                                              const AuditChain::Progress &onProgress = {});
    QString location() const;

    Result<QList<AuditEvent>> query(const AuditFilter &filter = {}) const;
    // Hash of the newest record; 64 zeros for an empty log. Keep it somewhere else to anchor the chain.
    Result<QString> headHash() const;

    // The whole log in seq order, in the formats of docs/audit.md; hashes can be recomputed from either.
    Status exportJson(QIODevice &out) const;
    Status exportCsv(QIODevice &out) const;

    // Adds values that must never be stored (tokens, passwords). Empty strings are ignored.
    void redact(const QStringList &secrets);

private:
    Result<QList<AuditEvent>> read(const AuditFilter &filter, QStringList *timeTexts) const;
    void applyRedactions(AuditEvent &event) const;

    Database &m_db;
    QStringList m_secrets;
};

} // namespace lockstep
