#include "models/store/GateMeasurementRepository.h"

#include "models/store/Database.h"
#include "models/store/LeaseFence.h"
#include "models/store/StoreSql.h"

#include <QSqlQuery>
#include <QVariant>

namespace lockstep {

using storesql::fromIso;
using storesql::iso;
using storesql::queryError;
using storesql::text;

namespace {

QVariant number(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<double>());
}

std::optional<double> numberFrom(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toDouble();
}

} // namespace

GateMeasurementRepository::GateMeasurementRepository(Database &db) : m_db(db) {}

Result<GateMeasurementRecord> GateMeasurementRepository::add(const GateMeasurementRecord &record)
{
    LeaseFence *fence = m_db.leaseFence(record.runId);
    if (fence && fence->isLost())
        return fence->lostError();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO gate_measurements (run_id, phase, wave, gate, metric, scope, window_from, "
                             "window_to, value, baseline, threshold, condition, verdict, source, reason, measured_at) "
                             "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE 1 = 1")
              + (fence ? fence->condition(m_db.dialect() == Database::Dialect::Postgres) : QString())
              + QStringLiteral(" RETURNING id"));
    q.addBindValue(record.runId);
    q.addBindValue(text(record.phase));
    q.addBindValue(record.wave);
    q.addBindValue(text(record.gate));
    q.addBindValue(text(record.metric));
    q.addBindValue(text(record.scope));
    q.addBindValue(text(iso(record.windowFrom)));
    q.addBindValue(text(iso(record.windowTo)));
    q.addBindValue(number(record.value));
    q.addBindValue(number(record.baseline));
    q.addBindValue(number(record.threshold));
    q.addBindValue(text(record.condition));
    q.addBindValue(text(record.verdict));
    q.addBindValue(text(record.source));
    q.addBindValue(text(record.reason));
    q.addBindValue(text(iso(record.measuredAt)));
    if (fence)
        fence->bindTo(q);
    const QString what = QStringLiteral("store the measurement of gate %1 of run %2").arg(record.gate).arg(record.runId);
    if (!q.exec())
        return queryError(q, what);
    if (!q.next()) {
        q.finish();
        if (fence)
            return fence->refuse(m_db, QStringLiteral("measurement of gate %1").arg(record.gate));
        return queryError(q, what);
    }
    GateMeasurementRecord stored = record;
    stored.id = q.value(0).toLongLong();
    q.finish();   // with RETURNING, SQLite commits when the statement is reset
    return stored;
}

Result<QList<GateMeasurementRecord>> GateMeasurementRepository::forRun(qint64 runId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, run_id, phase, wave, gate, metric, scope, window_from, window_to, value, baseline, "
                             "threshold, condition, verdict, source, reason, measured_at FROM gate_measurements "
                             "WHERE run_id = ? ORDER BY measured_at, id"));
    q.addBindValue(runId);
    if (!q.exec())
        return queryError(q, QStringLiteral("read the gate measurements of run %1").arg(runId));
    QList<GateMeasurementRecord> out;
    while (q.next()) {
        GateMeasurementRecord r;
        r.id = q.value(0).toLongLong();
        r.runId = q.value(1).toLongLong();
        r.phase = q.value(2).toString();
        r.wave = q.value(3).toInt();
        r.gate = q.value(4).toString();
        r.metric = q.value(5).toString();
        r.scope = q.value(6).toString();
        r.windowFrom = fromIso(q.value(7).toString());
        r.windowTo = fromIso(q.value(8).toString());
        r.value = numberFrom(q.value(9));
        r.baseline = numberFrom(q.value(10));
        r.threshold = numberFrom(q.value(11));
        r.condition = q.value(12).toString();
        r.verdict = q.value(13).toString();
        r.source = q.value(14).toString();
        r.reason = q.value(15).toString();
        r.measuredAt = fromIso(q.value(16).toString());
        out.append(r);
    }
    return out;
}

} // namespace lockstep
