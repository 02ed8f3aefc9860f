#include "app/audit/AuditAnchorCheck.h"

#include <algorithm>

namespace lockstep {

namespace {

QString describe(const AuditAnchor &a)
{
    QString text = QStringLiteral("%1 (anchored %2").arg(a.witness, a.time.isEmpty() ? QStringLiteral("at an unknown time") : a.time);
    if (!a.origin.isEmpty())
        text += QStringLiteral(", ") + a.origin;
    return text + QLatin1Char(')');
}

} // namespace

AuditVerifyReport AuditAnchorCheck::check(const QList<AuditEvent> &events, AuditVerifyReport chain,
                                          QList<AuditAnchor> anchors)
{
    if (!chain.ok())
        return chain;
    std::stable_sort(anchors.begin(), anchors.end(), [](const AuditAnchor &a, const AuditAnchor &b) { return a.seq < b.seq; });
    const qint64 last = events.isEmpty() ? 0 : events.last().seq;
    // An intact chain holds records 1..last in order, so record n is events[n - 1].
    qint64 lastGood = 0;
    const AuditAnchor *lastGoodAnchor = nullptr;
    for (const AuditAnchor &a : std::as_const(anchors)) {
        if (a.seq <= 0)
            continue;   // the head of an empty log: nothing to compare
        ++chain.anchorsChecked;
        if (a.seq > last) {
            chain.problem = AuditVerifyReport::Problem::Deleted;
            chain.firstBrokenSeq = last + 1;
            const QString missing = a.seq == last + 1 ? QStringLiteral("record %1 was").arg(a.seq)
                                                      : QStringLiteral("records %1 to %2 were").arg(QString::number(last + 1), QString::number(a.seq));
            chain.reason = QStringLiteral("the log ends at record %1, but %2 recorded record %3 as the head: %4 deleted "
                                          "from the end")
                               .arg(QString::number(last), describe(a), QString::number(a.seq), missing);
            return chain;
        }
        const AuditEvent &record = events.at(a.seq - 1);
        if (record.hash != a.hash) {
            chain.problem = AuditVerifyReport::Problem::Rechained;
            chain.firstBrokenSeq = lastGood + 1;
            chain.reason = QStringLiteral("record %1 hashes to %2…, but %3 recorded %4… for it: records %5 to %1 were "
                                          "rewritten and the chain re-hashed after them%6")
                               .arg(QString::number(a.seq), record.hash.left(16), describe(a), a.hash.left(16),
                                    QString::number(lastGood + 1),
                                    lastGoodAnchor ? QStringLiteral(" (record %1 still matches %2)")
                                                         .arg(QString::number(lastGood), describe(*lastGoodAnchor))
                                                   : QString());
            return chain;
        }
        lastGood = a.seq;
        lastGoodAnchor = &a;
    }
    chain.anchoredSeq = lastGood;
    if (!lastGoodAnchor)
        chain.anchorNote = QStringLiteral("no witness has anchored this log: records deleted from its end or a "
                                          "re-chained log cannot be told from an intact one");
    else if (lastGood == last)
        chain.anchorNote = QStringLiteral("head anchored by %1").arg(describe(*lastGoodAnchor));
    else
        chain.anchorNote = QStringLiteral("records 1 to %1 anchored by %2; records %3 to %4 are newer than any witness")
                               .arg(QString::number(lastGood), describe(*lastGoodAnchor), QString::number(lastGood + 1),
                                    QString::number(last));
    return chain;
}

} // namespace lockstep
