#include "models/Instance.h"

namespace lockstep {

QString healthName(Health health)
{
    switch (health) {
    case Health::Unknown: return QStringLiteral("unknown");
    case Health::Healthy: return QStringLiteral("healthy");
    case Health::Unhealthy: return QStringLiteral("unhealthy");
    case Health::Down: return QStringLiteral("down");
    }
    return {};
}

} // namespace lockstep
