#pragma once

#include "app/audit/AuditChain.h"
#include "app/audit/AuditLog.h"
#include "models/store/Database.h"

#include <QSqlQuery>

namespace lockstep::test {

// What someone with write access to the store file can do to the audit log, done the way they would:
// with SQL, not through Lockstep.
struct AuditTampering
{
    // Deletes the newest `count` records: a shorter chain that still links.
    static bool truncate(Database &db, int count)
    {
        QSqlQuery q(db.connection());
        return q.exec(QStringLiteral("DELETE FROM audit_events WHERE seq > (SELECT max(seq) - %1 FROM audit_events)")
                          .arg(count));
    }

    // Changes record `seq`'s reason and recomputes its hash and every later record's prev_hash and hash:
    // the chain links again, only a witness of an earlier head can tell.
    static bool rechain(Database &db, qint64 seq, const QString &reason)
    {
        auto events = AuditLog(db).query();
        if (!events)
            return false;
        QString previous;
        for (AuditEvent e : *events) {
            if (e.seq < seq) {
                previous = e.hash;
                continue;
            }
            if (e.seq == seq)
                e.reason = reason;
            e.prevHash = previous.isEmpty() ? AuditChain::genesisHash() : previous;
            e.hash = AuditChain::hashOf(e);
            QSqlQuery q(db.connection());
            q.prepare(QStringLiteral("UPDATE audit_events SET reason = ?, prev_hash = ?, hash = ? WHERE seq = ?"));
            q.addBindValue(e.reason);
            q.addBindValue(e.prevHash);
            q.addBindValue(e.hash);
            q.addBindValue(e.seq);
            if (!q.exec())
                return false;
            previous = e.hash;
        }
        return true;
    }
};

} // namespace lockstep::test
