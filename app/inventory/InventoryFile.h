#pragma once

#include "models/Instance.h"
#include "models/Result.h"

#include <QList>
#include <QString>

namespace lockstep {

// Reads the Lockstep YAML inventory (the format lockstep-fleetsim serves at /inventory.yaml):
//   instances: [{name, product, environment, tags, url, api, ssh, channel, pinned, version}]
// `version` is optional; unknown versions are learnt by discovery. Validated by YamlInventoryReader
// (docs/inventory-format.md); `products:` are read and checked but only the instances are returned.
class InventoryFile
{
public:
    static Result<QList<Instance>> read(const QString &path);
    static Result<QList<Instance>> parse(const QByteArray &yaml, const QString &name);
};

} // namespace lockstep
