#pragma once

#include "app/transport/ProcessGroup.h"
#include "models/Instance.h"
#include "models/Result.h"
#include "models/SemVer.h"
#include "models/run/RunState.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>

namespace lockstep {

struct Runbook;

// Everything a step needs to be rendered and started on one instance.
struct StepContext
{
    const Runbook *runbook = nullptr;
    qint64 runId = 0;
    RunPhase phase = RunPhase::Upgrade;
    int wave = 0;
    int attempt = 1;
    Instance instance;
    QString targetVersion;
    QString previousVersion;            // the instance's version when the plan was made
    ChangeClass change = ChangeClass::None;
    QMap<QString, QString> params;
    // Gate baselines (UpgradeStarts): when this instance's upgrade started (invalid: nothing changed it
    // yet), and the run's instances nothing changed yet, asked only by a gate that compares with them.
    QDateTime upgradeStarted;
    std::function<QList<Instance>()> notUpgraded;
    // A step that starts a local process calls this before the process may run (CommandSpec).
    std::function<Status(const ProcessGroup &group)> processStarted;
};

} // namespace lockstep
