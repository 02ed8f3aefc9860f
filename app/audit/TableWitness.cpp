#include "app/audit/TableWitness.h"

#include "models/store/Database.h"
#include "models/store/SqlSupport.h"

#include <QSqlQuery>

namespace lockstep {

Result<AuditAnchor> TableWitness::write(const AuditAnchor &anchor)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT anchored_seq, anchored_hash, anchored_at FROM lockstep_anchor_audit_head(?)"));
    q.addBindValue(anchor.origin);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot anchor the audit head in audit_anchors"), q);
    AuditAnchor recorded = anchor;
    recorded.witness = name();
    if (q.next()) {
        // The server's own view of the head, which is what the table now holds.
        recorded.seq = q.value(0).toLongLong();
        recorded.hash = q.value(1).toString();
        recorded.time = q.value(2).toString();
    }
    return recorded;
}

Result<QList<AuditAnchor>> TableWitness::anchors(const QString &store, const QString &first) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, seq, hash, at, origin, anchored_by FROM audit_anchors ORDER BY id")))
        return sqlFailure(QStringLiteral("cannot read the audit anchors"), q);
    QList<AuditAnchor> out;
    while (q.next()) {
        AuditAnchor a;
        a.store = store;
        a.first = first;
        a.seq = q.value(1).toLongLong();
        a.hash = q.value(2).toString();
        a.time = q.value(3).toString();
        a.origin = q.value(4).toString() + QStringLiteral(" (by ") + q.value(5).toString() + QLatin1Char(')');
        a.witness = QStringLiteral("audit_anchors row %1").arg(q.value(0).toLongLong());
        out << a;
    }
    return out;
}

} // namespace lockstep
