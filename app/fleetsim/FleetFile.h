#pragma once

#include "models/Result.h"

#include <QString>

namespace lockstep {

class SimFleet;

// --fleet FILE: a fleet described in YAML. The format is the inventory that GET /inventory.yaml
// serves (so a served inventory can be edited and fed back), plus optional simulator keys:
//
//   products:
//     - id: billing                       # a demo product id may omit releases
//       name: Billing
//       releases:                         # a list here (a URL string, as in the inventory, is ignored)
//         - {version: 1.0.0, schema: 1}
//         - {version: 1.1.0, schema: 2, security: true, breaking: false, bad: false, notes: "https://..."}
//         - {version: 1.2.0, schema: 2, degradation: 2}   # twice the errors and latency of a good release
//   instances:
//     - name: billing-prod-1
//       product: billing
//       environment: prod
//       tags: [eu]
//       channel: frozen                   # auto-update | manual-approval | frozen
//       pinned: "1.0.0"
//       version: 1.0.0                    # default: the demo's current release, else the first listed
//       unhealthy: false
//       fault: down                       # down | slow | slow:MS | error500
//
// url, api and ssh keys are accepted and ignored (the simulator serves its own). Errors name the
// file, line and column.
class FleetFile
{
public:
    static Status load(const QString &path, SimFleet &fleet);
};

} // namespace lockstep
