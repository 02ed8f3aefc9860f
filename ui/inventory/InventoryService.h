#pragma once

#include "app/inventory/Inventory.h"
#include "models/Instance.h"
#include "models/Product.h"
#include "models/Release.h"
#include "models/Result.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace lockstep {

// What the fleet screen needs from the inventory: read it, change it, import into it. The store-backed
// implementation is the application's; tests and the screenshot use the in-memory one.
class InventoryService
{
public:
    virtual ~InventoryService() = default;

    virtual Result<QList<Instance>> instances() = 0;
    virtual Result<QList<Release>> releases() = 0;
    // Adds `instance` (previousName empty) or replaces the one called previousName.
    virtual Status saveInstance(const Instance &instance, const QString &previousName) = 0;
    virtual Status removeInstances(const QStringList &names) = 0;
    // Reads and validates a YAML or Ansible INI inventory file: all of it, or an error naming file:line.
    // The function is self-contained (it holds no reference to the service), so it can run on a worker
    // thread while the GUI stays responsive; importInventory() then writes what it read.
    using FileReader = std::function<Result<Inventory>(const QString &path)>;
    virtual FileReader fileReader() const = 0;
    // Adds or updates a whole inventory already read (the demo's /inventory.yaml), products included.
    virtual Result<int> importInventory(const QList<Instance> &instances, const QList<Product> &products) = 0;
    virtual QList<Product> products() = 0;
    // Keeps a version discovery learnt, so the next start shows it before the first poll.
    virtual Status recordVersion(const QString &name, const QString &version) = 0;
    // Keeps what a product's release feed said (replacing what was known before).
    virtual Status saveReleases(const QString &product, const QList<Release> &releases) = 0;
};

} // namespace lockstep
