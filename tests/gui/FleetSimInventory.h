#pragma once

#include "tests/support/FleetSim.h"
#include "ui/inventory/RemoteInventoryLoader.h"

#include <QSignalSpy>

namespace lockstep::test {

// The running simulator's fleet, read the way `lockstep --demo URL` reads it (RemoteInventoryLoader on
// GET /inventory.yaml). Versions are left empty: the poller has to find them.
inline Result<RemoteInventoryLoader::Inventory> loadFleetSimInventory(const FleetSim &sim)
{
    RemoteInventoryLoader loader;
    QSignalSpy loaded(&loader, &RemoteInventoryLoader::loaded);
    QSignalSpy failed(&loader, &RemoteInventoryLoader::failed);
    loader.load(sim.baseUrl());
    if (!loaded.wait(10000) && failed.isEmpty())
        return Error{QStringLiteral("no answer from %1/inventory.yaml").arg(sim.baseUrl().toString()), {}, {}};
    if (!failed.isEmpty())
        return failed.first().first().value<Error>();
    return loaded.first().first().value<RemoteInventoryLoader::Inventory>();
}

} // namespace lockstep::test
