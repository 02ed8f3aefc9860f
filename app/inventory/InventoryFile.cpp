#include "app/inventory/InventoryFile.h"

#include "app/inventory/YamlInventoryReader.h"

namespace lockstep {

// The GUI, the CLI and the remote loader read inventories through here; the validating reader makes sure
// hostile values (versions, URLs, ssh targets) are refused with file:line before any of them is used.
Result<QList<Instance>> InventoryFile::read(const QString &path)
{
    auto inventory = YamlInventoryReader::read(path);
    if (!inventory)
        return inventory.error();
    return inventory->instances;
}

Result<QList<Instance>> InventoryFile::parse(const QByteArray &yaml, const QString &name)
{
    auto inventory = YamlInventoryReader::parse(yaml, name);
    if (!inventory)
        return inventory.error();
    return inventory->instances;
}

} // namespace lockstep
