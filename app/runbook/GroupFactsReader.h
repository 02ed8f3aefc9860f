#pragma once

#include "app/runbook/YamlReader.h"
#include "models/runbook/GroupFacts.h"

namespace lockstep {

// Reads the runbook keys that work on groups of instances from inventory facts — `lock:` and
// `order:` — reporting problems through the YamlReader it works for, located at the offending value.
class GroupFactsReader
{
public:
    explicit GroupFactsReader(YamlReader &yaml);

    // lock: {group: tag:cluster, max_in_flight: 1}
    LockSpec readLock(const YAML::Node &node, const QString &path);
    // order: {by: [tag:zone], first: [...], last: [tag:role=master], waves: by-group}. `strategyWaves`:
    // the node of strategy.waves when written (by-group makes the waves and refuses it).
    OrderSpec readOrder(const YAML::Node &node, const QString &path, const YAML::Node &strategyWaves);

private:
    std::optional<InstanceFact> fact(const YAML::Node &node, const QString &path);
    QList<InstanceSelector> selectors(const YAML::Node &node, const QString &path);

    YamlReader &m_yaml;
};

} // namespace lockstep
