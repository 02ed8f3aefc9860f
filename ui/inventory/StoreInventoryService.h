#pragma once

#include "ui/inventory/InventoryService.h"

namespace lockstep {

class Database;

// The inventory kept in the store (SQLite file or PostgreSQL): what the console uses when it runs with a
// data directory. Imports and multi-instance changes run in one transaction: all or nothing.
class StoreInventoryService final : public InventoryService
{
public:
    explicit StoreInventoryService(Database &db) : m_db(db) {}

    Result<QList<Instance>> instances() override;
    Result<QList<Release>> releases() override;
    Status saveInstance(const Instance &instance, const QString &previousName) override;
    Status removeInstances(const QStringList &names) override;
    FileReader fileReader() const override;
    QList<Product> products() override;
    Status recordVersion(const QString &name, const QString &version) override;
    Status saveReleases(const QString &product, const QList<Release> &releases) override;
    Result<int> importInventory(const QList<Instance> &instances, const QList<Product> &products) override;

private:
    Status ensureProduct(const QString &id);

    Database &m_db;
};

} // namespace lockstep
