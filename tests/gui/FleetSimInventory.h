#pragma once

#include "tests/support/FleetSim.h"
#include "ui/inventory/InMemoryInventoryService.h"

#include <QJsonArray>
#include <QJsonObject>

namespace lockstep::test {

// The running simulator's fleet as an in-memory inventory (from GET /api/instances), for GUI tests that
// need live peers but not the store. Versions are left empty: the poller has to find them.
inline Result<QList<Instance>> fleetSimInstances(const FleetSim &sim)
{
    const FleetSim::Response response = sim.get(QStringLiteral("/api/instances"));
    if (response.status != 200 || !response.json().isArray())
        return Error{QStringLiteral("GET /api/instances failed: %1 %2").arg(response.status).arg(response.error), {}, {}};
    QList<Instance> instances;
    for (const QJsonValue &value : response.json().toArray()) {
        const QJsonObject o = value.toObject();
        Instance in;
        in.name = o.value(QStringLiteral("name")).toString();
        in.product = o.value(QStringLiteral("product")).toString();
        in.environment = o.value(QStringLiteral("environment")).toString();
        for (const QJsonValue &tag : o.value(QStringLiteral("tags")).toArray())
            in.tags << tag.toString();
        in.baseUrl = sim.instanceUrl(in.name);
        in.apiUrl = sim.apiUrl();
        in.channel = parseUpdateChannel(o.value(QStringLiteral("updateChannel")).toString()).value_or(UpdateChannel::ManualApproval);
        in.pinnedVersion = o.value(QStringLiteral("pinnedVersion")).toString();
        in.state = QStringLiteral("active");
        instances << in;
    }
    return instances;
}

inline QList<Product> fleetSimProducts(const FleetSim &sim, const QList<Instance> &instances)
{
    QList<Product> products;
    QStringList seen;
    for (const Instance &in : instances) {
        if (seen.contains(in.product))
            continue;
        seen << in.product;
        products << Product{in.product, in.product, QStringLiteral("feed"), sim.feedUrl(in.product)};
    }
    return products;
}

} // namespace lockstep::test
