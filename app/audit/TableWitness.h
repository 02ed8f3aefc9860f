#pragma once

#include "app/audit/AuditWitness.h"

namespace lockstep {

class Database;

// Team mode: chain heads in the PostgreSQL table `audit_anchors` (migration 0007). Consoles cannot insert
// into it; they call `lockstep_anchor_audit_head(origin)`, a SECURITY DEFINER function owned by the
// auditor role, which reads the head from `audit_events` itself (a console cannot anchor a hash of its
// choosing) and inserts it. Nobody holds UPDATE or DELETE on the table (docs/team-mode.md grants).
class TableWitness final : public AuditWitness
{
public:
    explicit TableWitness(Database &db) : m_db(db) {}

    QString name() const override { return QStringLiteral("table audit_anchors"); }
    Result<AuditAnchor> write(const AuditAnchor &anchor) override;
    bool readable() const override { return true; }
    Result<QList<AuditAnchor>> anchors(const QString &store, const QString &first) const override;

private:
    Database &m_db;
};

} // namespace lockstep
