#pragma once

#include "models/Instance.h"
#include "models/run/InstanceProgress.h"
#include "models/run/Plan.h"
#include "models/run/StepResult.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace lockstep {

// Where one instance of a run stands: what the executor keeps per instance, what it rebuilds from the
// write-ahead log after a restart, and what a past run shows read-only. Plain data.
struct LaneState
{
    Instance instance;
    int wave = 0;
    InstanceState state = InstanceState::Pending;
    RunPhase phase = RunPhase::Upgrade;
    QStringList sequence;               // step ids of the current phase
    int next = 0;                       // index in `sequence` of the step to run (or running)
    int attempt = 0;                    // attempts made of the step at `next`
    QStringList ran;                    // upgrade steps that started, in order: what rollback undoes
    bool failed = false;                // counts against the wave's failure budget
    QString note;

    InstanceProgress progress() const;

    // One lane per instance of `plan`, in wave order, before anything ran.
    static QList<LaneState> initial(const Plan &plan);
    // Replays a run's step attempts (in log order) onto its lanes: each instance's phase, position,
    // attempt and state afterwards. An attempt without a result counts as interrupted. `laneOf` finds
    // the lane of an instance (null: not in the plan, ignored).
    static void replay(const Plan &plan, RunState runState, const QList<StepResult> &attempts,
                       const std::function<LaneState *(const QString &instance)> &laneOf);
    // Where every instance of a stored run stands, for showing it (nothing is resolved or audited).
    static QList<InstanceProgress> progressOf(const Plan &plan, RunState runState, const QList<StepResult> &attempts);
};

} // namespace lockstep
