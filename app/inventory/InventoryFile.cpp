#include "app/inventory/InventoryFile.h"

#include <QFile>
#include <QSet>

#include <yaml-cpp/yaml.h>

namespace lockstep {

namespace {

QString text(const YAML::Node &node, const char *key)
{
    const YAML::Node v = node[key];
    return v && v.IsScalar() ? QString::fromStdString(v.Scalar()) : QString();
}

} // namespace

Result<QList<Instance>> InventoryFile::read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read the inventory: %1").arg(f.errorString()), path,
                     QStringLiteral("check the path given with --inventory")};
    return parse(f.readAll(), path);
}

Result<QList<Instance>> InventoryFile::parse(const QByteArray &yaml, const QString &name)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        return Error{QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(e.msg)),
                     QStringLiteral("%1:%2:%3").arg(name).arg(e.mark.line + 1).arg(e.mark.column + 1), {}};
    }
    const YAML::Node list = root.IsMap() ? root["instances"] : YAML::Node();
    if (!list || !list.IsSequence())
        return Error{QStringLiteral("the inventory has no `instances:` list"), name,
                     QStringLiteral("see docs/engine.md for the format")};
    QList<Instance> out;
    QSet<QString> seen;
    for (const YAML::Node &node : list) {
        const QString where = QStringLiteral("%1:%2").arg(name).arg(node.Mark().line + 1);
        if (!node.IsMap())
            return Error{QStringLiteral("an instance must be a mapping"), where, {}};
        Instance i;
        i.name = text(node, "name");
        if (i.name.isEmpty())
            return Error{QStringLiteral("an instance has no name"), where, {}};
        if (seen.contains(i.name))
            return Error{QStringLiteral("instance %1 is listed twice").arg(i.name), where, {}};
        seen.insert(i.name);
        i.product = text(node, "product");
        i.environment = text(node, "environment");
        if (const YAML::Node tags = node["tags"]; tags && tags.IsSequence())
            for (const YAML::Node &t : tags)
                if (t.IsScalar())
                    i.tags << QString::fromStdString(t.Scalar());
        i.baseUrl = QUrl(text(node, "url"));
        i.apiUrl = QUrl(text(node, "api"));
        i.sshTarget = text(node, "ssh");
        i.currentVersion = text(node, "version");
        i.pinnedVersion = text(node, "pinned");
        if (const QString channel = text(node, "channel"); !channel.isEmpty()) {
            const auto parsed = parseUpdateChannel(channel);
            if (!parsed)
                return Error{QStringLiteral("unknown channel \"%1\"").arg(channel), where,
                             QStringLiteral("use auto-update, manual-approval or frozen")};
            i.channel = *parsed;
        }
        out.append(i);
    }
    return out;
}

} // namespace lockstep
