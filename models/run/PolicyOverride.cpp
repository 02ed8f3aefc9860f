#include "models/run/PolicyOverride.h"

namespace lockstep {

QString policyOverrideKindName(PolicyOverride::Kind kind)
{
    switch (kind) {
    case PolicyOverride::Kind::Frozen: return QStringLiteral("frozen");
    case PolicyOverride::Kind::Pinned: return QStringLiteral("pinned");
    case PolicyOverride::Kind::MaintenanceWindow: return QStringLiteral("window");
    }
    return {};
}

} // namespace lockstep
