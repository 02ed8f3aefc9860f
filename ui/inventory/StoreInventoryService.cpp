#include "ui/inventory/StoreInventoryService.h"

#include "app/inventory/InventoryImporter.h"
#include "models/store/InstanceRepository.h"
#include "models/store/ProductRepository.h"
#include "models/store/ReleaseRepository.h"
#include "models/store/Transaction.h"

#include <algorithm>

namespace lockstep {

Result<QList<Instance>> StoreInventoryService::instances()
{
    return InstanceRepository(m_db).list();
}

Result<QList<Release>> StoreInventoryService::releases()
{
    auto products = ProductRepository(m_db).list();
    if (!products)
        return products.error();
    QList<Release> all;
    ReleaseRepository releases(m_db);
    for (const Product &product : *products) {
        auto listed = releases.list(product.id);
        if (!listed)
            return listed.error();
        all += *listed;
    }
    return all;
}

Status StoreInventoryService::ensureProduct(const QString &id)
{
    ProductRepository products(m_db);
    auto exists = products.exists(id);
    if (!exists)
        return exists.error();
    if (*exists)
        return okStatus();
    return products.add(Product{id, id, QStringLiteral("feed"), {}});
}

Status StoreInventoryService::saveInstance(const Instance &instance, const QString &previousName)
{
    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    if (Status s = ensureProduct(instance.product); !s)
        return s;
    InstanceRepository repo(m_db);
    if (previousName.isEmpty()) {
        if (auto added = repo.add(instance); !added)
            return added.error();
    } else {
        auto existing = repo.get(previousName);
        if (!existing)
            return existing.error();
        Instance changed = instance;
        changed.id = existing->id;
        if (Status s = repo.update(changed); !s)
            return s;
    }
    return tx.commit();
}

Status StoreInventoryService::removeInstances(const QStringList &names)
{
    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    InstanceRepository repo(m_db);
    for (const QString &name : names) {
        if (Status s = repo.remove(name); !s)
            return s;
    }
    return tx.commit();
}

InventoryService::FileReader StoreInventoryService::fileReader() const
{
    // YAML or Ansible INI, validated as a whole; importInventory() writes it in one transaction.
    return [](const QString &path) { return InventoryImporter::readFile(path); };
}

Result<int> StoreInventoryService::importInventory(const QList<Instance> &instances, const QList<Product> &products)
{
    Inventory inventory;
    inventory.products = products;
    inventory.instances = instances;
    // The importer wants every product an instance names; the demo's loader may not list them all.
    for (const Instance &in : instances) {
        const bool listed = std::any_of(inventory.products.cbegin(), inventory.products.cend(),
                                        [&](const Product &p) { return p.id == in.product; });
        if (!listed)
            inventory.products.append(Product{in.product, in.product, QStringLiteral("feed"), {}});
    }
    auto summary = InventoryImporter(m_db).importInventory(inventory);
    if (!summary)
        return summary.error();
    return summary->instancesAdded + summary->instancesUpdated;
}

QList<Product> StoreInventoryService::products()
{
    auto listed = ProductRepository(m_db).list();
    return listed ? *listed : QList<Product>{};
}

Status StoreInventoryService::recordVersion(const QString &name, const QString &version)
{
    return InstanceRepository(m_db).updateVersion(name, version);
}

Status StoreInventoryService::saveReleases(const QString &product, const QList<Release> &releases)
{
    return ReleaseRepository(m_db).replace(product, releases);
}

} // namespace lockstep
