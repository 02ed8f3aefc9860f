#pragma once

#include "models/Result.h"

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

private:
    static void addProducts(SimFleet &fleet);
};

} // namespace lockstep
