#include "app/identity/SignOffMessage.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonParseError>

namespace lockstep {

QString SignOffMessage::sha256(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString SignOffMessage::evidenceSha256() const
{
    return sha256(evidence);
}

QString SignOffMessage::timeText() const
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")) : QString();
}

QByteArray SignOffMessage::canonical() const
{
    QByteArray out = QByteArray(kFormat) + '\n';
    auto line = [&out](const char *name, const QString &value) {
        const QByteArray bytes = value.toUtf8();
        out += QByteArray(name) + ':' + QByteArray::number(bytes.size()) + ':' + bytes + '\n';
    };
    line("run", QString::number(runId));
    line("item", item);
    line("runbook_sha256", runbookSha256);
    line("target_version", targetVersion);
    line("principal", principal);
    line("time", timeText());
    line("comment", comment);
    line("evidence_sha256", evidenceSha256());
    return out;
}

QByteArray SignOffMessage::toJson() const
{
    const QJsonObject o{{QStringLiteral("format"), QLatin1String(kFormat)},
                        {QStringLiteral("run"), runId},
                        {QStringLiteral("item"), item},
                        {QStringLiteral("runbook_sha256"), runbookSha256},
                        {QStringLiteral("target_version"), targetVersion},
                        {QStringLiteral("principal"), principal},
                        {QStringLiteral("time"), timeText()},
                        {QStringLiteral("comment"), comment},
                        {QStringLiteral("evidence"), evidence},
                        {QStringLiteral("evidence_sha256"), evidenceSha256()},
                        {QStringLiteral("message"), QString::fromUtf8(canonical())},
                        {QStringLiteral("signature"), signature}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<SignOffMessage> SignOffMessage::fromJson(const QByteArray &json, const QString &where)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()
        || doc.object().value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        return Error{QStringLiteral("not a Lockstep sign-off file"), where,
                     QStringLiteral("use the file lockstep-cli signoff --request or --sign wrote")};
    const QJsonObject o = doc.object();
    SignOffMessage m;
    m.runId = o.value(QStringLiteral("run")).toInteger();
    m.item = o.value(QStringLiteral("item")).toString();
    m.runbookSha256 = o.value(QStringLiteral("runbook_sha256")).toString();
    m.targetVersion = o.value(QStringLiteral("target_version")).toString();
    m.principal = o.value(QStringLiteral("principal")).toString();
    const QString time = o.value(QStringLiteral("time")).toString();
    if (!time.isEmpty()) {
        m.time = QDateTime::fromString(time, Qt::ISODateWithMs);
        if (!m.time.isValid())
            return Error{QStringLiteral("the sign-off's time \"%1\" is not ISO-8601").arg(time), where, {}};
    }
    m.comment = o.value(QStringLiteral("comment")).toString();
    m.evidence = o.value(QStringLiteral("evidence")).toString();
    m.signature = o.value(QStringLiteral("signature")).toString();
    // The hash is recomputed from the evidence: a file whose evidence was edited no longer verifies.
    if (const QString hash = o.value(QStringLiteral("evidence_sha256")).toString(); !hash.isEmpty() && hash != m.evidenceSha256())
        return Error{QStringLiteral("the evidence in the sign-off file does not match its hash"), where,
                     QStringLiteral("the file was changed after it was written; ask for a new one")};
    return m;
}

} // namespace lockstep
