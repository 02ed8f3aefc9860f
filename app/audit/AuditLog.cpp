#include "app/audit/AuditLog.h"

#include "app/audit/AuditChain.h"
#include "app/audit/AuditExport.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/LeaseFence.h"
#include "models/store/SqlSupport.h"
#include "models/store/Transaction.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSqlQuery>

#include <atomic>

namespace lockstep {

namespace {

// The advisory lock key that serialises audit appends across consoles ("LsAudit").
constexpr qint64 kAuditLockKey = 0x4c7341756469740a;

const QLatin1String kColumns("seq, at, operator, action, run_id, instance, from_version, to_version, result, "
                             "reason, evidence, prev_hash, hash");

AuditEvent eventFrom(const QSqlQuery &q, QString *timeText)
{
    AuditEvent e;
    e.seq = q.value(0).toLongLong();
    *timeText = q.value(1).toString();
    e.time = QDateTime::fromString(*timeText, Qt::ISODateWithMs);
    e.operatorName = q.value(2).toString();
    e.action = q.value(3).toString();
    e.runId = q.value(4).toString();
    e.instance = q.value(5).toString();
    e.fromVersion = q.value(6).toString();
    e.toVersion = q.value(7).toString();
    e.result = q.value(8).toString();
    e.reason = q.value(9).toString();
    e.evidence = q.value(10).toString();
    e.prevHash = q.value(11).toString();
    e.hash = q.value(12).toString();
    return e;
}

} // namespace

void AuditLog::redact(const QStringList &secrets)
{
    for (const QString &s : secrets) {
        if (!s.isEmpty() && !m_secrets.contains(s))
            m_secrets << s;
    }
    // Longest first, so a secret that contains another is replaced whole.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

void AuditLog::applyRedactions(AuditEvent &event) const
{
    const QString marker = QStringLiteral("[redacted]");
    for (QString *field : {&event.operatorName, &event.action, &event.runId, &event.instance, &event.fromVersion,
                           &event.toVersion, &event.result, &event.reason, &event.evidence}) {
        for (const QString &secret : m_secrets)
            field->replace(secret, marker);
    }
}

Result<AuditEvent> AuditLog::append(AuditEvent event)
{
    if (event.action.trimmed().isEmpty())
        return Error{QStringLiteral("an audit event needs an action"), {},
                     QStringLiteral("use a name from models/AuditActions")};
    if (!event.evidence.isEmpty()) {
        QJsonParseError parseError;
        QJsonDocument::fromJson(event.evidence.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return Error{QStringLiteral("audit evidence is not valid JSON: %1").arg(parseError.errorString()),
                         event.action, QStringLiteral("pass a JSON object or array as evidence")};
    }
    applyRedactions(event);
    // The engine's events for a run this console drives count only while the run holds its leases
    // (LeaseFence): a console that lost them to another console adds nothing more to the chain for it.
    LeaseFence *fence = event.runId.isEmpty() ? nullptr : m_db.leaseFence(event.runId.toLongLong());
    if (fence && fence->isLost())
        return fence->lostError();

    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s.error();
    QSqlQuery q(m_db.connection());
    // A transaction-level advisory lock queues appenders from every console until commit. Unlike LOCK
    // TABLE it needs no UPDATE/DELETE privilege, so consoles' roles can be append-only (docs/team-mode.md).
    if (m_db.dialect() == Database::Dialect::Postgres
        && !q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kAuditLockKey)))
        return sqlFailure(QStringLiteral("cannot lock the audit log"), q);
    if (!q.exec(QStringLiteral("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")))
        return sqlFailure(QStringLiteral("cannot read the audit log head"), q);
    if (q.next()) {
        event.seq = q.value(0).toLongLong() + 1;
        event.prevHash = q.value(1).toString();
    } else {
        event.seq = 1;
        event.prevHash = AuditChain::genesisHash();
    }
    q.finish();

    const QDateTime now = Clock::instance().now().toUTC();
    // Stored with millisecond precision; keep the value exactly as it will be read back.
    event.time = QDateTime::fromString(AuditChain::timeText(now), Qt::ISODateWithMs);
    const QString time = AuditChain::timeText(event.time);
    event.hash = AuditChain::hashOf(event, time);
    const bool postgres = m_db.dialect() == Database::Dialect::Postgres;

    q.prepare(QStringLiteral("INSERT INTO audit_events (") + kColumns
              + QStringLiteral(") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE 1 = 1")
              + (fence ? fence->condition(m_db.dialect() == Database::Dialect::Postgres) : QString())
              // Team mode: the server names the session's role as the operator and hashes what it stores
              // (migration 0006); the appended record is read back as stored.
              + (postgres ? QStringLiteral(" RETURNING operator, hash") : QString()));
    q.addBindValue(event.seq);
    q.addBindValue(time);
    for (const QString &value : {event.operatorName, event.action, event.runId, event.instance, event.fromVersion,
                                 event.toVersion, event.result, event.reason, event.evidence, event.prevHash,
                                 event.hash})
        q.addBindValue(sqlText(value));
    if (fence)
        fence->bindTo(q);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot append \"%1\" to the audit log").arg(event.action), q);
    if (postgres && q.next()) {
        event.operatorName = q.value(0).toString();
        event.hash = q.value(1).toString();
        q.finish();
    } else if (fence && (postgres || q.numRowsAffected() != 1)) {
        q.finish();
        return fence->refuse(m_db, QStringLiteral("audit event %1").arg(event.action));
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    // Other consoles' audit views learn of it (PostgreSQL NOTIFY); outside a caller's transaction it is sent now.
    m_db.notify(QStringLiteral("audit"), event.runId.toLongLong());
    return event;
}

Result<QList<AuditEvent>> AuditLog::read(const AuditFilter &filter, QStringList *timeTexts) const
{
    // Only fixed text is concatenated here; every value is bound.
    QStringList where;
    QVariantList values;
    auto add = [&](const QString &condition, const QVariant &value) {
        where << condition;
        values << value;
    };
    if (!filter.runId.isEmpty())
        add(QStringLiteral("run_id = ?"), filter.runId);
    if (!filter.instance.isEmpty())
        add(QStringLiteral("instance = ?"), filter.instance);
    if (!filter.action.isEmpty())
        add(QStringLiteral("action = ?"), filter.action);
    if (!filter.operatorName.isEmpty())
        add(QStringLiteral("operator = ?"), filter.operatorName);
    // Times are fixed-width UTC ISO text, so text order is time order.
    if (filter.from.isValid())
        add(QStringLiteral("at >= ?"), AuditChain::timeText(filter.from));
    if (filter.to.isValid())
        add(QStringLiteral("at < ?"), AuditChain::timeText(filter.to));
    if (filter.afterSeq > 0)
        add(QStringLiteral("seq > ?"), filter.afterSeq);

    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM audit_events");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += filter.newestFirst ? QStringLiteral(" ORDER BY seq DESC") : QStringLiteral(" ORDER BY seq");
    if (filter.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot read the audit log"), q);
    QList<AuditEvent> out;
    QString time;
    while (q.next()) {
        out << eventFrom(q, &time);
        if (timeTexts)
            *timeTexts << time;
    }
    return out;
}

Result<QList<AuditEvent>> AuditLog::query(const AuditFilter &filter) const
{
    return read(filter, nullptr);
}

Result<AuditVerifyReport> AuditLog::verify(const QString &expectedHead, const AuditChain::Progress &onProgress) const
{
    QStringList times;
    const auto events = read({}, &times);
    if (!events)
        return events.error();
    AuditVerifyReport report = AuditChain::verify(*events, times, expectedHead, onProgress);
    if (report.cancelled)
        return Error{report.reason, Database::displayLocation(m_db.location()), QStringLiteral("verify again to check the whole chain")};
    return report;
}

Result<AuditVerifyReport> AuditLog::verifyAt(const QString &location, const QString &expectedHead, const AuditChain::Progress &onProgress)
{
    // One connection per call: Qt SQL connections belong to the thread that opened them.
    static std::atomic<int> serial{0};
    Database db;
    if (Status s = db.open(location, QStringLiteral("lockstep-audit-verify-%1").arg(++serial)); !s)
        return s.error();
    return AuditLog(db).verify(expectedHead, onProgress);
}

QString AuditLog::location() const
{
    return m_db.location();
}

Result<QString> AuditLog::headHash() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1")))
        return sqlFailure(QStringLiteral("cannot read the audit log head"), q);
    return q.next() ? q.value(0).toString() : AuditChain::genesisHash();
}

Status AuditLog::exportJson(QIODevice &out) const
{
    const auto events = query();
    if (!events)
        return events.error();
    return AuditExport::writeJson(*events, out);
}

Status AuditLog::exportCsv(QIODevice &out) const
{
    const auto events = query();
    if (!events)
        return events.error();
    return AuditExport::writeCsv(*events, out);
}

} // namespace lockstep
