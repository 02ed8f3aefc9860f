#pragma once

#include <QDateTime>
#include <QMetaType>

namespace lockstep {

// One HealthPoller cycle, for the status bar ("1000 polled, 3 down, 2 backing off, 412 ms").
struct PollCycleStats
{
    QDateTime started;
    int polled = 0;      // instances asked this cycle
    int healthy = 0;
    int unhealthy = 0;   // answered, but not healthy (HTTP 5xx, 503 restarting ...)
    int down = 0;        // no HTTP answer
    int skipped = 0;     // dead hosts still in back-off
    int stillBusy = 0;   // hosts still being asked from an earlier cycle (not asked twice at once)
    int versionErrors = 0; // no valid version (unreachable, HTTP error or refused version text)
    qint64 elapsedMs = 0;  // wall time of the cycle
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::PollCycleStats)
