#pragma once

#include "models/SshSettings.h"
#include "models/UpdateChannel.h"

#include <QDateTime>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace lockstep {

enum class Health { Unknown, Healthy, Unhealthy, Down };

// One deployment of a product on a host.
struct Instance
{
    qint64 id = 0;               // store key; 0 = not stored yet
    QString name;                // unique, e.g. "platform-prod-eu-1"
    QString product;             // product id, e.g. "webwaka-platform"
    QString environment;         // prod, staging, ...
    QStringList tags;
    QString sshTarget;           // "user@host:port" or an ssh_config Host alias; may be empty
    SshSettings ssh;             // identity file, known_hosts, ssh_config for this instance (default: the console's)
    QUrl baseUrl;                // the instance's own HTTP endpoint (/health, /version, /metrics)
    QUrl apiUrl;                 // control-plane API used by runbooks ({{instance.api}}); may be empty
    QString metricsSource;       // "scrape" (default: baseUrl/metrics) or a PromQL label selector
    QString currentVersion;      // last known version (validated SemVer text, may be empty if unknown)
    UpdateChannel channel = UpdateChannel::ManualApproval;
    QString pinnedVersion;       // only meaningful when channel == Frozen
    QString state;               // free text from the store: "active", "maintenance", "upgrading", ...
    // Per-instance values from the inventory (YAML `vars:`, Ansible host and group variables) that
    // runbook templates read as {{instance.vars.NAME}}: a kube context, a database host, a backup path.
    QMap<QString, QString> vars;

    // Live facts from discovery (not all stored).
    Health health = Health::Unknown;
    QDateTime lastSeen;
    QString lastError;
};

QString healthName(Health health);

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::Instance)
