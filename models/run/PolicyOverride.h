#pragma once

#include <QString>

namespace lockstep {

// An operator's decision to go past a policy refusal. Never without a reason; always audited.
struct PolicyOverride
{
    enum class Kind { Frozen, Pinned, MaintenanceWindow };
    Kind kind = Kind::Frozen;
    QString instance;        // empty = every instance of the plan
    QString reason;
    QString operatorName;

    bool covers(Kind k, const QString &instanceName) const
    {
        return kind == k && (instance.isEmpty() || instance == instanceName);
    }
};

QString policyOverrideKindName(PolicyOverride::Kind kind);   // "frozen", "pinned", "window"

} // namespace lockstep
