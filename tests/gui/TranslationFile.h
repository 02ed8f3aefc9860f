#pragma once

#include "models/Result.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QXmlStreamReader>

namespace lockstep::test {

// A Qt Linguist .ts file as tst_translations needs it: each message with its context, source text,
// translation (one form, or the plural forms) and whether it is finished.
struct TranslationFile
{
    struct Message
    {
        QString context;
        QString source;
        QStringList translations;   // one, or one per plural form (numerus)
        QString type;               // "", "unfinished", "obsolete", "vanished" ...
        bool numerus = false;
        QStringList locations;      // "file:line", as lupdate wrote them

        bool isFinished() const
        {
            if (!type.isEmpty() || translations.isEmpty())
                return false;
            for (const QString &t : translations)
                if (t.trimmed().isEmpty())
                    return false;
            return true;
        }

        // What a translation lost of its source: placeholders, the accelerator, a trailing "…" or ':',
        // markup. Empty when it kept them all.
        QString shapeProblem() const
        {
            for (const QString &t : translations) {
                if (placeholders(source) != placeholders(t))
                    return QStringLiteral("placeholders differ in \"%1\"").arg(t);
                if (accelerators(source) != accelerators(t))
                    return QStringLiteral("\"%1\" has %2 accelerator(s) (&), the source %3").arg(t).arg(accelerators(t)).arg(accelerators(source));
                if (source.endsWith(QStringLiteral("…")) != t.endsWith(QStringLiteral("…")))
                    return QStringLiteral("\"%1\": a trailing \"…\" (opens a dialog) must stay as in the source").arg(t);
                if (source.endsWith(QLatin1Char(':')) != t.endsWith(QLatin1Char(':')))
                    return QStringLiteral("\"%1\": a trailing ':' (form label) must stay as in the source").arg(t);
                if (tags(source) != tags(t))
                    return QStringLiteral("markup differs in \"%1\"").arg(t);
            }
            return {};
        }

        static QSet<QString> placeholders(const QString &text)
        {
            static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
            QSet<QString> found;
            for (auto it = re.globalMatch(text); it.hasNext();)
                found.insert(it.next().captured());
            return found;
        }

        static int accelerators(const QString &text)
        {
            int count = 0;
            for (qsizetype i = 0; i + 1 < text.size(); ++i) {
                if (text.at(i) != QLatin1Char('&'))
                    continue;
                if (text.at(i + 1) != QLatin1Char('&'))
                    ++count;
                ++i;
            }
            return count;
        }

        static QStringList tags(const QString &text)
        {
            static const QRegularExpression re(QStringLiteral("<[^>]+>"));
            QStringList found;
            for (auto it = re.globalMatch(text); it.hasNext();)
                found << it.next().captured();
            return found;
        }
    };

    QList<Message> messages;

    const Message *find(const QString &context, const QString &source) const
    {
        for (const Message &m : messages)
            if (m.context == context && m.source == source)
                return &m;
        return nullptr;
    }

    static Result<TranslationFile> read(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("cannot read: ") + file.errorString(), path, {}};
        TranslationFile ts;
        QXmlStreamReader xml(&file);
        QString context;
        Message *message = nullptr;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                const auto name = xml.name();
                if (name == QLatin1String("context")) {
                    context.clear();
                } else if (name == QLatin1String("name") && !message) {
                    context = xml.readElementText();
                } else if (name == QLatin1String("message")) {
                    ts.messages.append(Message{});
                    message = &ts.messages.last();
                    message->context = context;
                    message->numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                } else if (message && name == QLatin1String("location")) {
                    message->locations << xml.attributes().value(QLatin1String("filename")).toString() + QLatin1Char(':')
                                              + xml.attributes().value(QLatin1String("line")).toString();
                } else if (message && name == QLatin1String("source")) {
                    message->source = xml.readElementText();
                } else if (message && name == QLatin1String("translation")) {
                    message->type = xml.attributes().value(QLatin1String("type")).toString();
                    if (!message->numerus)
                        message->translations << xml.readElementText();
                } else if (message && name == QLatin1String("numerusform")) {
                    message->translations << xml.readElementText();
                }
            } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
                message = nullptr;
            }
        }
        if (xml.hasError())
            return Error{xml.errorString(), QStringLiteral("%1:%2").arg(path).arg(xml.lineNumber()), {}};
        return ts;
    }
};

} // namespace lockstep::test
