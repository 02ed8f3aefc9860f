#include "models/secret/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace lockstep {

namespace {

// Base64 groups of this many characters or more are specific enough to mask wherever they appear.
constexpr qsizetype kMinAlignedBase64 = 8;

void addForm(QStringList &forms, const QString &form)
{
    if (!form.isEmpty() && !forms.contains(form))
        forms.append(form);
}

QString lowerHex(QString encoded)
{
    for (qsizetype i = 0; i + 2 < encoded.size(); ++i) {
        if (encoded.at(i) == QLatin1Char('%')) {
            encoded[i + 1] = encoded.at(i + 1).toLower();
            encoded[i + 2] = encoded.at(i + 2).toLower();
        }
    }
    return encoded;
}

// As Qt writes a JSON string (UTF-8 kept), without the quotes.
QString jsonEscaped(const QString &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(2, wrapped.size() - 4));
}

// As most other JSON writers do it (Python, jq -a): everything outside printable ASCII as \uXXXX.
QString jsonAsciiEscaped(const QString &value)
{
    QString out;
    for (const QChar c : value) {
        switch (c.unicode()) {
        case '"': out += QLatin1String("\\\""); break;
        case '\\': out += QLatin1String("\\\\"); break;
        case '\n': out += QLatin1String("\\n"); break;
        case '\r': out += QLatin1String("\\r"); break;
        case '\t': out += QLatin1String("\\t"); break;
        case '\b': out += QLatin1String("\\b"); break;
        case '\f': out += QLatin1String("\\f"); break;
        default:
            if (c.unicode() < 0x20 || c.unicode() > 0x7e)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out;
}

void addUrlForms(QStringList &forms, const QString &secret)
{
    const QString segment = QString::fromLatin1(QUrl::toPercentEncoding(secret));
    const QString query = QString::fromLatin1(QUrl::toPercentEncoding(secret, "/:@?"));
    for (const QString &encoded : {segment, query}) {
        addForm(forms, encoded);
        addForm(forms, lowerHex(encoded));
        addForm(forms, QString(encoded).replace(QLatin1String("%20"), QLatin1String("+")));
        addForm(forms, lowerHex(encoded).replace(QLatin1String("%20"), QLatin1String("+")));
    }
    // Qt shows URLs partly decoded (QUrl::toDisplayString, errors of QNetworkReply): learn its forms
    // from Qt itself rather than restating its rules.
    static const QByteArray prefix = "http://h/";
    static const QByteArray marker = "?lockstep-redactor=";
    const QUrl url = QUrl::fromEncoded(prefix + segment.toLatin1() + marker + query.toLatin1(), QUrl::StrictMode);
    if (!url.isValid())
        return;
    for (const QString &whole : {url.toDisplayString(), url.toString(QUrl::FullyEncoded)}) {
        const qsizetype at = whole.lastIndexOf(QLatin1String(marker));
        if (whole.startsWith(QLatin1String(prefix)) && at > 0) {
            addForm(forms, whole.mid(prefix.size(), at - prefix.size()));
            addForm(forms, whole.mid(at + marker.size()));
        }
    }
    for (QUrl::ComponentFormattingOptions how : {QUrl::ComponentFormattingOptions(QUrl::PrettyDecoded),
                                                 QUrl::ComponentFormattingOptions(QUrl::FullyEncoded)}) {
        addForm(forms, url.path(how).mid(1));
        addForm(forms, url.query(how).mid(marker.size() - 1));
    }
}

void addBase64Forms(QStringList &forms, const QString &secret)
{
    const QByteArray bytes = secret.toUtf8();
    for (const auto alphabet : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
        addForm(forms, QString::fromLatin1(bytes.toBase64(alphabet)));
        addForm(forms, QString::fromLatin1(bytes.toBase64(alphabet | QByteArray::OmitTrailingEquals)));
        // Inside a longer blob the secret starts at offset 0, 1 or 2 of a 3-byte group; the groups made
        // of its own bytes only encode the same whatever surrounds them.
        for (const qsizetype lead : {0, 1, 2}) {
            const qsizetype whole = (bytes.size() - lead) / 3 * 3;
            if (whole <= 0)
                continue;
            const QString aligned = QString::fromLatin1(bytes.mid(lead, whole).toBase64(alphabet));
            if (aligned.size() >= kMinAlignedBase64)
                addForm(forms, aligned);
        }
    }
}

} // namespace

QStringList Redactor::formsOf(const QString &secret)
{
    QStringList forms;
    if (secret.isEmpty())
        return forms;
    addForm(forms, secret);
    addForm(forms, QString(secret).replace(QLatin1String("'"), QLatin1String("'\\''")));
    addForm(forms, QRegularExpression::escape(secret));
    addUrlForms(forms, secret);
    addForm(forms, jsonEscaped(secret));
    const QString ascii = jsonAsciiEscaped(secret);
    addForm(forms, ascii);
    addForm(forms, QString(ascii).replace(QLatin1String("/"), QLatin1String("\\/")));
    addBase64Forms(forms, secret);
    return forms;
}

Redactor::Redactor(const QStringList &secrets)
{
    for (const QString &secret : secrets) {
        if (secret.isEmpty() || m_secrets.contains(secret))
            continue;
        m_secrets.append(secret);
        for (const QString &form : formsOf(secret))
            addForm(m_forms, form);
    }
    std::stable_sort(m_forms.begin(), m_forms.end(),
                     [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &form : std::as_const(m_forms)) {
        m_formBytes.append(form.toUtf8());
        m_longestBytes = std::max(m_longestBytes, m_formBytes.last().size());
    }
}

Redactor Redactor::with(const QStringList &secrets) const
{
    return Redactor(m_secrets + secrets);
}

QString Redactor::redact(QString text) const
{
    for (const QString &form : m_forms)
        text.replace(form, mask());
    return text;
}

QStringList Redactor::redact(QStringList texts) const
{
    for (QString &text : texts)
        text = redact(std::move(text));
    return texts;
}

bool Redactor::leaks(const QString &text) const
{
    for (const QString &form : m_forms)
        if (text.contains(form))
            return true;
    return false;
}

std::pair<qsizetype, qsizetype> Redactor::crossing(QByteArrayView bytes, qsizetype at) const
{
    std::pair<qsizetype, qsizetype> first{-1, -1};
    for (const QByteArray &form : m_formBytes) {
        if (form.size() < 2)
            continue;
        for (qsizetype pos = bytes.indexOf(form, std::max<qsizetype>(0, at - form.size() + 1)); pos >= 0 && pos < at;
             pos = bytes.indexOf(form, pos + 1)) {
            if (pos + form.size() > at) {
                if (first.first < 0 || pos < first.first)
                    first = {pos, pos + form.size()};
                break;
            }
        }
    }
    return first;
}

qsizetype Redactor::safeCut(QByteArrayView bytes, qsizetype at) const
{
    qsizetype cut = at;
    for (auto c = crossing(bytes, cut); c.first >= 0 && cut > 0; c = crossing(bytes, cut))
        cut = c.first;
    return cut;
}

qsizetype Redactor::cutAfter(QByteArrayView bytes, qsizetype at) const
{
    qsizetype cut = at;
    for (auto c = crossing(bytes, cut); c.first >= 0; c = crossing(bytes, cut))
        cut = c.second;
    return cut;
}

} // namespace lockstep
