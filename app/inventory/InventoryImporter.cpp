#include "app/inventory/InventoryImporter.h"

#include "app/audit/AuditLog.h"
#include "app/inventory/AnsibleInventoryReader.h"
#include "app/inventory/YamlInventoryReader.h"
#include "models/AuditActions.h"
#include "models/store/Database.h"
#include "models/store/InstanceRepository.h"
#include "models/store/ProductRepository.h"
#include "models/store/Transaction.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace lockstep {

InventoryImporter::InventoryImporter(Database &db, AuditLog *audit, QString operatorName)
    : m_db(db), m_audit(audit), m_operator(std::move(operatorName))
{
}

InventoryImporter::Format InventoryImporter::detectFormat(const QString &path, const QByteArray &head)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("yaml") || suffix == QLatin1String("yml"))
        return Format::Yaml;
    if (suffix == QLatin1String("ini") || suffix == QLatin1String("cfg"))
        return Format::AnsibleIni;
    for (const QByteArray &raw : head.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#') || line.startsWith(';') || line == "---")
            continue;
        return line.startsWith("products:") || line.startsWith("instances:") ? Format::Yaml : Format::AnsibleIni;
    }
    return Format::AnsibleIni;
}

Result<Inventory> InventoryImporter::readFile(const QString &path, const InventoryDefaults &defaults, Format format)
{
    if (format == Format::Detect) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("cannot read the inventory: %1").arg(file.errorString()), path, {}};
        format = detectFormat(path, file.read(4096));
    }
    return format == Format::Yaml ? YamlInventoryReader::read(path, defaults)
                                  : AnsibleInventoryReader::read(path, defaults);
}

Result<InventoryImportSummary> InventoryImporter::importFile(const QString &path, const InventoryDefaults &defaults,
                                                             Format format)
{
    const auto inventory = readFile(path, defaults, format);
    if (!inventory)
        return inventory.error();
    return importInventory(*inventory);
}

Result<InventoryImportSummary> InventoryImporter::importInventory(const Inventory &inventory)
{
    ProductRepository products(m_db);
    InstanceRepository instances(m_db);
    InventoryImportSummary summary;

    // Validation that needs the store happens before the first write.
    QSet<QString> declared;
    for (const Product &p : inventory.products)
        declared.insert(p.id);
    for (const Instance &i : inventory.instances) {
        if (declared.contains(i.product))
            continue;
        const auto known = products.exists(i.product);
        if (!known)
            return known.error();
        if (!*known)
            return Error{QStringLiteral("instance %1: unknown product \"%2\"").arg(i.name, i.product),
                         inventory.instanceWhere.value(i.name, inventory.source),
                         QStringLiteral("declare it under products: (YAML) or import a file that does")};
        declared.insert(i.product);
    }

    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s.error();
    for (const Product &p : inventory.products) {
        const auto exists = products.exists(p.id);
        if (!exists)
            return exists.error();
        if (Status s = products.save(p); !s)
            return Error{s.error().message, inventory.productWhere.value(p.id, inventory.source), s.error().hint};
        ++(*exists ? summary.productsUpdated : summary.productsAdded);
    }
    for (Instance i : inventory.instances) {
        const QString where = inventory.instanceWhere.value(i.name, inventory.source);
        const auto existing = instances.findByName(i.name);
        if (!existing)
            return Error{existing.error().message, where, existing.error().hint};
        if (existing->has_value()) {
            const Instance &stored = **existing;
            i.id = stored.id;
            i.state = stored.state;
            if (i.currentVersion.isEmpty())
                i.currentVersion = stored.currentVersion;
            if (Status s = instances.update(i); !s)
                return Error{s.error().message, where, s.error().hint};
            ++summary.instancesUpdated;
        } else {
            if (const auto added = instances.add(i); !added)
                return Error{added.error().message, where, added.error().hint};
            ++summary.instancesAdded;
        }
    }
    if (m_audit) {
        AuditEvent e;
        e.operatorName = m_operator.isEmpty() ? QStringLiteral("lockstep") : m_operator;
        e.action = AuditActions::inventoryImported();
        e.result = QStringLiteral("ok");
        e.evidence = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("file"), inventory.source},
                                      {QStringLiteral("productsAdded"), summary.productsAdded},
                                      {QStringLiteral("productsUpdated"), summary.productsUpdated},
                                      {QStringLiteral("instancesAdded"), summary.instancesAdded},
                                      {QStringLiteral("instancesUpdated"), summary.instancesUpdated}})
                .toJson(QJsonDocument::Compact));
        if (const auto appended = m_audit->append(e); !appended)
            return appended.error();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return summary;
}

} // namespace lockstep
