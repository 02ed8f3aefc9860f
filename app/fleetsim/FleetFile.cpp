#include "app/fleetsim/FleetFile.h"

#include "app/fleetsim/DemoFleet.h"
#include "app/fleetsim/SimFleet.h"
#include "models/SemVer.h"
#include "models/UpdateChannel.h"

#include <QFile>

#include <yaml-cpp/yaml.h>

namespace lockstep {

namespace {

struct Reader
{
    QString path;

    Error error(const YAML::Node &node, const QString &message, const QString &hint = {}) const
    {
        const YAML::Mark mark = node.Mark();
        return Error{message, QStringLiteral("%1:%2:%3").arg(path, QString::number(mark.line + 1), QString::number(mark.column + 1)), hint};
    }

    static QString text(const YAML::Node &node, const char *key, const QString &fallback = {})
    {
        const YAML::Node value = node[key];
        return value && value.IsScalar() ? QString::fromStdString(value.Scalar()) : fallback;
    }

    static bool flag(const YAML::Node &node, const char *key)
    {
        const QString value = text(node, key);
        return value == QLatin1String("true") || value == QLatin1String("yes");
    }

    Result<SimProduct> product(const YAML::Node &node) const
    {
        SimProduct product;
        product.id = text(node, "id");
        if (product.id.isEmpty())
            return error(node, QStringLiteral("a product needs an id"));
        product.name = text(node, "name", product.id);
        const YAML::Node releases = node["releases"];
        if (!releases || !releases.IsSequence()) {
            const auto demo = DemoFleet::demoProduct(product.id);
            if (!demo)
                return error(node, QStringLiteral("product \"%1\" lists no releases").arg(product.id),
                             QStringLiteral("add releases: [{version: 1.0.0, schema: 1}]"));
            product.releases = demo->releases;
            return product;
        }
        for (const YAML::Node &entry : releases) {
            if (!entry.IsMap())
                return error(entry, QStringLiteral("a release must be a mapping with a version"));
            SimRelease release;
            release.version = text(entry, "version");
            if (const Result<SemVer> v = SemVer::parse(release.version); !v)
                return error(entry, v.error().message, v.error().hint);
            bool ok = true;
            release.schema = text(entry, "schema", QStringLiteral("1")).toInt(&ok);
            if (!ok)
                return error(entry, QStringLiteral("schema must be a number"));
            release.security = flag(entry, "security");
            release.breaking = flag(entry, "breaking");
            release.bad = flag(entry, "bad");
            release.degradation = text(entry, "degradation", QStringLiteral("1")).toDouble(&ok);
            if (!ok || !(release.degradation > 0))
                return error(entry, QStringLiteral("degradation must be a number above 0 (1 = as released)"));
            release.notes = text(entry, "notes", QStringLiteral("https://releases.example/%1/%2").arg(product.id, release.version));
            release.published = QDateTime::fromString(text(entry, "published"), Qt::ISODate);
            if (!release.published.isValid())
                release.published = QDateTime(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC).addDays(21 * product.releases.size());
            product.releases.append(release);
        }
        if (product.releases.isEmpty())
            return error(node, QStringLiteral("product \"%1\" lists no releases").arg(product.id));
        return product;
    }

    Status instance(const YAML::Node &node, SimFleet &fleet) const
    {
        SimInstance instance;
        instance.name = text(node, "name");
        instance.product = text(node, "product");
        const SimProduct *product = fleet.product(instance.product);
        if (instance.name.isEmpty())
            return error(node, QStringLiteral("an instance needs a name"));
        if (!product)
            return error(node, QStringLiteral("instance \"%1\": unknown product \"%2\"").arg(instance.name, instance.product),
                         QStringLiteral("list the product under products:"));
        instance.environment = text(node, "environment", QStringLiteral("prod"));
        if (const YAML::Node tags = node["tags"]; tags && tags.IsSequence()) {
            for (const YAML::Node &tag : tags)
                instance.tags.append(QString::fromStdString(tag.Scalar()));
        }
        // Served back in /inventory.yaml: a saved served inventory keeps the instances' vars.
        if (const YAML::Node vars = node["vars"]; vars && vars.IsMap()) {
            for (auto it = vars.begin(); it != vars.end(); ++it)
                instance.vars.insert(QString::fromStdString(it->first.Scalar()), QString::fromStdString(it->second.Scalar()));
        }
        const auto channel = parseUpdateChannel(text(node, "channel", QStringLiteral("manual-approval")));
        if (!channel)
            return error(node, QStringLiteral("unknown channel \"%1\"").arg(text(node, "channel")),
                         QStringLiteral("use auto-update, manual-approval or frozen"));
        instance.channel = updateChannelName(*channel);
        instance.pinned = text(node, "pinned");
        if (!instance.pinned.isEmpty() && (*channel != UpdateChannel::Frozen || !SemVer::isValid(instance.pinned)))
            return error(node, QStringLiteral("pinned must be a semantic version on a frozen instance"));

        QString fallback = DemoFleet::demoCurrentVersion(instance.product);
        if (!product->release(fallback))
            fallback = product->releases.first().version;
        instance.version = text(node, "version", fallback);
        const SimRelease *release = product->release(instance.version);
        if (!release)
            return error(node, QStringLiteral("%1 has no release %2").arg(instance.product, instance.version));
        instance.schemaVersion = release->schema;
        instance.unhealthy = flag(node, "unhealthy");

        if (const QString fault = text(node, "fault"); !fault.isEmpty()) {
            const auto kind = SimFault::parseKind(fault.section(QLatin1Char(':'), 0, 0));
            if (!kind)
                return error(node, QStringLiteral("unknown fault \"%1\"").arg(fault),
                             QStringLiteral("use down, slow, slow:MS or error500"));
            instance.fault = SimFault{*kind, fault.section(QLatin1Char(':'), 1).toInt()};
        }
        const SimFault fault = instance.fault;
        if (const Status added = fleet.addInstance(instance); !added)
            return error(node, added.error().message);
        return fleet.setFault(instance.name, fault);
    }
};

} // namespace

Status FleetFile::load(const QString &path, SimFleet &fleet)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read the fleet file: %1").arg(file.errorString()), path, {}};
    const Reader reader{path};
    try {
        const YAML::Node root = YAML::Load(file.readAll().toStdString());
        if (!root.IsMap() || !root["products"] || !root["products"].IsSequence() || !root["instances"]
            || !root["instances"].IsSequence())
            return reader.error(root, QStringLiteral("a fleet file needs products: and instances: lists"),
                                QStringLiteral("GET /inventory.yaml from a running fleetsim shows the format"));
        for (const YAML::Node &node : root["products"]) {
            const Result<SimProduct> product = reader.product(node);
            if (!product)
                return product.error();
            fleet.addProduct(*product);
        }
        for (const YAML::Node &node : root["instances"]) {
            if (const Status added = reader.instance(node, fleet); !added)
                return added;
        }
    } catch (const YAML::Exception &e) {
        return Error{QString::fromStdString(e.msg),
                     QStringLiteral("%1:%2:%3").arg(path, QString::number(e.mark.line + 1), QString::number(e.mark.column + 1)), {}};
    }
    if (fleet.instanceNames().isEmpty())
        return Error{QStringLiteral("the fleet file lists no instances"), path, {}};
    return okStatus();
}

} // namespace lockstep
