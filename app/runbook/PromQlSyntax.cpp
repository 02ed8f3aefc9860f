#include "app/runbook/PromQlSyntax.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>

namespace lockstep {

namespace {

// Functions, aggregations and grouping keywords that may be followed by '(' (Prometheus 2.x).
const QSet<QString> &callables()
{
    static const QSet<QString> names = [] {
        const QStringList list{
            // aggregations and their grouping clauses
            QStringLiteral("sum"), QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("avg"),
            QStringLiteral("group"), QStringLiteral("stddev"), QStringLiteral("stdvar"), QStringLiteral("count"),
            QStringLiteral("count_values"), QStringLiteral("bottomk"), QStringLiteral("topk"),
            QStringLiteral("quantile"), QStringLiteral("by"), QStringLiteral("without"), QStringLiteral("on"),
            QStringLiteral("ignoring"), QStringLiteral("group_left"), QStringLiteral("group_right"),
            // functions
            QStringLiteral("abs"), QStringLiteral("absent"), QStringLiteral("absent_over_time"), QStringLiteral("ceil"),
            QStringLiteral("changes"), QStringLiteral("clamp"), QStringLiteral("clamp_max"), QStringLiteral("clamp_min"),
            QStringLiteral("day_of_month"), QStringLiteral("day_of_week"), QStringLiteral("day_of_year"),
            QStringLiteral("days_in_month"), QStringLiteral("delta"), QStringLiteral("deriv"), QStringLiteral("exp"),
            QStringLiteral("floor"), QStringLiteral("histogram_count"), QStringLiteral("histogram_sum"),
            QStringLiteral("histogram_fraction"), QStringLiteral("histogram_quantile"),
            QStringLiteral("histogram_stddev"), QStringLiteral("histogram_stdvar"), QStringLiteral("holt_winters"),
            QStringLiteral("hour"), QStringLiteral("idelta"), QStringLiteral("increase"), QStringLiteral("irate"),
            QStringLiteral("label_join"), QStringLiteral("label_replace"), QStringLiteral("ln"), QStringLiteral("log2"),
            QStringLiteral("log10"), QStringLiteral("minute"), QStringLiteral("month"), QStringLiteral("predict_linear"),
            QStringLiteral("rate"), QStringLiteral("resets"), QStringLiteral("round"), QStringLiteral("scalar"),
            QStringLiteral("sgn"), QStringLiteral("sort"), QStringLiteral("sort_desc"), QStringLiteral("sqrt"),
            QStringLiteral("time"), QStringLiteral("timestamp"), QStringLiteral("vector"), QStringLiteral("year"),
            QStringLiteral("avg_over_time"), QStringLiteral("min_over_time"), QStringLiteral("max_over_time"),
            QStringLiteral("sum_over_time"), QStringLiteral("count_over_time"), QStringLiteral("quantile_over_time"),
            QStringLiteral("stddev_over_time"), QStringLiteral("stdvar_over_time"), QStringLiteral("last_over_time"),
            QStringLiteral("present_over_time"), QStringLiteral("acos"), QStringLiteral("acosh"), QStringLiteral("asin"),
            QStringLiteral("asinh"), QStringLiteral("atan"), QStringLiteral("atanh"), QStringLiteral("cos"),
            QStringLiteral("cosh"), QStringLiteral("sin"), QStringLiteral("sinh"), QStringLiteral("tan"),
            QStringLiteral("tanh"), QStringLiteral("deg"), QStringLiteral("rad"), QStringLiteral("pi"),
            // binary operators that may precede a parenthesis
            QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("unless"), QStringLiteral("bool"),
            // the @ modifier's start() and end()
            QStringLiteral("start"), QStringLiteral("end"),
        };
        return QSet<QString>(list.cbegin(), list.cend());
    }();
    return names;
}

bool isNameStart(QChar c) { return c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char(':'); }
bool isNameChar(QChar c) { return isNameStart(c) || c.isDigit(); }

// `5m`, `1h30m`, `250ms`: one or more number+unit pairs.
bool isDuration(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]+(ms|s|m|h|d|w|y))+$"));
    return re.match(text).hasMatch();
}

QString at(qsizetype i, const QString &message)
{
    return QStringLiteral("PromQL: character %1: %2").arg(QString::number(i + 1), message);
}

} // namespace

std::optional<QString> PromQlSyntax::problem(const QString &expression)
{
    // The placeholders become what they will be replaced with; any other {{…}} is a mistake.
    QString text = expression;
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{\\s*([A-Za-z_.]+)\\s*\\}\\}"));
    for (auto it = placeholder.globalMatch(expression); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1);
        if (name != QLatin1String("selector") && name != QLatin1String("window") && name != QLatin1String("quantile"))
            return at(m.capturedStart(), QStringLiteral("unknown placeholder {{%1}}; a PromQL gate may use {{selector}}, "
                                                     "{{window}} and {{quantile}}").arg(name));
    }
    // Each placeholder becomes a value of its kind, padded to its own length so positions stay true.
    for (auto it = placeholder.globalMatch(expression); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1);
        const QString value = name == QLatin1String("window")
            ? QStringLiteral("1m").rightJustified(m.capturedLength(), QLatin1Char('0'))
            : (name == QLatin1String("quantile") ? QStringLiteral("0.5") : QStringLiteral("a=\"b\""))
                  .leftJustified(m.capturedLength(), QLatin1Char(' '));
        text.replace(m.capturedStart(), m.capturedLength(), value);
    }

    struct Open
    {
        QChar bracket;
        qsizetype at;
    };
    QList<Open> stack;
    qsizetype lastSignificant = -1;   // position of the last character that is not a blank
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isSpace())
            continue;
        if (c == QLatin1Char('#')) {   // a comment runs to the end of the line
            while (i < text.size() && text.at(i) != QLatin1Char('\n'))
                ++i;
            continue;
        }
        lastSignificant = i;
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`')) {
            const qsizetype start = i;
            for (++i; i < text.size() && text.at(i) != c; ++i)
                if (text.at(i) == QLatin1Char('\\') && c != QLatin1Char('`'))
                    ++i;
            if (i >= text.size())
                return at(start, QStringLiteral("string %1 is not terminated").arg(c));
            lastSignificant = i;
            continue;
        }
        if (isNameStart(c)) {
            const qsizetype start = i;
            while (i + 1 < text.size() && isNameChar(text.at(i + 1)))
                ++i;
            const QString name = text.mid(start, i - start + 1);
            qsizetype next = i + 1;
            while (next < text.size() && text.at(next).isSpace())
                ++next;
            const bool inBraces = !stack.isEmpty() && stack.last().bracket == QLatin1Char('{');
            if (!inBraces && next < text.size() && text.at(next) == QLatin1Char('(') && !callables().contains(name))
                return at(start, QStringLiteral("'%1' is not a PromQL function or aggregation").arg(name));
            if (!inBraces && name == QLatin1String("offset")) {
                qsizetype end = next;
                if (end < text.size() && text.at(end) == QLatin1Char('-'))
                    ++end;
                const qsizetype durationStart = end;
                while (end < text.size() && text.at(end).isLetterOrNumber())
                    ++end;
                if (!isDuration(text.mid(durationStart, end - durationStart)))
                    return at(next, QStringLiteral("offset needs a duration such as 5m"));
                i = end - 1;
                lastSignificant = i;
            }
            continue;
        }
        if (c.isDigit() || c == QLatin1Char('.')) {
            while (i + 1 < text.size() && (text.at(i + 1).isLetterOrNumber() || text.at(i + 1) == QLatin1Char('.')
                                           || ((text.at(i + 1) == QLatin1Char('+') || text.at(i + 1) == QLatin1Char('-'))
                                               && (text.at(i) == QLatin1Char('e') || text.at(i) == QLatin1Char('E')))))
                ++i;
            continue;
        }
        if (c == QLatin1Char('(') || c == QLatin1Char('{')) {
            stack.append({c, i});
            continue;
        }
        if (c == QLatin1Char('[')) {
            const qsizetype close = text.indexOf(QLatin1Char(']'), i);
            if (close < 0)
                return at(i, QStringLiteral("'[' is never closed"));
            const QString inside = text.mid(i + 1, close - i - 1).trimmed();
            const qsizetype colon = inside.indexOf(QLatin1Char(':'));
            const QString range = (colon < 0 ? inside : inside.left(colon)).trimmed();
            const QString step = colon < 0 ? QString() : inside.mid(colon + 1).trimmed();
            if (!isDuration(range) || (!step.isEmpty() && !isDuration(step)))
                return at(i, QStringLiteral("[%1] is not a range: expected a duration such as [5m], or [30m:1m] for a "
                                            "subquery").arg(inside));
            i = close;
            lastSignificant = i;
            continue;
        }
        if (c == QLatin1Char(')') || c == QLatin1Char('}') || c == QLatin1Char(']')) {
            const QChar opening = c == QLatin1Char(')') ? QLatin1Char('(') : c == QLatin1Char('}') ? QLatin1Char('{') : QLatin1Char('[');
            if (stack.isEmpty())
                return at(i, QStringLiteral("'%1' closes nothing").arg(c));
            if (stack.last().bracket != opening)
                return at(i, QStringLiteral("'%1' closes the '%2' opened at character %3")
                                 .arg(QString(c), QString(stack.last().bracket), QString::number(stack.last().at + 1)));
            stack.removeLast();
            continue;
        }
        static const QString operators = QStringLiteral("+-*/%^=!<>~,@");
        if (!operators.contains(c))
            return at(i, QStringLiteral("'%1' has no meaning in PromQL").arg(c));
    }
    if (!stack.isEmpty())
        return at(stack.last().at, QStringLiteral("'%1' is never closed").arg(stack.last().bracket));
    if (lastSignificant < 0)
        return QStringLiteral("PromQL: the expression is empty");
    static const QString binaryEnd = QStringLiteral("+-*/%^=!<>~,");
    if (binaryEnd.contains(text.at(lastSignificant)))
        return at(lastSignificant, QStringLiteral("the expression ends with the operator '%1'").arg(text.at(lastSignificant)));
    static const QRegularExpression wordOperatorEnd(QStringLiteral("\\b(and|or|unless|by|without|on|ignoring|offset|bool)\\s*$"));
    if (const auto m = wordOperatorEnd.match(text.left(lastSignificant + 1)); m.hasMatch())
        return at(m.capturedStart(1), QStringLiteral("the expression ends with '%1'").arg(m.captured(1)));
    return std::nullopt;
}

} // namespace lockstep
