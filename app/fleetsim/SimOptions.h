#pragma once

#include "app/fleetsim/SimFault.h"
#include "models/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace lockstep {

// lockstep-fleetsim's command line (docs/fleetsim.md).
struct SimOptions
{
    quint16 port = 0;
    QString portFile;
    quint64 seed = 1;
    int instances = 0;          // > 0: a generic fleet of that many instances
    bool demo = false;
    QString fleetFile;          // --fleet FILE (FleetFile.h)
    int upgradeMs = 1500;
    int backupMs = 300;
    struct Injection
    {
        QString instance;
        SimFault fault;
    };
    QList<Injection> injections;
    struct SshTarget
    {
        QString instance;
        QString target;         // user@host:port, host or an ssh_config alias
    };
    QList<SshTarget> sshTargets;

    static Result<SimOptions> parse(const QStringList &arguments);
};

} // namespace lockstep
