#pragma once

#include "app/fleetsim/SimRelease.h"

#include <QList>
#include <QString>

namespace lockstep {

// A simulated product and its releases feed.
struct SimProduct
{
    QString id;
    QString name;
    QList<SimRelease> releases;        // oldest first
    QList<SimRelease> hostileEntries;  // injected through /admin/hostile, versions unchecked

    const SimRelease *release(const QString &version) const
    {
        for (const SimRelease &r : releases) {
            if (r.version == version)
                return &r;
        }
        return nullptr;
    }
    SimRelease *release(const QString &version)
    {
        return const_cast<SimRelease *>(static_cast<const SimProduct *>(this)->release(version));
    }
};

} // namespace lockstep
