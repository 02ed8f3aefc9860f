#include "app/core/RemoteText.h"

namespace lockstep {

namespace {

bool isHazard(char16_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F)     // C0, DEL, C1
        || c == 0x061C || c == 0x200E || c == 0x200F // arabic letter mark, LRM, RLM
        || (c >= 0x202A && c <= 0x202E)              // LRE RLE PDF LRO RLO
        || (c >= 0x2066 && c <= 0x2069);             // LRI RLI FSI PDI
}

} // namespace

QString neutralisedRemoteText(const QString &text)
{
    qsizetype i = 0;
    while (i < text.size() && !isHazard(text.at(i).unicode()))
        ++i;
    if (i == text.size())
        return text;   // the common case: nothing to replace, no copy
    QString out = text.left(i);
    for (; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (isHazard(c))
            out += QStringLiteral("\\u") + QString::number(c, 16).toUpper().rightJustified(4, QLatin1Char('0'));
        else
            out += text.at(i);
    }
    return out;
}

} // namespace lockstep
