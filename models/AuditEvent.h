#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace lockstep {

// One record of the tamper-evident audit chain (app/audit/AuditLog, docs/audit.md).
// Callers fill operatorName, action and whatever else applies; AuditLog::append fills seq, time,
// prevHash and hash. Empty text fields are stored as empty strings, never NULL, so the hash is exact.
struct AuditEvent
{
    qint64 seq = 0;            // 1, 2, 3 ... without gaps
    QDateTime time;            // UTC, millisecond precision
    QString operatorName;      // who (an operator id, or "lockstep" for the engine itself)
    QString action;            // a name from models/AuditActions
    QString runId;
    QString instance;
    QString fromVersion;
    QString toVersion;
    QString result;            // "ok", "failed", "approved", ...
    QString reason;            // required by policy for overrides
    QString evidence;          // JSON text (empty or a valid JSON document)
    QString prevHash;          // hash of record seq-1; 64 zeros for seq 1
    QString hash;              // lowercase hex SHA-256 of the canonical form (docs/audit.md)

    friend bool operator==(const AuditEvent &, const AuditEvent &) = default;
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::AuditEvent)
