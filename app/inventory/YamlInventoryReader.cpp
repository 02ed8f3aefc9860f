#include "app/inventory/YamlInventoryReader.h"

#include "app/inventory/InventorySource.h"
#include "app/inventory/InventoryValidator.h"
#include "models/SemVer.h"

#include <QSet>

#include <yaml-cpp/yaml.h>

namespace lockstep {

namespace {

// Parsing state: the source name for error locations, and helpers that turn yaml-cpp nodes into values.
class Reader
{
public:
    explicit Reader(QString source) : m_source(std::move(source)) {}

    QString where(const YAML::Node &node) const
    {
        const YAML::Mark mark = node.Mark();
        if (mark.line < 0)
            return m_source;
        return QStringLiteral("%1:%2:%3").arg(m_source, QString::number(mark.line + 1), QString::number(mark.column + 1));
    }

    QString whereLine(const YAML::Node &node) const
    {
        const YAML::Mark mark = node.Mark();
        return mark.line < 0 ? m_source : QStringLiteral("%1:%2").arg(m_source, QString::number(mark.line + 1));
    }

    Error error(const YAML::Node &node, const QString &message, const QString &hint = {}) const
    {
        return Error{message, where(node), hint};
    }

    // An error from a validator, placed at `node`.
    Error at(const YAML::Node &node, const Error &e) const { return Error{e.message, where(node), e.hint}; }

    Result<QString> text(const YAML::Node &node, const QString &key) const
    {
        if (!node || node.IsNull())
            return QString();
        if (!node.IsScalar())
            return error(node, QStringLiteral("%1 must be a single value").arg(key));
        return QString::fromStdString(node.Scalar());
    }

    const QString &source() const { return m_source; }

private:
    QString m_source;
};

Status checkKeys(const Reader &r, const YAML::Node &map, const QStringList &allowed, const QString &what)
{
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString key = QString::fromStdString(it->first.Scalar());
        if (!allowed.contains(key))
            return r.error(it->first, QStringLiteral("unknown key \"%1\" in %2").arg(key.left(64), what),
                           QStringLiteral("allowed: %1").arg(allowed.join(QStringLiteral(", "))));
    }
    return okStatus();
}

Result<Product> readProduct(const Reader &r, const YAML::Node &node)
{
    if (!node.IsMap())
        return r.error(node, QStringLiteral("a product must be a map with id, name and releases"));
    if (Status s = checkKeys(r, node, {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("releases"),
                                       QStringLiteral("release_kind")},
                             QStringLiteral("a product"));
        !s)
        return s.error();
    Product p;
    const auto id = r.text(node["id"], QStringLiteral("id"));
    if (!id)
        return id.error();
    if (Status s = InventoryValidator::checkName(QStringLiteral("product id"), *id); !s)
        return r.at(node["id"] ? node["id"] : node, s.error());
    p.id = *id;
    const auto name = r.text(node["name"], QStringLiteral("name"));
    if (!name)
        return name.error();
    if (name->size() > 200 || name->contains(QLatin1Char('\n')))
        return r.error(node["name"], QStringLiteral("product name must be one line of at most 200 characters"));
    p.displayName = name->isEmpty() ? p.id : *name;
    const auto kind = r.text(node["release_kind"], QStringLiteral("release_kind"));
    if (!kind)
        return kind.error();
    p.releaseSourceKind = kind->isEmpty() ? QStringLiteral("feed") : *kind;
    const auto releases = r.text(node["releases"], QStringLiteral("releases"));
    if (!releases)
        return releases.error();
    const auto source = InventoryValidator::checkReleaseSource(p.releaseSourceKind, *releases);
    if (!source)
        return r.at(node["releases"] ? node["releases"] : node, source.error());
    p.releaseSource = *source;
    return p;
}

Result<Instance> readInstance(const Reader &r, const YAML::Node &node, const InventoryDefaults &defaults)
{
    if (!node.IsMap())
        return r.error(node, QStringLiteral("an instance must be a map with at least name and product"));
    static const QStringList keys{QStringLiteral("name"),    QStringLiteral("product"), QStringLiteral("environment"),
                                  QStringLiteral("tags"),    QStringLiteral("url"),     QStringLiteral("api"),
                                  QStringLiteral("ssh"),     QStringLiteral("channel"), QStringLiteral("pinned"),
                                  QStringLiteral("version"), QStringLiteral("metrics"),
                                  QStringLiteral("ssh_identity"), QStringLiteral("ssh_known_hosts"),
                                  QStringLiteral("ssh_config"), QStringLiteral("vars")};
    if (Status s = checkKeys(r, node, keys, QStringLiteral("an instance")); !s)
        return s.error();

    // Every scalar field at once; each error points at its own node.
    QHash<QString, QString> v;
    for (const QString &key : keys) {
        if (key == QLatin1String("tags") || key == QLatin1String("vars"))
            continue;
        const auto value = r.text(node[key.toStdString()], key);
        if (!value)
            return value.error();
        v.insert(key, value->trimmed());
    }
    auto nodeOf = [&node](const char *key) { return node[key] ? node[key] : node; };

    Instance i;
    i.name = v.value(QStringLiteral("name"));
    if (Status s = InventoryValidator::checkName(QStringLiteral("instance name"), i.name); !s)
        return r.at(nodeOf("name"), s.error());
    i.product = v.value(QStringLiteral("product"), QString());
    if (i.product.isEmpty())
        i.product = defaults.product;
    if (Status s = InventoryValidator::checkName(QStringLiteral("product of %1").arg(i.name), i.product); !s)
        return r.at(nodeOf("product"), s.error());
    i.environment = v.value(QStringLiteral("environment"));
    if (i.environment.isEmpty())
        i.environment = defaults.environment;
    if (!i.environment.isEmpty()) {
        if (Status s = InventoryValidator::checkName(QStringLiteral("environment"), i.environment); !s)
            return r.at(nodeOf("environment"), s.error());
    }

    if (const YAML::Node tags = node["tags"]; tags && !tags.IsNull()) {
        if (!tags.IsSequence())
            return r.error(tags, QStringLiteral("tags must be a list, e.g. [eu, canary]"));
        for (const YAML::Node &tag : tags) {
            const auto t = r.text(tag, QStringLiteral("a tag"));
            if (!t)
                return t.error();
            if (Status s = InventoryValidator::checkTag(*t); !s)
                return r.at(tag, s.error());
            if (!i.tags.contains(*t))
                i.tags << *t;
        }
    }

    if (const YAML::Node vars = node["vars"]; vars && !vars.IsNull()) {
        if (!vars.IsMap())
            return r.error(vars, QStringLiteral("vars must be a map, e.g. {db_host: db-1.internal, kube_context: prod-eu}"));
        for (auto it = vars.begin(); it != vars.end(); ++it) {
            const QString name = QString::fromStdString(it->first.Scalar());
            const auto value = r.text(it->second, QStringLiteral("vars.") + name.left(64));
            if (!value)
                return value.error();
            if (Status s = InventoryValidator::checkVariable(name, *value); !s)
                return r.at(it->first, s.error());
            i.vars.insert(name, *value);
        }
    }

    const auto url = InventoryValidator::checkHttpUrl(QStringLiteral("url"), v.value(QStringLiteral("url")));
    if (!url)
        return r.at(nodeOf("url"), url.error());
    i.baseUrl = *url;
    const auto api = InventoryValidator::checkHttpUrl(QStringLiteral("api"), v.value(QStringLiteral("api")));
    if (!api)
        return r.at(nodeOf("api"), api.error());
    i.apiUrl = *api;
    i.sshTarget = v.value(QStringLiteral("ssh"));
    if (Status s = InventoryValidator::checkSshTarget(i.sshTarget); !s)
        return r.at(nodeOf("ssh"), s.error());
    for (const char *key : {"ssh_identity", "ssh_known_hosts", "ssh_config"}) {
        if (Status s = InventoryValidator::checkSshFile(QLatin1String(key), v.value(QLatin1String(key))); !s)
            return r.at(nodeOf(key), s.error());
    }
    i.ssh.identityFile = v.value(QStringLiteral("ssh_identity"));
    i.ssh.knownHostsFile = v.value(QStringLiteral("ssh_known_hosts"));
    i.ssh.setConfigText(v.value(QStringLiteral("ssh_config")));
    i.metricsSource = v.value(QStringLiteral("metrics"));
    if (Status s = InventoryValidator::checkMetricsSource(i.metricsSource); !s)
        return r.at(nodeOf("metrics"), s.error());

    const QString channel = v.value(QStringLiteral("channel"));
    if (!channel.isEmpty()) {
        const auto parsed = parseUpdateChannel(channel);
        if (!parsed)
            return r.error(nodeOf("channel"), QStringLiteral("channel \"%1\" is unknown").arg(channel.left(40)),
                           QStringLiteral("use auto-update, manual-approval or frozen"));
        i.channel = *parsed;
    }
    for (const char *key : {"pinned", "version"}) {
        const QString text = v.value(QLatin1String(key));
        if (text.isEmpty())
            continue;
        const auto version = SemVer::parse(text);
        if (!version)
            return r.error(nodeOf(key), QStringLiteral("%1: %2").arg(QLatin1String(key), version.error().message),
                           version.error().hint);
        (qstrcmp(key, "pinned") == 0 ? i.pinnedVersion : i.currentVersion) = version->toString();
    }
    if (!i.pinnedVersion.isEmpty() && i.channel != UpdateChannel::Frozen)
        return r.error(nodeOf("pinned"), QStringLiteral("pinned is only used with channel frozen"),
                       QStringLiteral("set channel: frozen, or remove pinned"));
    return i;
}

} // namespace

Result<Inventory> YamlInventoryReader::read(const QString &path, const InventoryDefaults &defaults)
{
    auto text = InventorySource::read(path);
    if (!text)
        return text.error();
    return parse(*text, path, defaults);
}

Result<Inventory> YamlInventoryReader::parse(const QByteArray &text, const QString &source,
                                             const InventoryDefaults &defaults)
{
    const Reader r(source);
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        return Error{QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(e.msg)),
                     QStringLiteral("%1:%2:%3").arg(source, QString::number(e.mark.line + 1), QString::number(e.mark.column + 1)),
                     QStringLiteral("fix the syntax; see docs/inventory-format.md")};
    }

    Inventory inventory;
    inventory.source = source;
    try {
        if (!root.IsMap())
            return Error{QStringLiteral("an inventory is a map with \"products\" and \"instances\""), source,
                         QStringLiteral("see docs/inventory-format.md")};
        if (root["all"])
            return r.error(root["all"], QStringLiteral("this looks like an Ansible YAML inventory"),
                           QStringLiteral("use the Lockstep YAML format or an Ansible INI inventory"));
        if (Status s = checkKeys(r, root, {QStringLiteral("products"), QStringLiteral("instances")},
                                 QStringLiteral("the inventory"));
            !s)
            return s.error();

        if (const YAML::Node products = root["products"]; products && !products.IsNull()) {
            if (!products.IsSequence())
                return r.error(products, QStringLiteral("products must be a list"));
            for (const YAML::Node &node : products) {
                auto product = readProduct(r, node);
                if (!product)
                    return product.error();
                if (inventory.productWhere.contains(product->id))
                    return r.error(node, QStringLiteral("product \"%1\" is declared twice (first at %2)")
                                             .arg(product->id, inventory.productWhere.value(product->id)));
                inventory.productWhere.insert(product->id, r.whereLine(node));
                inventory.products << *product;
            }
        }
        const YAML::Node instances = root["instances"];
        if (!instances || instances.IsNull())
            return Error{QStringLiteral("the inventory has no instances"), source,
                         QStringLiteral("add an \"instances:\" list")};
        if (!instances.IsSequence())
            return r.error(instances, QStringLiteral("instances must be a list"));
        for (const YAML::Node &node : instances) {
            auto instance = readInstance(r, node, defaults);
            if (!instance)
                return instance.error();
            if (inventory.instanceWhere.contains(instance->name))
                return r.error(node, QStringLiteral("instance \"%1\" is declared twice (first at %2)")
                                         .arg(instance->name, inventory.instanceWhere.value(instance->name)));
            inventory.instanceWhere.insert(instance->name, r.whereLine(node));
            inventory.instances << *instance;
        }
    } catch (const YAML::Exception &e) {
        return Error{QStringLiteral("unexpected YAML structure: %1").arg(QString::fromStdString(e.msg)),
                     e.mark.line < 0 ? source
                                     : QStringLiteral("%1:%2:%3").arg(source, QString::number(e.mark.line + 1), QString::number(e.mark.column + 1)),
                     QStringLiteral("see docs/inventory-format.md")};
    }
    return inventory;
}

} // namespace lockstep
