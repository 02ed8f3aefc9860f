#include "app/runbook/Duration.h"

namespace lockstep {

std::optional<std::chrono::milliseconds> Duration::parse(const QString &text)
{
    const QString s = text.trimmed();
    if (s.isEmpty() || s.size() > 64)
        return std::nullopt;
    qint64 total = 0;
    qsizetype i = 0;
    while (i < s.size()) {
        qint64 number = 0;
        const qsizetype digitsStart = i;
        while (i < s.size() && s.at(i).isDigit() && s.at(i).unicode() < 128) {
            number = number * 10 + (s.at(i).unicode() - '0');
            if (number > kMax.count())
                return std::nullopt;
            ++i;
        }
        if (i == digitsStart)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < s.size() && s.at(i).isLetter())
            ++i;
        const QStringView unit = QStringView(s).mid(unitStart, i - unitStart);
        qint64 factor = 0;
        if (unit == u"ms")
            factor = 1;
        else if (unit == u"s")
            factor = 1000;
        else if (unit == u"m")
            factor = 60 * 1000;
        else if (unit == u"h")
            factor = 3600 * 1000;
        else
            return std::nullopt;   // a bare number is refused: "30" could mean seconds or minutes
        total += number * factor;
        if (total > kMax.count())
            return std::nullopt;
    }
    return std::chrono::milliseconds(total);
}

QString Duration::format(std::chrono::milliseconds duration)
{
    qint64 ms = duration.count();
    if (ms == 0)
        return QStringLiteral("0s");
    QString out;
    if (ms < 0) {
        out += QLatin1Char('-');
        ms = -ms;
    }
    const qint64 h = ms / 3600000;
    ms %= 3600000;
    const qint64 m = ms / 60000;
    ms %= 60000;
    const qint64 s = ms / 1000;
    ms %= 1000;
    if (h)
        out += QString::number(h) + QLatin1Char('h');
    if (m)
        out += QString::number(m) + QLatin1Char('m');
    if (s)
        out += QString::number(s) + QLatin1Char('s');
    if (ms)
        out += QString::number(ms) + QLatin1String("ms");
    return out;
}

} // namespace lockstep
