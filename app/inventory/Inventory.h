#pragma once

#include "models/Instance.h"
#include "models/Product.h"

#include <QHash>
#include <QList>
#include <QString>

namespace lockstep {

// What an inventory file says, parsed and validated, before anything is written to the store.
struct Inventory
{
    QString source;                      // the file it came from
    QList<Product> products;
    QList<Instance> instances;           // currentVersion empty = not stated (the stored one is kept)
    QHash<QString, QString> productWhere;   // product id -> "file:line" that declared it
    QHash<QString, QString> instanceWhere;  // instance name -> "file:line" that declared it
};

// Values an inventory may leave to the caller (Ansible inventories rarely say which product they run).
struct InventoryDefaults
{
    QString product;
    QString environment;
};

} // namespace lockstep
