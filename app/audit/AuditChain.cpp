#include "app/audit/AuditChain.h"

#include <QCryptographicHash>
#include <QHash>

namespace lockstep {

QString auditProblemName(AuditVerifyReport::Problem problem)
{
    switch (problem) {
    case AuditVerifyReport::Problem::None: return QStringLiteral("intact");
    case AuditVerifyReport::Problem::Edited: return QStringLiteral("edited");
    case AuditVerifyReport::Problem::Deleted: return QStringLiteral("deleted");
    case AuditVerifyReport::Problem::Reordered: return QStringLiteral("reordered");
    case AuditVerifyReport::Problem::Broken: return QStringLiteral("broken");
    case AuditVerifyReport::Problem::Rechained: return QStringLiteral("re-chained");
    }
    return {};
}

QString AuditChain::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QString AuditChain::timeText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QByteArray AuditChain::canonicalForm(const AuditEvent &event, const QString &time)
{
    // Each field is "name:<byte length>:<UTF-8 value>\n" in a fixed order: length prefixes make the form
    // unambiguous whatever the values contain (newlines, colons), and it is easy to rebuild in any language.
    const std::pair<const char *, QString> fields[] = {
        {"seq", QString::number(event.seq)},
        {"time", time},
        {"operator", event.operatorName},
        {"action", event.action},
        {"run_id", event.runId},
        {"instance", event.instance},
        {"from_version", event.fromVersion},
        {"to_version", event.toVersion},
        {"result", event.result},
        {"reason", event.reason},
        {"evidence", event.evidence},
        {"prev_hash", event.prevHash},
    };
    QByteArray out("lockstep-audit-v1\n");
    for (const auto &[name, value] : fields) {
        const QByteArray bytes = value.toUtf8();
        out += name;
        out += ':';
        out += QByteArray::number(bytes.size());
        out += ':';
        out += bytes;
        out += '\n';
    }
    return out;
}

QString AuditChain::hashOf(const AuditEvent &event, const QString &time)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalForm(event, time), QCryptographicHash::Sha256).toHex());
}

AuditVerifyReport AuditChain::verify(const QList<AuditEvent> &events, const QStringList &timeTexts,
                                     const QString &expectedHead, const Progress &onProgress)
{
    AuditVerifyReport report;
    report.records = events.size();
    report.headHash = genesisHash();

    QHash<QString, qint64> seqOfHash;
    for (const AuditEvent &e : events)
        seqOfHash.insert(e.hash, e.seq);

    auto fail = [&report](AuditVerifyReport::Problem problem, qint64 seq, const QString &reason) {
        report.problem = problem;
        report.firstBrokenSeq = seq;
        report.reason = reason;
        return report;
    };

    QString previous = genesisHash();
    qint64 expected = 1;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (onProgress && i % 256 == 0 && !onProgress(i, events.size())) {
            report.cancelled = true;
            report.reason = QStringLiteral("verification cancelled after %1 of %2 records").arg(QString::number(i), QString::number(events.size()));
            return report;
        }
        const AuditEvent &e = events.at(i);
        if (e.seq > expected) {
            const QString missing = e.seq == expected + 1
                                        ? QString::number(expected)
                                        : QStringLiteral("%1 to %2").arg(expected).arg(e.seq - 1);
            return fail(AuditVerifyReport::Problem::Deleted, expected,
                        QStringLiteral("record %1 is missing: the log jumps to record %2").arg(missing).arg(e.seq));
        }
        if (e.seq < expected)
            return fail(AuditVerifyReport::Problem::Reordered, e.seq,
                        QStringLiteral("record %1 appears after record %2").arg(e.seq).arg(expected - 1));

        const QString time = i < timeTexts.size() ? timeTexts.at(i) : timeText(e.time);
        const bool linked = e.prevHash == previous;
        const auto elsewhere = seqOfHash.constFind(e.prevHash);
        const bool pointsElsewhere = !linked && elsewhere != seqOfHash.constEnd() && elsewhere.value() != e.seq;

        if (hashOf(e, time) != e.hash) {
            if (pointsElsewhere)
                return fail(AuditVerifyReport::Problem::Reordered, e.seq,
                            QStringLiteral("record %1 holds the record that followed record %2: records were "
                                           "reordered").arg(e.seq).arg(elsewhere.value()));
            return fail(AuditVerifyReport::Problem::Edited, e.seq,
                        QStringLiteral("record %1 was edited: its content does not match its hash").arg(e.seq));
        }
        if (!linked) {
            if (pointsElsewhere)
                return fail(AuditVerifyReport::Problem::Reordered, e.seq,
                            QStringLiteral("record %1 follows record %2 instead of record %3: records were "
                                           "reordered").arg(e.seq).arg(elsewhere.value()).arg(e.seq - 1));
            if (e.seq > 1)
                // The hash this record points to exists nowhere: its predecessor was rewritten and re-hashed.
                return fail(AuditVerifyReport::Problem::Edited, e.seq - 1,
                            QStringLiteral("record %1 was rewritten: record %2 still points to its original hash")
                                .arg(e.seq - 1).arg(e.seq));
            return fail(AuditVerifyReport::Problem::Broken, e.seq,
                        QStringLiteral("record 1 does not start the chain (prev_hash is not the genesis hash)"));
        }
        previous = e.hash;
        report.headHash = e.hash;
        ++expected;
    }
    if (!expectedHead.isEmpty() && expectedHead != previous) {
        if (seqOfHash.contains(expectedHead))
            return fail(AuditVerifyReport::Problem::Broken, seqOfHash.value(expectedHead),
                        QStringLiteral("the expected head is record %1, but the log goes on after it")
                            .arg(seqOfHash.value(expectedHead)));
        return fail(AuditVerifyReport::Problem::Deleted, expected,
                    QStringLiteral("the log ends at record %1 but the expected head is not in it: records at the "
                                   "end were deleted or the log was replaced").arg(expected - 1));
    }
    return report;
}

} // namespace lockstep
