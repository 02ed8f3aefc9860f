#include "app/audit/AuditExport.h"

#include "app/audit/AuditChain.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace lockstep {

namespace {

const QString kFormat = QStringLiteral("lockstep-audit-v1");

QStringList rowOf(const AuditEvent &e)
{
    return {QString::number(e.seq), AuditChain::timeText(e.time), e.operatorName, e.action, e.runId, e.instance,
            e.fromVersion, e.toVersion, e.result, e.reason, e.evidence, e.prevHash, e.hash};
}

Result<AuditEvent> eventOf(const QStringList &row, const QString &where)
{
    if (row.size() != AuditExport::columns().size())
        return Error{QStringLiteral("expected %1 fields, found %2").arg(AuditExport::columns().size()).arg(row.size()),
                     where, {}};
    AuditEvent e;
    bool ok = false;
    e.seq = row.at(0).toLongLong(&ok);
    if (!ok)
        return Error{QStringLiteral("seq \"%1\" is not a number").arg(row.at(0).left(32)), where, {}};
    e.time = QDateTime::fromString(row.at(1), Qt::ISODateWithMs);
    if (!e.time.isValid())
        return Error{QStringLiteral("time \"%1\" is not an ISO-8601 time").arg(row.at(1).left(40)), where, {}};
    e.operatorName = row.at(2);
    e.action = row.at(3);
    e.runId = row.at(4);
    e.instance = row.at(5);
    e.fromVersion = row.at(6);
    e.toVersion = row.at(7);
    e.result = row.at(8);
    e.reason = row.at(9);
    e.evidence = row.at(10);
    e.prevHash = row.at(11);
    e.hash = row.at(12);
    return e;
}

QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n'))
        && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

const QStringList &AuditExport::columns()
{
    static const QStringList names{QStringLiteral("seq"),        QStringLiteral("time"),
                                   QStringLiteral("operator"),   QStringLiteral("action"),
                                   QStringLiteral("run_id"),     QStringLiteral("instance"),
                                   QStringLiteral("from_version"), QStringLiteral("to_version"),
                                   QStringLiteral("result"),     QStringLiteral("reason"),
                                   QStringLiteral("evidence"),   QStringLiteral("prev_hash"),
                                   QStringLiteral("hash")};
    return names;
}

Status AuditExport::writeJson(const QList<AuditEvent> &events, QIODevice &out)
{
    QJsonArray array;
    for (const AuditEvent &e : events) {
        const QStringList row = rowOf(e);
        QJsonObject object;
        object.insert(columns().at(0), e.seq);
        for (qsizetype i = 1; i < row.size(); ++i)
            object.insert(columns().at(i), row.at(i));
        array.append(object);
    }
    QJsonObject root;
    root.insert(QStringLiteral("format"), kFormat);
    root.insert(QStringLiteral("head"), events.isEmpty() ? AuditChain::genesisHash() : events.last().hash);
    root.insert(QStringLiteral("events"), array);
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    if (out.write(bytes) != bytes.size())
        return Error{QStringLiteral("cannot write the audit export: %1").arg(out.errorString()), {}, {}};
    return okStatus();
}

Status AuditExport::writeCsv(const QList<AuditEvent> &events, QIODevice &out)
{
    QByteArray bytes = columns().join(QLatin1Char(',')).toUtf8() + "\r\n";
    for (const AuditEvent &e : events) {
        QStringList fields;
        for (const QString &value : rowOf(e))
            fields << csvField(value);
        bytes += fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
    }
    if (out.write(bytes) != bytes.size())
        return Error{QStringLiteral("cannot write the audit export: %1").arg(out.errorString()), {}, {}};
    return okStatus();
}

Result<QList<AuditEvent>> AuditExport::readJson(QIODevice &in, QString *head)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{QStringLiteral("not a JSON audit export: %1").arg(parseError.errorString()),
                     QStringLiteral("offset %1").arg(parseError.offset), {}};
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != kFormat)
        return Error{QStringLiteral("not a Lockstep audit export (format is not %1)").arg(kFormat), {}, {}};
    if (head)
        *head = root.value(QStringLiteral("head")).toString();
    QList<AuditEvent> events;
    const QJsonArray array = root.value(QStringLiteral("events")).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        QStringList row{QString::number(object.value(columns().at(0)).toInteger())};
        for (qsizetype c = 1; c < columns().size(); ++c)
            row << object.value(columns().at(c)).toString();
        auto e = eventOf(row, QStringLiteral("event %1").arg(i + 1));
        if (!e)
            return e.error();
        events << *e;
    }
    return events;
}

Result<QList<AuditEvent>> AuditExport::readCsv(QIODevice &in)
{
    // RFC 4180: fields may be quoted; quoted fields may hold commas, quotes ("") and line breaks.
    const QString text = QString::fromUtf8(in.readAll());
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            fieldStarted = false;
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            row << field;
            rows << row;
            row.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted)
        return Error{QStringLiteral("unterminated quoted field in the CSV export"), {}, {}};
    if (fieldStarted || !row.isEmpty()) {
        row << field;
        rows << row;
    }
    if (rows.isEmpty() || rows.first() != columns())
        return Error{QStringLiteral("not a Lockstep audit export: the header is not %1")
                         .arg(columns().join(QLatin1Char(','))), QStringLiteral("line 1"), {}};
    QList<AuditEvent> events;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        auto e = eventOf(rows.at(r), QStringLiteral("record %1").arg(r));
        if (!e)
            return e.error();
        events << *e;
    }
    return events;
}

} // namespace lockstep
