#pragma once

#include "app/fleetsim/SimBackup.h"
#include "app/fleetsim/SimFault.h"
#include "app/fleetsim/SimTraffic.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace lockstep {

// The state of one emulated instance: what the control-plane API reports and changes.
struct SimInstance
{
    QString name;
    QString product;
    QString environment;
    QStringList tags;
    QString channel = QStringLiteral("manual-approval");   // auto-update | manual-approval | frozen
    QString pinned;                                         // with frozen
    QString ssh;                         // the ssh target the served inventory names (--ssh NAME=TARGET)
    // Per-instance inventory variables the served inventory names (vars:), for the runbooks' templates
    // and the tool stand-ins (tests/shims) that find an instance's database or cluster by them.
    QMap<QString, QString> vars;

    QString version;
    QString previousVersion;
    int schemaVersion = 1;
    bool maintenance = false;
    bool unhealthy = false;              // reports 503 {"status":"unhealthy"} until told otherwise
    QString status = QStringLiteral("active");   // active | upgrading | rolling-back
    QString rawVersion;                  // set by /admin/hostile: /version reports this text verbatim
    quint64 generation = 0;              // bumps on every restart so stale timers are ignored

    QList<SimBackup> backups;            // newest first
    SimFault fault;
    SimTraffic traffic;

    bool restarting() const { return status != QLatin1String("active"); }
    QJsonObject toJson() const;
};

} // namespace lockstep
