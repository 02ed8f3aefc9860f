#include "app/engine/LaneState.h"

#include "app/engine/Planner.h"

namespace lockstep {

InstanceProgress LaneState::progress() const
{
    InstanceProgress p;
    p.instance = instance.name;
    p.wave = wave;
    p.state = state;
    p.phase = phase;
    p.stepIndex = next;
    p.stepCount = int(sequence.size());
    p.step = next < sequence.size() ? sequence[next] : (sequence.isEmpty() ? QString() : sequence.last());
    p.attempt = attempt;
    p.note = note;
    return p;
}

QList<LaneState> LaneState::initial(const Plan &plan)
{
    QList<LaneState> out;
    for (const Wave &w : plan.waves)
        for (const Instance &i : w.instances) {
            LaneState lane;
            lane.instance = i;
            lane.wave = w.index;
            for (const StepSpec &s : plan.runbook.steps)
                lane.sequence << s.id;
            out << lane;
        }
    return out;
}

void LaneState::replay(const Plan &plan, RunState runState, const QList<StepResult> &attempts,
                       const std::function<LaneState *(const QString &instance)> &laneOf)
{
    for (const StepResult &r : attempts) {
        LaneState *found = r.phase == RunPhase::Checklist ? nullptr : laneOf(r.instance);
        if (!found)
            continue;
        LaneState &lane = *found;
        if (r.phase == RunPhase::Rollback && lane.phase != RunPhase::Rollback) {
            lane.phase = RunPhase::Rollback;
            lane.sequence = Planner::rollbackSequence(plan.runbook, lane.ran, false);
            lane.next = 0;
            lane.attempt = 0;
        }
        const int index = int(lane.sequence.indexOf(r.step, lane.next));
        if (index < 0)
            continue;   // a probe's attempt: the step it probed follows
        if (index != lane.next)
            lane.attempt = 0;
        lane.next = index;
        lane.attempt = std::max(lane.attempt, r.attempt);
        if (lane.phase == RunPhase::Upgrade && !lane.ran.contains(r.step))
            lane.ran << r.step;
        const StepOutcome outcome = r.outcome.value_or(StepOutcome::Interrupted);
        const StepSpec *spec = plan.runbook.findStep(r.step);
        lane.note = r.note;
        if (letsInstanceContinue(outcome) || (outcome == StepOutcome::Failed && spec && spec->onFailure == OnFailure::Continue
                                              && lane.phase == RunPhase::Upgrade)) {
            ++lane.next;
            lane.attempt = 0;
            lane.state = lane.next >= lane.sequence.size()
                             ? (lane.phase == RunPhase::Rollback ? InstanceState::RolledBack : InstanceState::Succeeded)
                             : InstanceState::Running;
        } else if (outcome == StepOutcome::Interrupted) {
            lane.state = InstanceState::Interrupted;
        } else if (outcome == StepOutcome::Cancelled && runState == RunState::Aborted) {
            lane.state = InstanceState::Cancelled;
        } else if (lane.phase == RunPhase::Rollback && spec && spec->irreversible) {
            // The restore question of a step nothing undoes, answered "leave it": it stays where it is.
            lane.state = InstanceState::NeedsRestore;
            lane.failed = true;
        } else {
            lane.state = lane.phase == RunPhase::Rollback ? InstanceState::RollbackFailed : InstanceState::Failed;
            lane.failed = true;
        }
        if (lane.phase == RunPhase::Rollback)
            lane.failed = true;
    }
}

QList<InstanceProgress> LaneState::progressOf(const Plan &plan, RunState runState, const QList<StepResult> &attempts)
{
    QList<LaneState> lanes = initial(plan);
    replay(plan, runState, attempts, [&lanes](const QString &instance) -> LaneState * {
        for (LaneState &lane : lanes)
            if (lane.instance.name == instance)
                return &lane;
        return nullptr;
    });
    QList<InstanceProgress> out;
    for (LaneState &lane : lanes) {
        if (isTerminal(runState) && (lane.state == InstanceState::Running || lane.state == InstanceState::RollingBack)) {
            lane.state = InstanceState::Cancelled;
            lane.note = QStringLiteral("not finished when the run ended");
        }
        out << lane.progress();
    }
    return out;
}

} // namespace lockstep
