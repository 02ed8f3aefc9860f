#include "models/store/SignOffRepository.h"

#include "models/store/Database.h"
#include "models/store/LeaseFence.h"
#include "models/store/StoreSql.h"
#include "models/store/Transaction.h"

#include <QSqlQuery>
#include <QVariant>

namespace lockstep {

using storesql::fromIso;
using storesql::iso;
using storesql::queryError;
using storesql::text;

SignOffRepository::SignOffRepository(Database &db) : m_db(db) {}

Result<SignOff> SignOffRepository::add(const SignOff &signOff)
{
    // A sign-off this console makes for a run it drives counts only while the run holds its leases; one
    // from another operator's console (four-eyes) has no fence here.
    LeaseFence *fence = m_db.leaseFence(signOff.runId);
    if (fence && fence->isLost())
        return fence->lostError();
    QSqlQuery check(m_db.connection());
    check.prepare(QStringLiteral("SELECT 1 FROM signoffs WHERE run_id = ? AND item = ? AND operator = ?"));
    check.addBindValue(signOff.runId);
    check.addBindValue(text(signOff.item));
    check.addBindValue(text(signOff.operatorName));
    if (!check.exec())
        return queryError(check, QStringLiteral("read the sign-offs of %1").arg(signOff.item));
    if (check.next())
        return Error{QStringLiteral("%1 already signed off \"%2\"").arg(signOff.operatorName, signOff.item),
                     signOff.item, QStringLiteral("a second sign-off must come from a different operator")};
    QSqlQuery q(m_db.connection());
    // RETURNING operator: in team mode the server sets it to the session's role (migration 0006).
    q.prepare(QStringLiteral("INSERT INTO signoffs (run_id, item, operator, signed_at, comment, evidence, "
                             "authentication, principal, signature, evidence_hash, role) "
                             "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE 1 = 1")
              + (fence ? fence->condition(m_db.dialect() == Database::Dialect::Postgres) : QString())
              + QStringLiteral(" RETURNING id, operator, authentication"));
    q.addBindValue(signOff.runId);
    q.addBindValue(text(signOff.item));
    q.addBindValue(text(signOff.operatorName));
    q.addBindValue(text(iso(signOff.signedAt)));
    q.addBindValue(text(signOff.comment));
    q.addBindValue(text(signOff.evidence));
    for (const QString *value : {&signOff.authentication, &signOff.principal, &signOff.signature,
                                 &signOff.evidenceHash, &signOff.role})
        q.addBindValue(text(*value));
    if (fence)
        fence->bindTo(q);
    if (!q.exec())
        return queryError(q, QStringLiteral("store the sign-off of %1").arg(signOff.item));
    if (!q.next()) {
        q.finish();
        if (fence)
            return fence->refuse(m_db, QStringLiteral("sign-off of %1 by %2").arg(signOff.item, signOff.operatorName));
        return queryError(q, QStringLiteral("store the sign-off of %1").arg(signOff.item));
    }
    SignOff stored = signOff;
    stored.id = q.value(0).toLongLong();
    stored.operatorName = q.value(1).toString();
    stored.authentication = q.value(2).toString();
    q.finish();   // with RETURNING, SQLite commits when the statement is reset
    m_db.notify(QStringLiteral("signoff"), stored.runId);
    return stored;
}

Result<SignOff> SignOffRepository::add(const SignOff &signOff, const std::function<Status(const SignOff &stored)> &alsoRecord)
{
    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return Error{QStringLiteral("could not store the sign-off of %1: %2").arg(signOff.item, s.error().message), s.error().where,
                     s.error().hint};
    auto stored = add(signOff);
    if (!stored)
        return stored.error();   // the guard rolls back
    if (Status recorded = alsoRecord(*stored); !recorded)
        return Error{QStringLiteral("the sign-off of %1 by %2 does not count: %3")
                         .arg(signOff.item, stored->operatorName, recorded.error().message),
                     recorded.error().where, QStringLiteral("sign again once the audit log is writable")};
    if (Status committed = tx.commit(); !committed)
        return Error{QStringLiteral("could not store the sign-off of %1: %2").arg(signOff.item, committed.error().message),
                     committed.error().where, committed.error().hint};
    return stored;
}

Result<QList<SignOff>> SignOffRepository::forRun(qint64 runId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, run_id, item, operator, signed_at, comment, evidence, authentication, "
                             "principal, signature, evidence_hash, role FROM signoffs WHERE run_id = ? ORDER BY id"));
    q.addBindValue(runId);
    if (!q.exec())
        return queryError(q, QStringLiteral("read the sign-offs of run %1").arg(runId));
    QList<SignOff> out;
    while (q.next())
        out.append(SignOff{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                           q.value(3).toString(), fromIso(q.value(4).toString()), q.value(5).toString(),
                           q.value(6).toString(), q.value(7).toString(), q.value(8).toString(),
                           q.value(9).toString(), q.value(10).toString(), q.value(11).toString()});
    return out;
}

} // namespace lockstep
