#include "app/inventory/InventoryValidator.h"

#include "models/SemVer.h"

#include <QRegularExpression>

#include <algorithm>

namespace lockstep {

namespace {

constexpr int kMaxNameLength = 128;
constexpr int kMaxUrlLength = 2048;

QString shown(const QString &value)
{
    QString s = value.left(80);
    for (QChar &c : s) {
        if (c.isSpace() && c != QLatin1Char(' '))
            c = QLatin1Char('?');
    }
    return s;
}

bool hasControlOrSpace(const QString &value)
{
    for (QChar c : value) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return true;
    }
    return false;
}

} // namespace

Status InventoryValidator::checkName(const QString &what, const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    if (value.isEmpty())
        return Error{QStringLiteral("%1 is empty").arg(what), {}, {}};
    if (value.size() > kMaxNameLength || !pattern.match(value).hasMatch())
        return Error{QStringLiteral("%1 \"%2\" is not allowed").arg(what, shown(value)), {},
                     QStringLiteral("use letters, digits, '.', '_' and '-' (at most %1), starting with a letter or digit")
                         .arg(kMaxNameLength)};
    return okStatus();
}

Status InventoryValidator::checkTag(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._:-]*$"));
    if (value.isEmpty() || value.size() > kMaxNameLength || !pattern.match(value).hasMatch())
        return Error{QStringLiteral("tag \"%1\" is not allowed").arg(shown(value)), {},
                     QStringLiteral("use letters, digits, '.', '_', ':' and '-'")};
    return okStatus();
}

Result<QUrl> InventoryValidator::checkHttpUrl(const QString &what, const QString &value, bool optional)
{
    if (value.isEmpty()) {
        if (optional)
            return QUrl();
        return Error{QStringLiteral("%1 is missing").arg(what), {}, QStringLiteral("give an http:// or https:// URL")};
    }
    const QString hint = QStringLiteral("give an http:// or https:// URL without spaces or credentials");
    if (value.size() > kMaxUrlLength || hasControlOrSpace(value))
        return Error{QStringLiteral("%1 \"%2\" is not a valid URL").arg(what, shown(value)), {}, hint};
    const QUrl url(value, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty())
        return Error{QStringLiteral("%1 \"%2\" is not an http(s) URL").arg(what, shown(value)), {}, hint};
    if (!url.userInfo().isEmpty())
        return Error{QStringLiteral("%1 contains credentials").arg(what), {},
                     QStringLiteral("inventories are not secret: keep tokens and passwords in the secret store")};
    return url;
}

Result<QUrl> InventoryValidator::checkReleaseSource(const QString &kind, const QString &value)
{
    if (kind == QLatin1String("feed") || kind == QLatin1String("registry"))
        return checkHttpUrl(QStringLiteral("releases"), value);
    if (kind == QLatin1String("file")) {
        if (value.isEmpty())
            return QUrl();
        if (value.size() > kMaxUrlLength || hasControlOrSpace(value))
            return Error{QStringLiteral("releases file \"%1\" is not a valid path").arg(shown(value)), {}, {}};
        const QUrl url = value.startsWith(QLatin1String("file:")) ? QUrl(value, QUrl::StrictMode)
                                                                 : QUrl::fromLocalFile(value);
        if (!url.isValid() || !url.isLocalFile())
            return Error{QStringLiteral("releases file \"%1\" is not a local path").arg(shown(value)), {}, {}};
        return url;
    }
    return Error{QStringLiteral("release_kind \"%1\" is unknown").arg(shown(kind)), {},
                 QStringLiteral("use feed, registry or file")};
}

Status InventoryValidator::checkSshTarget(const QString &value)
{
    if (value.isEmpty())
        return okStatus();
    // No leading '-' anywhere (it would be read as an ssh option) and nothing a shell would interpret.
    static const QRegularExpression pattern(QStringLiteral(
        "^(?:[A-Za-z_][A-Za-z0-9_.-]{0,63}@)?"                           // user@
        "(?:[A-Za-z0-9](?:[A-Za-z0-9._-]{0,252}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])" // host, alias or [IPv6]
        "(?::([0-9]{1,5}))?$"));                                          // :port
    const auto m = pattern.match(value);
    const QString hint = QStringLiteral("use user@host:port, host, or an ssh_config Host alias");
    if (!m.hasMatch())
        return Error{QStringLiteral("ssh target \"%1\" is not allowed").arg(shown(value)), {}, hint};
    if (m.hasCaptured(1)) {
        const int port = m.captured(1).toInt();
        if (port < 1 || port > 65535)
            return Error{QStringLiteral("ssh port %1 is out of range").arg(m.captured(1)), {}, hint};
    }
    return okStatus();
}

Status InventoryValidator::checkSshFile(const QString &what, const QString &value)
{
    if (value.isEmpty())
        return okStatus();
    const bool printable = std::all_of(value.cbegin(), value.cend(), [](QChar c) { return c.isPrint(); });
    if (!printable || value.startsWith(QLatin1Char('-')) || value.size() > 4096)
        return Error{QStringLiteral("%1 \"%2\" is not a usable file name").arg(what, shown(value)), {},
                     QStringLiteral("give a path such as ~/.ssh/id_ed25519")};
    return okStatus();
}

Status InventoryValidator::checkVersion(const QString &what, const QString &value)
{
    if (value.isEmpty())
        return okStatus();
    const auto v = SemVer::parse(value);
    if (!v)
        return Error{QStringLiteral("%1: %2").arg(what, v.error().message), {}, v.error().hint};
    return okStatus();
}

Status InventoryValidator::checkVariable(const QString &name, const QString &value)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
    if (!re.match(name).hasMatch())
        return Error{QStringLiteral("variable name \"%1\" is not usable in a template").arg(shown(name)), {},
                     QStringLiteral("letters, digits and _, starting with a letter or _ (at most 64): runbooks read it as "
                                    "{{instance.vars.NAME}}")};
    const bool printable = std::all_of(value.cbegin(), value.cend(), [](QChar c) { return c.isPrint(); });
    if (!printable || value.size() > 1024)
        return Error{QStringLiteral("variable %1: the value must be one printable line of at most 1024 characters").arg(name), {},
                     QStringLiteral("keep secrets in the secret store, not in the inventory")};
    return okStatus();
}

Status InventoryValidator::checkMetricsSource(const QString &value)
{
    if (value.isEmpty() || value == QLatin1String("scrape"))
        return okStatus();
    // Otherwise a PromQL label selector, e.g. {job="platform",instance="prod-1"}: one line, bounded.
    static const QRegularExpression selector(QStringLiteral("^\\{[^{}\\n\\r]{1,512}\\}$"));
    if (!selector.match(value).hasMatch())
        return Error{QStringLiteral("metrics \"%1\" is neither \"scrape\" nor a label selector").arg(shown(value)), {},
                     QStringLiteral("use scrape or {label=\"value\",...}")};
    return okStatus();
}

} // namespace lockstep
