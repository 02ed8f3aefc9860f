#include "app/inventory/AnsibleInventoryReader.h"

#include "app/inventory/InventorySource.h"
#include "app/inventory/InventoryValidator.h"
#include "models/SemVer.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace lockstep {

namespace {

constexpr int kMaxExpandedHosts = 100000;

struct Value
{
    QString text;
    int line = 0;
};

using Vars = QMap<QString, Value>;

struct Host
{
    QString name;
    int line = 0;            // where it first appears
    Vars vars;
    QStringList groups;      // direct groups, in order of appearance
};

struct Group
{
    Vars vars;
    QStringList children;
    QStringList parents;
};

// Splits "host a=1 b='two words' # comment" into tokens: whitespace separates, quotes group, an unquoted
// '#' starts a comment.
Result<QStringList> tokens(const QString &line, const QString &where)
{
    QStringList out;
    QString current;
    bool inToken = false;
    QChar quote;
    for (QChar c : line) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else
                current += c;
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inToken = true;
        } else if (c.isSpace()) {
            if (inToken)
                out << current;
            current.clear();
            inToken = false;
        } else if (c == QLatin1Char('#') && !inToken) {
            break;
        } else {
            current += c;
            inToken = true;
        }
    }
    if (!quote.isNull())
        return Error{QStringLiteral("unterminated quote"), where, {}};
    if (inToken)
        out << current;
    return out;
}

// "web[01:03].example" -> web01.example, web02.example, web03.example (numeric ranges, as Ansible does).
Result<QStringList> expandHostPattern(const QString &pattern, const QString &where)
{
    static const QRegularExpression range(QStringLiteral("\\[([0-9]+):([0-9]+)\\]"));
    const auto m = range.match(pattern);
    if (!m.hasMatch()) {
        if (pattern.contains(QLatin1Char('[')) || pattern.contains(QLatin1Char(']')))
            return Error{QStringLiteral("host pattern \"%1\" is not supported").arg(pattern.left(64)), where,
                         QStringLiteral("only numeric ranges such as web[01:20] are expanded")};
        return QStringList{pattern};
    }
    const QString from = m.captured(1);
    const QString to = m.captured(2);
    bool okFrom = false, okTo = false;
    const qint64 a = from.toLongLong(&okFrom);
    const qint64 b = to.toLongLong(&okTo);
    if (!okFrom || !okTo || a > b || b - a >= kMaxExpandedHosts)
        return Error{QStringLiteral("host range [%1:%2] is invalid").arg(from, to), where, {}};
    const int width = from.startsWith(QLatin1Char('0')) ? int(from.size()) : 0;
    QStringList out;
    for (qint64 n = a; n <= b; ++n) {
        const QString name = pattern.left(m.capturedStart()) + QStringLiteral("%1").arg(n, width, 10, QLatin1Char('0'))
                             + pattern.mid(m.capturedEnd());
        auto rest = expandHostPattern(name, where);
        if (!rest)
            return rest.error();
        out << *rest;
        if (out.size() > kMaxExpandedHosts)
            return Error{QStringLiteral("host pattern expands to too many hosts"), where, {}};
    }
    return out;
}

Result<QPair<QString, QString>> keyValue(const QString &token, const QString &where)
{
    const qsizetype eq = token.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return Error{QStringLiteral("expected key=value, found \"%1\"").arg(token.left(64)), where, {}};
    return QPair<QString, QString>(token.left(eq), token.mid(eq + 1));
}

class Parser
{
public:
    Parser(QString source, InventoryDefaults defaults) : m_source(std::move(source)), m_defaults(std::move(defaults)) {}

    Result<Inventory> run(const QString &text)
    {
        if (Status s = readLines(text); !s)
            return s.error();
        if (Status s = computeDepths(); !s)
            return s.error();
        Inventory inventory;
        inventory.source = m_source;
        for (const QString &name : std::as_const(m_hostOrder)) {
            auto instance = toInstance(m_hosts[name]);
            if (!instance)
                return instance.error();
            inventory.instanceWhere.insert(instance->name, at(m_hosts[name].line));
            inventory.instances << *instance;
        }
        if (inventory.instances.isEmpty())
            return Error{QStringLiteral("the inventory has no hosts"), m_source, {}};
        return inventory;
    }

private:
    QString at(int line) const { return QStringLiteral("%1:%2").arg(m_source, QString::number(line)); }

    Status readLines(const QString &text)
    {
        enum class Kind { Hosts, Children, Vars };
        QString group = QStringLiteral("ungrouped");
        Kind kind = Kind::Hosts;
        const QStringList lines = text.split(QLatin1Char('\n'));
        static const QRegularExpression header(QStringLiteral("^\\[([^\\]:]+)(?::([^\\]]+))?\\]$"));
        for (int n = 0; n < lines.size(); ++n) {
            const int lineNo = n + 1;
            const QString where = at(lineNo);
            const QString line = lines.at(n).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
                continue;
            if (line.startsWith(QLatin1Char('['))) {
                const auto m = header.match(line);
                if (!m.hasMatch())
                    return Error{QStringLiteral("malformed section header \"%1\"").arg(line.left(64)), where,
                                 QStringLiteral("use [group], [group:children] or [group:vars]")};
                group = m.captured(1).trimmed();
                if (Status s = InventoryValidator::checkTag(group); !s)
                    return Error{QStringLiteral("group name: %1").arg(s.error().message), where, s.error().hint};
                const QString suffix = m.captured(2);
                if (suffix.isEmpty())
                    kind = Kind::Hosts;
                else if (suffix == QLatin1String("children"))
                    kind = Kind::Children;
                else if (suffix == QLatin1String("vars"))
                    kind = Kind::Vars;
                else
                    return Error{QStringLiteral("unknown section kind \":%1\"").arg(suffix.left(32)), where,
                                 QStringLiteral("use :children or :vars")};
                m_groups[group];  // declared, even if empty
                continue;
            }
            if (kind == Kind::Vars) {
                // "key=value" or "key = value"; the value is the rest of the line, quotes removed.
                const qsizetype eq = line.indexOf(QLatin1Char('='));
                if (eq <= 0)
                    return Error{QStringLiteral("expected key=value in [%1:vars]").arg(group), where, {}};
                auto value = tokens(line.mid(eq + 1), where);
                if (!value)
                    return value.error();
                m_groups[group].vars.insert(line.left(eq).trimmed(), Value{value->join(QLatin1Char(' ')), lineNo});
                continue;
            }
            auto parts = tokens(line, where);
            if (!parts)
                return parts.error();
            if (parts->isEmpty())
                continue;
            if (kind == Kind::Children) {
                if (parts->size() != 1)
                    return Error{QStringLiteral("expected one group name per line in [%1:children]").arg(group), where, {}};
                const QString child = parts->first();
                if (Status s = InventoryValidator::checkTag(child); !s)
                    return Error{QStringLiteral("group name: %1").arg(s.error().message), where, s.error().hint};
                if (!m_groups[group].children.contains(child))
                    m_groups[group].children << child;
                if (!m_groups[child].parents.contains(group))
                    m_groups[child].parents << group;
                continue;
            }
            if (Status s = addHostLine(*parts, group, lineNo); !s)
                return s;
        }
        return okStatus();
    }

    Status addHostLine(const QStringList &parts, const QString &group, int lineNo)
    {
        const QString where = at(lineNo);
        QString pattern = parts.first();
        Vars vars;
        // "host:port" is Ansible shorthand for ansible_port (not for IPv6 literals, which need ansible_host).
        static const QRegularExpression withPort(QStringLiteral("^([^:\\[\\]]+):([0-9]+)$"));
        if (const auto m = withPort.match(pattern); m.hasMatch()) {
            pattern = m.captured(1);
            vars.insert(QStringLiteral("ansible_port"), Value{m.captured(2), lineNo});
        }
        for (qsizetype i = 1; i < parts.size(); ++i) {
            auto kv = keyValue(parts.at(i), where);
            if (!kv)
                return kv.error();
            vars.insert(kv->first, Value{kv->second, lineNo});
        }
        auto names = expandHostPattern(pattern, where);
        if (!names)
            return names.error();
        for (const QString &name : std::as_const(*names)) {
            if (Status s = InventoryValidator::checkName(QStringLiteral("host name"), name); !s)
                return Error{s.error().message, where, s.error().hint};
            auto [it, inserted] = m_hosts.try_emplace(name);
            Host &host = it->second;
            if (inserted) {
                host.name = name;
                host.line = lineNo;
                m_hostOrder << name;
            }
            for (auto v = vars.cbegin(); v != vars.cend(); ++v)
                host.vars.insert(v.key(), v.value());
            if (!host.groups.contains(group))
                host.groups << group;
        }
        return okStatus();
    }

    // Depth of each group below "all": variables of deeper (more specific) groups win, as in Ansible.
    Status computeDepths()
    {
        for (auto it = m_groups.cbegin(); it != m_groups.cend(); ++it) {
            QSet<QString> visiting;
            if (const auto d = depth(it.key(), visiting); !d)
                return d.error();
        }
        return okStatus();
    }

    Result<int> depth(const QString &group, QSet<QString> &visiting)
    {
        if (group == QLatin1String("all"))
            return 0;
        if (const auto found = m_depth.constFind(group); found != m_depth.constEnd())
            return found.value();
        if (visiting.contains(group))
            return Error{QStringLiteral("group \"%1\" is its own ancestor ([...:children] cycle)").arg(group), m_source, {}};
        visiting.insert(group);
        int d = 1;
        for (const QString &parent : std::as_const(m_groups[group].parents)) {
            auto p = depth(parent, visiting);
            if (!p)
                return p.error();
            d = std::max(d, *p + 1);
        }
        visiting.remove(group);
        m_depth.insert(group, d);
        return d;
    }

    // The host's groups with every ancestor, in order of appearance.
    QStringList allGroups(const Host &host)
    {
        QStringList out;
        QStringList pending = host.groups;
        while (!pending.isEmpty()) {
            const QString g = pending.takeFirst();
            if (out.contains(g))
                continue;
            out << g;
            pending << m_groups[g].parents;
        }
        return out;
    }

    Result<Instance> toInstance(const Host &host)
    {
        const QStringList groups = allGroups(host);
        QStringList ordered = groups;
        std::sort(ordered.begin(), ordered.end(), [this](const QString &a, const QString &b) {
            const int da = m_depth.value(a, 1);
            const int db = m_depth.value(b, 1);
            return da != db ? da < db : a < b;
        });
        Vars vars = m_groups[QStringLiteral("all")].vars;
        for (const QString &g : std::as_const(ordered)) {
            const Vars &gv = m_groups[g].vars;
            for (auto v = gv.cbegin(); v != gv.cend(); ++v)
                vars.insert(v.key(), v.value());
        }
        for (auto v = host.vars.cbegin(); v != host.vars.cend(); ++v)
            vars.insert(v.key(), v.value());

        auto get = [&vars](const char *key) { return vars.value(QLatin1String(key)).text.trimmed(); };
        auto lineOf = [&vars, &host](const char *key) {
            return vars.contains(QLatin1String(key)) ? vars.value(QLatin1String(key)).line : host.line;
        };
        auto fail = [this, &host, &lineOf](const char *key, const Error &e) {
            return Error{QStringLiteral("%1: %2").arg(host.name, e.message), at(lineOf(key)), e.hint};
        };

        Instance i;
        i.name = host.name;
        i.product = get("lockstep_product");
        if (i.product.isEmpty())
            i.product = m_defaults.product;
        if (i.product.isEmpty())
            return Error{QStringLiteral("%1: no product").arg(host.name), at(host.line),
                         QStringLiteral("set lockstep_product (e.g. in [all:vars]) or pass a default product")};
        if (Status s = InventoryValidator::checkName(QStringLiteral("lockstep_product"), i.product); !s)
            return fail("lockstep_product", s.error());
        i.environment = get("lockstep_environment");
        if (i.environment.isEmpty())
            i.environment = m_defaults.environment;
        if (!i.environment.isEmpty()) {
            if (Status s = InventoryValidator::checkName(QStringLiteral("lockstep_environment"), i.environment); !s)
                return fail("lockstep_environment", s.error());
        }
        for (const QString &g : groups) {
            if (g != QLatin1String("all") && g != QLatin1String("ungrouped"))
                i.tags << g;
        }
        // Every other host or group variable is the instance's own ({{instance.vars.NAME}}); Ansible's
        // connection variables and Lockstep's own keys are read above and below.
        for (auto v = vars.cbegin(); v != vars.cend(); ++v) {
            if (v.key().startsWith(QLatin1String("ansible_")) || v.key().startsWith(QLatin1String("lockstep_")))
                continue;
            if (Status s = InventoryValidator::checkVariable(v.key(), v.value().text); !s)
                return Error{QStringLiteral("%1: %2").arg(host.name, s.error().message), at(v.value().line), s.error().hint};
            i.vars.insert(v.key(), v.value().text);
        }

        QString sshHost = get("ansible_host");
        if (sshHost.isEmpty())
            sshHost = get("ansible_ssh_host");
        if (sshHost.isEmpty())
            sshHost = host.name;
        if (sshHost.contains(QLatin1Char(':')) && !sshHost.startsWith(QLatin1Char('[')))
            sshHost = QLatin1Char('[') + sshHost + QLatin1Char(']');
        QString user = get("ansible_user");
        if (user.isEmpty())
            user = get("ansible_ssh_user");
        QString port = get("ansible_port");
        if (port.isEmpty())
            port = get("ansible_ssh_port");
        i.sshTarget = (user.isEmpty() ? QString() : user + QLatin1Char('@')) + sshHost
                      + (port.isEmpty() ? QString() : QLatin1Char(':') + port);
        if (Status s = InventoryValidator::checkSshTarget(i.sshTarget); !s)
            return fail(port.isEmpty() ? (user.isEmpty() ? "ansible_host" : "ansible_user") : "ansible_port", s.error());
        i.ssh.identityFile = get("ansible_ssh_private_key_file");
        if (Status s = InventoryValidator::checkSshFile(QStringLiteral("ansible_ssh_private_key_file"), i.ssh.identityFile); !s)
            return fail("ansible_ssh_private_key_file", s.error());

        const auto url = InventoryValidator::checkHttpUrl(QStringLiteral("lockstep_url"), get("lockstep_url"));
        if (!url)
            return fail("lockstep_url", url.error());
        i.baseUrl = *url;
        const auto api = InventoryValidator::checkHttpUrl(QStringLiteral("lockstep_api"), get("lockstep_api"));
        if (!api)
            return fail("lockstep_api", api.error());
        i.apiUrl = *api;
        i.metricsSource = get("lockstep_metrics");
        if (Status s = InventoryValidator::checkMetricsSource(i.metricsSource); !s)
            return fail("lockstep_metrics", s.error());

        if (const QString channel = get("lockstep_channel"); !channel.isEmpty()) {
            const auto parsed = parseUpdateChannel(channel);
            if (!parsed)
                return fail("lockstep_channel", Error{QStringLiteral("channel \"%1\" is unknown").arg(channel.left(40)), {},
                                                      QStringLiteral("use auto-update, manual-approval or frozen")});
            i.channel = *parsed;
        }
        for (const char *key : {"lockstep_pinned", "lockstep_version"}) {
            const QString text = get(key);
            if (text.isEmpty())
                continue;
            const auto v = SemVer::parse(text);
            if (!v)
                return fail(key, Error{QStringLiteral("%1: %2").arg(QLatin1String(key), v.error().message), {},
                                       v.error().hint});
            (qstrcmp(key, "lockstep_pinned") == 0 ? i.pinnedVersion : i.currentVersion) = v->toString();
        }
        if (!i.pinnedVersion.isEmpty() && i.channel != UpdateChannel::Frozen)
            return fail("lockstep_pinned", Error{QStringLiteral("lockstep_pinned is only used with channel frozen"), {},
                                                 QStringLiteral("set lockstep_channel=frozen or remove the pin")});
        return i;
    }

    QString m_source;
    InventoryDefaults m_defaults;
    std::map<QString, Host> m_hosts;
    QStringList m_hostOrder;
    QHash<QString, Group> m_groups;
    QHash<QString, int> m_depth;
};

} // namespace

Result<Inventory> AnsibleInventoryReader::read(const QString &path, const InventoryDefaults &defaults)
{
    auto text = InventorySource::read(path);
    if (!text)
        return text.error();
    return parse(*text, path, defaults);
}

Result<Inventory> AnsibleInventoryReader::parse(const QByteArray &text, const QString &source,
                                                const InventoryDefaults &defaults)
{
    return Parser(source, defaults).run(QString::fromUtf8(text));
}

} // namespace lockstep
