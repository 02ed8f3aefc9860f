#pragma once

#include "models/Instance.h"
#include "models/SemVer.h"
#include "models/run/MaintenanceWindow.h"
#include "models/run/PolicyOverride.h"
#include "models/runbook/Runbook.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace lockstep {

// A group of instances upgraded together; the first wave is the canary.
struct Wave
{
    int index = 0;
    QString name;
    QList<Instance> instances;
    int spec = -1;                      // its entry in runbook.strategy.waves (its approval rule); -1: unknown
};

// A runbook + instances + target version, resolved into waves before anything runs.
// Instances are snapshots taken at plan time: their currentVersion is the version rollback returns to.
struct Plan
{
    Runbook runbook;
    QString runbookSource;              // the text the runbook was loaded from; persisted with the run
    SemVer targetVersion;
    ChangeClass changeClass = ChangeClass::None;   // the largest change among the plan's instances
    QList<Wave> waves;
    QMap<QString, QString> params;
    // Parameters declared `secret: true` that the run was given: their values are never stored with the
    // run (PlanCodec writes only their names), so a plan decoded from the store lists them here, without
    // a value, until the operator gives them again (RunRecovery::restore).
    QStringList withheldParams;
    std::optional<MaintenanceWindow> window;
    QList<PolicyOverride> overrides;
    QStringList excluded;               // "name: why" for instances the plan left out
    // The demo's time scale (app/engine/TimeScale): 1 = the runbook's real timings; N > 1 = `runbook`
    // waits N times less. Stored with the run; the runbook text stored with it stays the original.
    int timeScale = 1;

    int instanceCount() const
    {
        int n = 0;
        for (const Wave &w : waves)
            n += int(w.instances.size());
        return n;
    }

    const Instance *findInstance(const QString &name) const
    {
        for (const Wave &w : waves)
            for (const Instance &i : w.instances)
                if (i.name == name)
                    return &i;
        return nullptr;
    }

    const PolicyOverride *findOverride(PolicyOverride::Kind kind, const QString &instance) const
    {
        for (const PolicyOverride &o : overrides)
            if (o.covers(kind, instance))
                return &o;
        return nullptr;
    }
};

} // namespace lockstep
