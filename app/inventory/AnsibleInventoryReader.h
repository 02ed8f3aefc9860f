#pragma once

#include "app/inventory/Inventory.h"
#include "models/Result.h"

#include <QByteArray>

namespace lockstep {

// Reads an Ansible INI inventory (docs/inventory-format.md): hosts become instances, the groups a host is
// in (directly or through [group:children]) become its tags, [group:vars] and host variables give
// ansible_host/ansible_port/ansible_user (the ssh target) and lockstep_* values. Errors name file:line.
class AnsibleInventoryReader
{
public:
    static Result<Inventory> read(const QString &path, const InventoryDefaults &defaults = {});
    static Result<Inventory> parse(const QByteArray &text, const QString &source,
                                   const InventoryDefaults &defaults = {});
};

} // namespace lockstep
