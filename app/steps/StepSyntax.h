#pragma once

#include "app/runbook/YamlReader.h"
#include "models/runbook/Runbook.h"

#include <yaml-cpp/yaml.h>

namespace lockstep {

// What a step kind's reader works with: the step's mapping (its keys checked already), the action's
// node and path, and the StepSpec being filled. Problems go to `yaml` with the key's path.
struct StepSyntax
{
    YamlReader &yaml;
    const YamlReader::Fields &fields;
    YAML::Node action;
    QString actionPath;
    StepSpec &step;

    bool has(const char *key) const { return fields.has(QLatin1String(key)); }
    YAML::Node get(const char *key) const { return fields.get(QLatin1String(key)); }
    YAML::Node keyNode(const char *key) const { return fields.keyNode(QLatin1String(key)); }
    QString at(const char *key) const { return fields.path(QLatin1String(key)); }
};

} // namespace lockstep
