#include "app/runbook/GroupFactsReader.h"

#include "app/runbook/InstanceFacts.h"

#include <yaml-cpp/yaml.h>

namespace lockstep {

GroupFactsReader::GroupFactsReader(YamlReader &yaml) : m_yaml(yaml) {}

std::optional<InstanceFact> GroupFactsReader::fact(const YAML::Node &node, const QString &path)
{
    const auto text = m_yaml.string(node, path);
    if (!text)
        return std::nullopt;
    QString why;
    auto parsed = InstanceFacts::parseFact(*text, &why);
    if (!parsed)
        m_yaml.error(node, path, why);
    return parsed;
}

QList<InstanceSelector> GroupFactsReader::selectors(const YAML::Node &node, const QString &path)
{
    QList<InstanceSelector> out;
    // One selector may be written alone (last: tag:role=master) or as a list.
    const bool single = node.IsScalar();
    if (!single && !m_yaml.isSequence(node, path, QStringLiteral("a list of selectors such as [tag:role=master]")))
        return out;
    const qsizetype count = single ? 1 : qsizetype(node.size());
    for (qsizetype i = 0; i < count; ++i) {
        const YAML::Node item = single ? node : node[size_t(i)];
        const QString itemPath = single ? path : YamlReader::index(path, i);
        if (!m_yaml.spend(item))
            break;
        const auto text = m_yaml.string(item, itemPath);
        if (!text)
            continue;
        QString why;
        if (auto selector = InstanceFacts::parseSelector(*text, &why))
            out.append(*selector);
        else
            m_yaml.error(item, itemPath, why);
    }
    return out;
}

LockSpec GroupFactsReader::readLock(const YAML::Node &node, const QString &path)
{
    LockSpec lock;
    if (!m_yaml.isMap(node, path, QStringLiteral("lock: {group: tag:cluster, max_in_flight: 1}")))
        return lock;
    lock.location = m_yaml.locationOf(node);
    const YamlReader::Fields f(m_yaml, node, path, {QStringLiteral("group"), QStringLiteral("max_in_flight")});
    if (f.has(QStringLiteral("group")))
        lock.group = fact(f.get(QStringLiteral("group")), f.path(QStringLiteral("group")));
    else
        m_yaml.error(node, f.path(QStringLiteral("group")),
                     QStringLiteral("missing required key 'group' (what the lock groups instances by: product, tag:NAME or var:NAME)"));
    if (f.has(QStringLiteral("max_in_flight")))
        lock.maxInFlight = int(m_yaml.integer(f.get(QStringLiteral("max_in_flight")), f.path(QStringLiteral("max_in_flight")), 1, 1000)
                                   .value_or(1));
    return lock;
}

OrderSpec GroupFactsReader::readOrder(const YAML::Node &node, const QString &path, const YAML::Node &strategyWaves)
{
    OrderSpec order;
    if (!m_yaml.isMap(node, path, QStringLiteral("order: {by: [tag:zone], last: [tag:role=master]}")))
        return order;
    order.location = m_yaml.locationOf(node);
    const YamlReader::Fields f(m_yaml, node, path,
                               {QStringLiteral("by"), QStringLiteral("first"), QStringLiteral("last"), QStringLiteral("waves")});
    if (f.has(QStringLiteral("by"))) {
        const YAML::Node by = f.get(QStringLiteral("by"));
        const QString byPath = f.path(QStringLiteral("by"));
        if (by.IsScalar()) {
            if (auto one = fact(by, byPath))
                order.by.append(*one);
        } else if (m_yaml.isSequence(by, byPath, QStringLiteral("a list of facts such as [tag:zone]"))) {
            for (size_t i = 0; i < by.size(); ++i)
                if (auto one = fact(by[i], YamlReader::index(byPath, qsizetype(i))))
                    order.by.append(*one);
        }
    }
    if (f.has(QStringLiteral("first")))
        order.first = selectors(f.get(QStringLiteral("first")), f.path(QStringLiteral("first")));
    if (f.has(QStringLiteral("last")))
        order.last = selectors(f.get(QStringLiteral("last")), f.path(QStringLiteral("last")));
    if (f.has(QStringLiteral("waves"))) {
        const YAML::Node waves = f.get(QStringLiteral("waves"));
        const auto mode = m_yaml.string(waves, f.path(QStringLiteral("waves")));
        if (mode == QLatin1String("by-group"))
            order.wavesByGroup = true;
        else if (mode == QLatin1String("strategy"))
            order.wavesByGroup = false;
        else if (mode)
            m_yaml.error(waves, f.path(QStringLiteral("waves")),
                         QStringLiteral("order.waves is by-group (a wave per group) or strategy (the strategy's waves), not '%1'")
                             .arg(mode->left(40)));
        if (order.wavesByGroup && order.by.isEmpty() && order.first.isEmpty() && order.last.isEmpty())
            m_yaml.error(waves, f.path(QStringLiteral("waves")),
                         QStringLiteral("waves: by-group needs groups: give by:, first: or last:"));
        if (order.wavesByGroup && strategyWaves.IsDefined() && !strategyWaves.IsNull())
            m_yaml.error(strategyWaves, QStringLiteral("strategy.waves"),
                         QStringLiteral("order: {waves: by-group} makes the waves from the groups; remove strategy.waves "
                                        "(or write order.waves: strategy)"));
    }
    if (!order.enabled())
        m_yaml.error(node, path, QStringLiteral("an order needs by:, first: or last:"));
    return order;
}

} // namespace lockstep
