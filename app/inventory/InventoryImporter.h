#pragma once

#include "app/inventory/Inventory.h"
#include "models/Result.h"

#include <QStringList>

namespace lockstep {

class AuditLog;
class Database;

struct InventoryImportSummary
{
    int productsAdded = 0;
    int productsUpdated = 0;
    int instancesAdded = 0;
    int instancesUpdated = 0;
};

// Imports an inventory file into the store: parse -> validate everything -> write in one transaction.
// A file with any problem changes nothing. Re-importing updates instances by name; instances the file
// does not mention are left alone. The file is authoritative for what it states, except that an
// instance's last known version is only replaced when the file gives one (discovery keeps it current),
// and its state (active, maintenance, ...) is never touched.
class InventoryImporter
{
public:
    enum class Format { Detect, Yaml, AnsibleIni };

    // With an audit log, a successful import appends its audit record (AuditActions::inventoryImported) in the same transaction.
    explicit InventoryImporter(Database &db, AuditLog *audit = nullptr, QString operatorName = {});

    Result<InventoryImportSummary> importFile(const QString &path, const InventoryDefaults &defaults = {},
                                              Format format = Format::Detect);
    Result<InventoryImportSummary> importInventory(const Inventory &inventory);

    // .yaml/.yml -> YAML; otherwise a file whose first line opens a section or names a host -> INI.
    static Format detectFormat(const QString &path, const QByteArray &head);
    static Result<Inventory> readFile(const QString &path, const InventoryDefaults &defaults = {},
                                      Format format = Format::Detect);

private:
    Database &m_db;
    AuditLog *m_audit;
    QString m_operator;
};

} // namespace lockstep
