#pragma once

#include "models/Instance.h"
#include "models/Release.h"
#include "models/SemVer.h"
#include "models/run/Plan.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace lockstep {

// Something policy forbids unless an operator overrides it with a reason.
struct PolicyRefusal
{
    PolicyOverride::Kind kind = PolicyOverride::Kind::Frozen;
    QString instance;                   // empty: the whole plan (maintenance window)
    QString reason;                     // instance refusals: ChannelPolicy::explain, naming the instance
    bool overridable = true;            // false: the channel policy refuses it, no override helps

    QString toString() const { return reason; }
};

// Update channels and pins (ChannelPolicy, the one rule the GUI and the CLI share) and maintenance
// windows, enforced by the engine itself.
class Policy
{
public:
    // What stands in the way of moving `instance` to `target` given the product's known `releases`
    // (empty = unknown), before overrides: nothing, an overridable refusal or a final one.
    static std::optional<PolicyRefusal> checkInstance(const Instance &instance, const QList<Release> &releases,
                                                      const SemVer &target);
    // Whether the runbook needs a window at all (required, or any disruptive step).
    static bool needsWindow(const Runbook &runbook);
    // A step that may only run inside the window.
    static bool isDisruptive(const Runbook &runbook, const StepSpec &step);
    static std::optional<PolicyRefusal> checkWindow(const std::optional<MaintenanceWindow> &window, const QDateTime &now);
    // Every refusal of `plan` that no override in it covers (channel refusals are never covered).
    static QList<PolicyRefusal> unresolved(const Plan &plan, const QList<Release> &releases, const QDateTime &now);
    // A ready-made hint naming the CLI flag that overrides `refusal`.
    static QString overrideHint(const PolicyRefusal &refusal);
};

} // namespace lockstep
