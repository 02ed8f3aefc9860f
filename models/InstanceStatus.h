#pragma once

#include "models/Instance.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace lockstep {

// What discovery learnt about one instance in one poll (HealthPoller::instanceUpdated).
struct InstanceStatus
{
    QString name;
    Health health = Health::Unknown;   // Down: no HTTP answer at all (refused, closed, timeout)
    QString version;          // validated semantic version; empty when unknown or refused
    int schemaVersion = -1;   // as reported by /version; -1 when not reported
    bool maintenance = false; // /health says the instance is in maintenance mode
    QString healthText;       // the "status" field of /health: "ok", "maintenance", "restarting" ...
    QDateTime checkedAt;      // when this poll ended
    QDateTime lastSeen;       // last time the instance answered at all (any HTTP status); may be older
    QString error;            // why it is not healthy or its version unknown: "connection refused",
                              // "timeout after 2 s", "HTTP 500", "refused version: ..."; empty when fine
    int consecutiveFailures = 0;   // polls in a row without an HTTP answer
    QDateTime nextPoll;       // a dead host is polled again only after a back-off
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::InstanceStatus)
