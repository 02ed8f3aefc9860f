#pragma once

#include "models/Instance.h"
#include "models/Result.h"

#include <QList>

#include <optional>

namespace lockstep {

class Database;

// Instances in the store, keyed by their unique name. Only stored facts round-trip; live facts
// (health, lastSeen, lastError) belong to discovery and are not written.
class InstanceRepository
{
public:
    explicit InstanceRepository(Database &db) : m_db(db) {}

    // All instances ordered by name; `product` narrows to one product.
    Result<QList<Instance>> list(const QString &product = {}) const;
    // An error if no instance has that name.
    Result<Instance> get(const QString &name) const;
    // Empty when no instance has that name.
    Result<std::optional<Instance>> findByName(const QString &name) const;

    // Stores a new instance and returns it with its id. Fails if the name is taken.
    Result<Instance> add(Instance instance);
    // Rewrites every stored field of the instance with `instance.id` (or, when id is 0, `instance.name`).
    Status update(const Instance &instance);
    // Adds the instance or updates the one with the same name; returns it with its id.
    Result<Instance> save(Instance instance);
    Status remove(const QString &name);

    // Refuses anything that is not a semantic version (empty = unknown).
    Status updateVersion(const QString &name, const QString &version);
    Status updateState(const QString &name, const QString &state);

private:
    Database &m_db;
};

} // namespace lockstep
