// Steps nothing can undo (runbook `undo: {none: MESSAGE}`), kept apart from the wave machine: where a
// rollback stops for a restore by hand, the question it asks there, and what the operator's answer means.
//
// The question is a manual step in the rollback, where the step's undo would be, under the step's own id:
// written ahead like any step (so a crash while it waits asks it again on resume), its message rendered by
// the same templater as a manual prompt. "Restored" confirms it and the rollback goes on; "leave it"
// declines it and the instance stays "needs restore" (LaneState::replay reads it back the same way).
#include "app/engine/RunExecutor.h"

#include "app/engine/LaneState.h"
#include "app/engine/ManualStepExecution.h"

#include <QJsonObject>

namespace lockstep {

namespace {

Error refusedRestore(const QString &what, const QString &instance, const QString &why, const QString &hint = {})
{
    return Error{QStringLiteral("cannot %1 %2: %3").arg(what, instance, why), instance, hint};
}

} // namespace

bool RunExecutor::atRestorePoint(const LaneState &lane) const
{
    if (lane.phase != RunPhase::Rollback || lane.next >= lane.sequence.size())
        return false;
    const StepSpec *spec = m_plan.runbook.findStep(lane.sequence.at(lane.next));
    return spec && spec->irreversible;
}

const StepSpec *RunExecutor::restoreQuestion(const StepSpec &irreversible)
{
    auto it = m_restoreQuestions.find(irreversible.id);
    if (it == m_restoreQuestions.end()) {
        StepSpec question;
        question.id = irreversible.id;
        question.title = irreversible.title;
        question.kind = StepKind::Manual;
        question.prompt = irreversible.restoreMessage;
        question.timeout = Millis(0);
        question.location = irreversible.location;
        it = m_restoreQuestions.emplace(irreversible.id, question).first;
    }
    return &it->second;
}

bool RunExecutor::askRestore(int i)
{
    LaneState &lane = laneAt(i);
    auto *question = qobject_cast<ManualStepExecution *>(execOf(i));
    if (!question || !atRestorePoint(lane))
        return false;   // a message that did not render fails the step instead (rollback failed, with why)
    const QString step = lane.sequence.at(lane.next);
    lane.state = InstanceState::NeedsRestore;
    lane.note = QStringLiteral("needs restore: %1 cannot be undone; %2").arg(step, question->prompt());
    record(RunEvent::Kind::RollbackNeedsRestore, lane.instance.name, instanceStateName(InstanceState::NeedsRestore),
           question->prompt(), QJsonObject{{QStringLiteral("step"), step}});
    emitLane(i);
    emit restoreNeeded(lane.instance.name, step, question->prompt());
    return true;
}

bool RunExecutor::waitsForRestore(const QString &instance) const
{
    const auto i = laneFor(instance);
    return i && laneAt(*i).state == InstanceState::NeedsRestore && qobject_cast<ManualStepExecution *>(execOf(*i))
           && atRestorePoint(laneAt(*i));
}

Status RunExecutor::confirmRestored(const QString &instance, const QString &operatorName, const QString &how)
{
    const auto i = laneFor(instance);
    if (!i)
        return i.error();
    if (!waitsForRestore(instance))
        return refusedRestore(QStringLiteral("confirm the restore of"), instance,
                              QStringLiteral("it does not wait for one (it is %1)").arg(instanceStateName(laneAt(*i).state)));
    if (operatorName.trimmed().isEmpty())
        return refusedRestore(QStringLiteral("confirm the restore of"), instance, QStringLiteral("a confirmation needs the operator's name"));
    if (how.trimmed().isEmpty())
        return refusedRestore(QStringLiteral("confirm the restore of"), instance,
                              QStringLiteral("say how it was restored (the snapshot or dump, and when)"));
    LaneState &lane = laneAt(*i);
    const QString step = lane.sequence.at(lane.next);
    record(RunEvent::Kind::RollbackRestored, instance, QStringLiteral("restored"), how,
           QJsonObject{{QStringLiteral("step"), step}}, operatorName);
    // The rollback goes on with the undo of what ran before the step; the instance ends rolled back.
    lane.state = InstanceState::RollingBack;
    lane.note = QStringLiteral("restored by hand (%1 cannot be undone), confirmed by %2: %3").arg(step, operatorName, how);
    emitLane(*i);
    static_cast<ManualStepExecution *>(execOf(*i))->confirm(operatorName, how);
    return okStatus();
}

Status RunExecutor::leaveUnrestored(const QString &instance, const QString &operatorName, const QString &reason)
{
    const auto i = laneFor(instance);
    if (!i)
        return i.error();
    if (!waitsForRestore(instance))
        return refusedRestore(QStringLiteral("leave unrestored"), instance,
                              QStringLiteral("it does not wait for a restore (it is %1)").arg(instanceStateName(laneAt(*i).state)));
    if (reason.trimmed().isEmpty())
        return refusedRestore(QStringLiteral("leave unrestored"), instance, QStringLiteral("leaving it needs a reason"));
    LaneState &lane = laneAt(*i);
    auto *question = static_cast<ManualStepExecution *>(execOf(*i));
    const QString step = lane.sequence.at(lane.next);
    const QString version = m_plan.targetVersion.toString();
    record(RunEvent::Kind::RollbackLeftUnrestored, instance, instanceStateName(InstanceState::NeedsRestore), reason,
           QJsonObject{{QStringLiteral("step"), step}, {QStringLiteral("version"), version},
                       {QStringLiteral("message"), question->prompt()}},
           operatorName);
    // Nothing more of the rollback runs on it: the undo of earlier steps would act on an instance whose
    // data the step already changed. It stays "needs restore" (restoreNotDone, when the question ends).
    lane.note = QStringLiteral("left on %1 — needs restore: %2 (left by %3: %4)").arg(version, question->prompt(), operatorName, reason);
    question->decline(operatorName, reason);
    return okStatus();
}

bool RunExecutor::restoreNotDone(int i, const StepResult &result)
{
    LaneState &lane = laneAt(i);
    if (!atRestorePoint(lane) || lane.state != InstanceState::NeedsRestore || result.outcome == StepOutcome::Succeeded)
        return false;
    lane.failed = true;
    emitLane(i);
    evaluateWave();
    return true;
}

QString RunExecutor::unrestoredNote() const
{
    QStringList left;
    for (int i = 0; i < int(m_lanes.size()); ++i)
        if (laneAt(i).state == InstanceState::NeedsRestore)
            left << QStringLiteral("%1 left on %2 — needs restore").arg(laneAt(i).instance.name, m_plan.targetVersion.toString());
    return left.isEmpty() ? QString() : QStringLiteral("; ") + left.join(QStringLiteral("; "));
}

} // namespace lockstep
