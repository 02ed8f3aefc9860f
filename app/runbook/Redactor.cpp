#include "app/runbook/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace lockstep {

Redactor::Redactor(const QStringList &secrets)
{
    for (const QString &secret : secrets) {
        if (secret.isEmpty())
            continue;
        QString shellQuoted = secret;
        shellQuoted.replace(QLatin1String("'"), QLatin1String("'\\''"));
        const QString percent = QString::fromLatin1(QUrl::toPercentEncoding(secret));
        QString json = QString::fromUtf8(QJsonDocument(QJsonArray{secret}).toJson(QJsonDocument::Compact));
        json = json.mid(2, json.size() - 4);   // strip ["  "]
        for (const QString &needle : {secret, shellQuoted, percent, json})
            if (!needle.isEmpty() && !m_needles.contains(needle))
                m_needles.append(needle);
    }
    std::sort(m_needles.begin(), m_needles.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

QString Redactor::redact(QString line) const
{
    for (const QString &needle : m_needles)
        line.replace(needle, mask());
    return line;
}

} // namespace lockstep
