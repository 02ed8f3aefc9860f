#include "app/ssh/SshTarget.h"

namespace lockstep {

Result<SshTarget> SshTarget::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    const auto bad = [&](const QString &why) {
        return Error{QStringLiteral("invalid SSH target '%1': %2").arg(text, why), {},
                     QStringLiteral("write it as user@host:port, host or an ssh_config Host alias")};
    };
    if (trimmed.isEmpty())
        return bad(QStringLiteral("it is empty"));
    if (trimmed.contains(QLatin1Char(' ')) || trimmed.startsWith(QLatin1Char('-')))
        return bad(QStringLiteral("it contains a space or starts with '-'"));

    SshTarget target;
    QString rest = trimmed;
    const qsizetype at = rest.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        target.user = rest.left(at);
        rest = rest.mid(at + 1);
        if (target.user.isEmpty())
            return bad(QStringLiteral("the user before '@' is empty"));
    }

    QString portText;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0)
            return bad(QStringLiteral("'[' without ']'"));
        target.host = rest.mid(1, close - 1);
        const QString after = rest.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':')))
                return bad(QStringLiteral("unexpected text after ']'"));
            portText = after.mid(1);
        }
    } else if (rest.count(QLatin1Char(':')) == 1) {
        const qsizetype colon = rest.indexOf(QLatin1Char(':'));
        target.host = rest.left(colon);
        portText = rest.mid(colon + 1);
    } else {
        target.host = rest;     // a name, an alias or a bare IPv6 address
    }
    if (target.host.isEmpty())
        return bad(QStringLiteral("the host is empty"));
    if (!portText.isNull()) {
        bool ok = false;
        const uint port = portText.toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return bad(QStringLiteral("'%1' is not a port number").arg(portText));
        target.port = quint16(port);
    }
    return target;
}

QString SshTarget::toString() const
{
    QString text = user.isEmpty() ? QString() : user + QLatin1Char('@');
    const bool ipv6 = host.contains(QLatin1Char(':'));
    if (port != 0)
        text += (ipv6 ? QLatin1Char('[') + host + QLatin1Char(']') : host) + QLatin1Char(':') + QString::number(port);
    else
        text += host;
    return text;
}

} // namespace lockstep
