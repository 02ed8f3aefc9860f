#pragma once

#include "ui/inventory/InventoryService.h"

#include <functional>

namespace lockstep {

// An inventory that lives in memory: for tests, the screenshot and a console started without a store.
// Import is delegated to a function so tests can stand in for the real importer.
class InMemoryInventoryService final : public InventoryService
{
public:
    using Importer = std::function<Result<QList<Instance>>(const QString &path)>;

    InMemoryInventoryService() = default;
    InMemoryInventoryService(QList<Instance> instances, QList<Release> releases);

    Result<QList<Instance>> instances() override { return m_instances; }
    Result<QList<Release>> releases() override { return m_releases; }
    Status saveInstance(const Instance &instance, const QString &previousName) override;
    Status removeInstances(const QStringList &names) override;
    FileReader fileReader() const override;
    Result<int> importInventory(const QList<Instance> &instances, const QList<Product> &products) override;
    QList<Product> products() override;
    Status recordVersion(const QString &name, const QString &version) override;
    Status saveReleases(const QString &product, const QList<Release> &releases) override;
    void setProducts(QList<Product> products) { m_products = std::move(products); }

    void setImporter(Importer importer) { m_importer = std::move(importer); }
    void setReleases(QList<Release> releases) { m_releases = std::move(releases); }

private:
    QList<Instance> m_instances;
    QList<Release> m_releases;
    QList<Product> m_products;
    Importer m_importer;
    qint64 m_nextId = 1;
};

} // namespace lockstep
