#include "models/store/LeaseFence.h"

#include "models/store/Database.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace lockstep {

LeaseFence::LeaseFence(qint64 runId, const QList<QPair<QString, qint64>> &generations, LostHandler onLost)
    : m_runId(runId), m_generations(generations), m_onLost(std::move(onLost))
{
}

QString LeaseFence::condition(bool postgres) const
{
    // FOR SHARE (PostgreSQL): a takeover that committed meanwhile is seen (the row is re-checked at its
    // newest version), and one that comes later waits until this write committed. SQLite has one writer.
    const QString one = QStringLiteral(" AND EXISTS (SELECT 1 FROM leases WHERE instance = ? AND run_id = ? "
                                       "AND generation = ? AND released_at = ''%1)")
                            .arg(postgres ? QStringLiteral(" FOR SHARE") : QString());
    QString out;
    for (qsizetype i = 0; i < m_generations.size(); ++i)
        out += one;
    return out;
}

void LeaseFence::bindTo(QSqlQuery &q) const
{
    for (const auto &[instance, generation] : m_generations) {
        q.addBindValue(instance);
        q.addBindValue(m_runId);
        q.addBindValue(generation);
    }
}

Error LeaseFence::refuse(Database &db, const QString &what)
{
    if (!m_lost)
        lose(lostLeaseError(m_runId, describeLoss(db, m_runId, m_generations), what));
    return *m_lost;
}

void LeaseFence::lose(const Error &why)
{
    if (m_lost)
        return;
    m_lost = why;
    if (m_onLost)
        m_onLost(why);
}

QString LeaseFence::describeLoss(Database &db, qint64 runId, const QList<QPair<QString, qint64>> &generations)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT run_id, operator, generation, released_at FROM leases WHERE instance = ?"));
    QStringList lost;
    for (const auto &[instance, generation] : generations) {
        q.addBindValue(instance);
        if (!q.exec() || !q.next()) {
            lost << QStringLiteral("%1 (no lease)").arg(instance);
            continue;
        }
        const qint64 holder = q.value(0).toLongLong();
        if (holder != runId)
            lost << QStringLiteral("%1 to run %2 (operator %3)").arg(instance, QString::number(holder), q.value(1).toString());
        else if (!q.value(3).toString().isEmpty())
            lost << QStringLiteral("%1 (released)").arg(instance);
        else if (q.value(2).toLongLong() != generation)
            lost << QStringLiteral("%1 (taken again by this run elsewhere)").arg(instance);
        q.finish();
    }
    return lost.join(QStringLiteral(", "));
}

Error LeaseFence::lostLeaseError(qint64 runId, const QString &lostTo, const QString &what)
{
    return Error{QStringLiteral("run %1 lost its lease%2; this console stops writing for the run%3")
                     .arg(QString::number(runId), lostTo.isEmpty() ? QString() : QStringLiteral(" on ") + lostTo,
                          what.isEmpty() ? QString() : QStringLiteral(" (refused: %1)").arg(what)),
                 {},
                 QStringLiteral("this console did not refresh its leases within the lease timeout and another console "
                                "took the instances over; that run is in charge now — check its progress there")};
}

} // namespace lockstep
