#pragma once

#include "app/inventory/Inventory.h"
#include "models/Result.h"

#include <QByteArray>

namespace lockstep {

// Reads the Lockstep YAML inventory (docs/inventory-format.md). Every value is validated; the first
// problem is returned as an error whose `where` is "file:line:column".
class YamlInventoryReader
{
public:
    static Result<Inventory> read(const QString &path, const InventoryDefaults &defaults = {});
    static Result<Inventory> parse(const QByteArray &text, const QString &source,
                                   const InventoryDefaults &defaults = {});
};

} // namespace lockstep
