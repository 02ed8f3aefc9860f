#include "app/runbook/TemplateString.h"

#include <QRegularExpression>

namespace lockstep {

namespace {

bool isValidName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*$"));
    return re.match(name).hasMatch();
}

} // namespace

Result<TemplateString> TemplateString::parse(const QString &text)
{
    TemplateString result;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), pos);
        if (open < 0) {
            result.m_parts.append({false, text.mid(pos), pos});
            break;
        }
        if (open > pos)
            result.m_parts.append({false, text.mid(pos, open - pos), pos});
        const qsizetype close = text.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0)
            return Error{QStringLiteral("unterminated '{{' at offset %1").arg(open), {},
                         QStringLiteral("close it with '}}'")};
        const QString name = text.mid(open + 2, close - open - 2).trimmed();
        if (!isValidName(name))
            return Error{QStringLiteral("'{{%1}}' is not a variable name").arg(name), {},
                         QStringLiteral("templates only hold names such as {{instance.name}} or {{params.tag}}")};
        result.m_parts.append({true, name, open});
        pos = close + 2;
    }
    return result;
}

bool TemplateString::hasVariables() const
{
    for (const Part &p : m_parts)
        if (p.variable)
            return true;
    return false;
}

QStringList TemplateString::variables() const
{
    QStringList names;
    for (const Part &p : m_parts)
        if (p.variable)
            names.append(p.text);
    return names;
}

} // namespace lockstep
