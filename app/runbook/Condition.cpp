#include "app/runbook/Condition.h"

#include <QRegularExpression>

namespace lockstep {

std::optional<ChangeClass> changeClassFromName(const QString &name)
{
    for (ChangeClass c : {ChangeClass::None, ChangeClass::Patch, ChangeClass::Minor, ChangeClass::Major,
                          ChangeClass::Downgrade})
        if (changeClassName(c) == name)
            return c;
    return std::nullopt;
}

Result<Condition> Condition::parse(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*change\\s*(==|!=|\\bin\\b|\\bnot in\\b)\\s*(.+?)\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    const QString hint = QStringLiteral("write e.g. 'change == major', 'change != patch' or 'change in [minor, major]'");
    if (!m.hasMatch())
        return Error{QStringLiteral("cannot read condition '%1'").arg(text), {}, hint};
    Condition c;
    const QString op = m.captured(1);
    QString rhs = m.captured(2);
    c.m_negated = (op == QLatin1String("!=") || op == QLatin1String("not in"));
    const bool list = op.endsWith(QLatin1String("in"));
    if (list) {
        if (!rhs.startsWith(QLatin1Char('[')) || !rhs.endsWith(QLatin1Char(']')))
            return Error{QStringLiteral("'%1' needs a list such as [minor, major]").arg(op), {}, hint};
        rhs = rhs.mid(1, rhs.size() - 2);
    }
    const QStringList names = list ? rhs.split(QLatin1Char(',')) : QStringList{rhs};
    for (const QString &raw : names) {
        const QString name = raw.trimmed();
        const auto cls = changeClassFromName(name);
        if (!cls)
            return Error{QStringLiteral("unknown change class '%1'").arg(name), {},
                         QStringLiteral("use none, patch, minor, major or downgrade")};
        c.m_classes.append(*cls);
    }
    return c;
}

bool Condition::matches(ChangeClass change) const
{
    return m_classes.contains(change) != m_negated;
}

QString Condition::toString() const
{
    QStringList names;
    for (ChangeClass c : m_classes)
        names.append(changeClassName(c));
    return QStringLiteral("change %1 [%2]").arg(m_negated ? QLatin1String("not in") : QLatin1String("in"),
                                                 names.join(QLatin1String(", ")));
}

} // namespace lockstep
