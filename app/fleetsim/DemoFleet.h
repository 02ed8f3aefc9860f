#pragma once

#include "app/fleetsim/SimProduct.h"
#include "models/Result.h"

#include <optional>

namespace lockstep {

class SimFleet;

// Ready-made fleets for lockstep-fleetsim.
class DemoFleet
{
public:
    // --demo: the five reference products, 30 instances in staging and prod, pending patch /
    // minor / major releases (security, breaking and bad ones among them), frozen and pinned
    // instances, one unhealthy instance, mixed channels. Which instances lag a version behind
    // follows from the fleet's seed.
    static Status populateDemo(SimFleet &fleet);

    // --instances N: N instances "node-0001".. of one product (webwaka-platform), all healthy.
    static Status populateGeneric(SimFleet &fleet, int count);

    // A product of the demo fleet with its releases (for --fleet files that name one without
    // listing releases), and the release its demo instances run. Empty for other ids.
    static std::optional<SimProduct> demoProduct(const QString &id);
    static QString demoCurrentVersion(const QString &id);

private:
    static void addProducts(SimFleet &fleet);
};

} // namespace lockstep
