#pragma once

#include "models/Instance.h"
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
    QString reason;

    QString toString() const { return instance.isEmpty() ? reason : instance + QStringLiteral(": ") + reason; }
};

// Frozen channels, pinned versions and maintenance windows, enforced by the engine itself.
class Policy
{
public:
    // Frozen and pinned refusals for moving `instance` to `target`.
    static QList<PolicyRefusal> checkInstance(const Instance &instance, const SemVer &target);
    // Whether the runbook needs a window at all (required, or any disruptive step).
    static bool needsWindow(const Runbook &runbook);
    // A step that may only run inside the window.
    static bool isDisruptive(const Runbook &runbook, const StepSpec &step);
    static std::optional<PolicyRefusal> checkWindow(const std::optional<MaintenanceWindow> &window, const QDateTime &now);
    // Every refusal of `plan` that no override in it covers.
    static QList<PolicyRefusal> unresolved(const Plan &plan, const QDateTime &now);
    // A ready-made hint naming the CLI flag that overrides `refusal`.
    static QString overrideHint(const PolicyRefusal &refusal);
};

} // namespace lockstep
