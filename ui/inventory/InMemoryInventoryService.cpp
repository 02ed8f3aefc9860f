#include "ui/inventory/InMemoryInventoryService.h"

#include <QSet>

#include <algorithm>

namespace lockstep {

InMemoryInventoryService::InMemoryInventoryService(QList<Instance> instances, QList<Release> releases)
    : m_instances(std::move(instances))
    , m_releases(std::move(releases))
{
    for (Instance &in : m_instances)
        in.id = m_nextId++;
}

Status InMemoryInventoryService::saveInstance(const Instance &instance, const QString &previousName)
{
    const QString key = previousName.isEmpty() ? instance.name : previousName;
    for (const Instance &other : std::as_const(m_instances)) {
        if (other.name == instance.name && other.name != previousName)
            return Error{QStringLiteral("an instance called \"%1\" already exists").arg(instance.name), {},
                         QStringLiteral("choose another name")};
    }
    for (Instance &existing : m_instances) {
        if (!previousName.isEmpty() && existing.name == key) {
            const qint64 id = existing.id;
            existing = instance;
            existing.id = id;
            return okStatus();
        }
    }
    Instance added = instance;
    added.id = m_nextId++;
    m_instances.append(added);
    return okStatus();
}

Status InMemoryInventoryService::removeInstances(const QStringList &names)
{
    const QSet<QString> doomed(names.cbegin(), names.cend());
    m_instances.removeIf([&](const Instance &in) { return doomed.contains(in.name); });
    return okStatus();
}

InventoryService::FileReader InMemoryInventoryService::fileReader() const
{
    return [importer = m_importer](const QString &path) -> Result<Inventory> {
        if (!importer)
            return Error{QStringLiteral("importing is not available without a store"), path,
                         QStringLiteral("start the console with a data directory")};
        auto imported = importer(path);
        if (!imported)
            return imported.error();
        Inventory inventory;
        inventory.source = path;
        inventory.instances = *imported;
        return inventory;
    };
}

Result<int> InMemoryInventoryService::importInventory(const QList<Instance> &imported, const QList<Product> &products)
{
    for (const Product &product : products) {
        m_products.removeIf([&](const Product &p) { return p.id == product.id; });
        m_products.append(product);
    }
    for (const Instance &in : imported) {
        const Status saved = saveInstance(in, [&] {
            for (const Instance &existing : std::as_const(m_instances)) {
                if (existing.name == in.name)
                    return in.name;
            }
            return QString();
        }());
        if (!saved)
            return saved.error();
    }
    return int(imported.size());
}

QList<Product> InMemoryInventoryService::products()
{
    // Products named by instances but not declared still show up, so the dialog can offer them.
    QList<Product> products = m_products;
    for (const Instance &in : std::as_const(m_instances)) {
        const bool known = std::any_of(products.cbegin(), products.cend(),
                                       [&](const Product &p) { return p.id == in.product; });
        if (!known)
            products.append(Product{in.product, in.product, QStringLiteral("feed"), {}});
    }
    std::sort(products.begin(), products.end(), [](const Product &a, const Product &b) { return a.id < b.id; });
    return products;
}

Status InMemoryInventoryService::recordVersion(const QString &name, const QString &version)
{
    for (Instance &in : m_instances) {
        if (in.name == name)
            in.currentVersion = version;
    }
    return okStatus();
}

Status InMemoryInventoryService::saveReleases(const QString &product, const QList<Release> &releases)
{
    m_releases.removeIf([&](const Release &r) { return r.product == product; });
    m_releases += releases;
    return okStatus();
}

} // namespace lockstep
