#include "models/run/RunTransitions.h"

#include <QLoggingCategory>
#include <QStringList>

#include <algorithm>
#include <cstdlib>

Q_LOGGING_CATEGORY(lcRunTransitions, "lockstep.engine.transitions")

namespace lockstep {

namespace {

using S = RunState;
using T = RunTrigger;

// Where a run stands once it has started and before it ends (abort, emergency rollback, restore, ...).
const QList<S> kStarted{S::Running, S::Paused, S::AwaitingApproval, S::Observing, S::Watching, S::Interrupted, S::RollingBack};
// How a run ends when it ends as its instances stand (RunExecutor::finish).
const QList<S> kEnds{S::Succeeded, S::Failed, S::RolledBack};

QList<RunTransition> buildRows()
{
    return {
        // The operator.
        {{S::Planned}, T::Start, {S::Running},
         QStringLiteral("runs the run-level `before:` steps, then starts wave 1; refused until the checklist is satisfied")},
        {{S::Running, S::Observing, S::Watching, S::RollingBack}, T::Pause, {S::Paused},
         QStringLiteral("starts nothing more (steps in flight end); stops the observation, the watch's gates (its end "
                        "stays) or a rollback countdown (as cancel); paused while rolling back, it resumes rolling back")},
        {{S::Paused, S::Interrupted}, T::Resume, {S::Running},
         QStringLiteral("goes on with the wave (past a spent failure budget: the operator's decision, audited "
                        "`failure-budget.override`) or the run-level step under way; refused while a step is interrupted")},
        {{S::Paused, S::Interrupted}, T::Resume, {S::RollingBack},
         QStringLiteral("paused or restarted while rolling back: rolls back the instances the rollback had not reached; "
                        "nothing more of the upgrade starts")},
        {{S::Paused, S::Interrupted}, T::Resume, {S::Watching},
         QStringLiteral("paused or restarted during the watch: the gates measure again for the time left")},
        {{S::AwaitingApproval}, T::Approve, {S::AwaitingApproval},
         QStringLiteral("the approval is stored but the rule wants more (another operator): the note says what is missing")},
        {{S::AwaitingApproval}, T::Approve, {S::Running},
         QStringLiteral("the rule is met: starts the next wave (after the last wave: the `after:` steps)")},
        {{S::AwaitingApproval}, T::Approve, QList<S>{S::Watching} + kEnds,
         QStringLiteral("the rule is met after the last wave (its gates were inconclusive): the watch, or the end")},
        {QList<S>{S::Planned} + kStarted, T::Abort, {S::Aborting},
         QStringLiteral("cancels every step in flight (transports: < 2 s), the gates, the watch and a rollback countdown")},
        {{S::Watching, S::Paused, S::Interrupted}, T::RollBackInstance, {S::RollingBack},
         QStringLiteral("during the watch: ends it, the instance rolls back and the run ends when it has (otherwise an "
                        "instance's rollback leaves the run's state as it is)")},
        {kStarted, T::EmergencyRollback, {S::RollingBack},
         QStringLiteral("with a reason: cancels everything in flight (run-level steps too) and rolls every touched "
                        "instance back with `emergency_rollback:`")},
        {{S::RollingBack}, T::CancelRollback, {S::Paused},
         QStringLiteral("stops the countdown: nothing is rolled back, the operator decides (audited `rollback.cancelled`)")},
        {{S::RollingBack}, T::RollBackNow, {S::RollingBack}, QStringLiteral("ends the countdown early: the rollback starts")},
        {{S::Watching, S::Paused, S::Interrupted}, T::EndWatch, kEnds,
         QStringLiteral("with a reason: cancels the watch's gates; the run ends as its instances stand (audited "
                        "`watch.ended-early`)")},

        // Steps and waves.
        {{S::Running}, T::BeforeStepFailed, {S::Paused},
         QStringLiteral("no instance was touched: retry, skip or mark the step done and resume, or abort")},
        {{S::Running}, T::WaveSettled, {S::Observing},
         QStringLiteral("every instance of the wave settled: the gates judge it (and `observe` runs between waves)")},
        {{S::Running}, T::LastWaveSettled, QList<S>{S::Running, S::Watching} + kEnds,
         QStringLiteral("the last wave settled and no gate judges it: the `after:` steps (running), then the watch, or "
                        "the end")},
        {{S::Running}, T::BudgetSpent, {S::Paused},
         QStringLiteral("`on_failure: pause`: no further instance of the wave starts; resume passes the budget")},
        {kStarted, T::BudgetSpent, {S::RollingBack},
         QStringLiteral("`on_failure: rollback`: no further instance starts, the failed ones roll back (those left "
                        "untouched stay as they are)")},
        {{S::Running}, T::HostKeyChanged, {S::Paused},
         QStringLiteral("stops the wave (no retry): the operator checks the host")},
        {kStarted, T::StepCannotStart, {S::Paused},
         QStringLiteral("a disruptive step outside the window, or the store refused the step's group lock or "
                        "write-ahead record: the run pauses before the step")},
        {{S::Running}, T::AfterStepsEnded, QList<S>{S::Watching} + kEnds, QStringLiteral("the watch, or the end")},
        {{S::Running}, T::AfterStepFailed, {S::RollingBack},
         QStringLiteral("`on_failure: rollback`: every upgraded instance rolls back (through the countdown)")},
        {{S::Running}, T::AfterStepFailed, {S::Paused}, QStringLiteral("`on_failure: pause`: retry, skip or mark it done")},

        // Gates.
        {{S::Observing}, T::GatesPassed, {S::Running}, QStringLiteral("`then: promote`: the next wave starts")},
        {{S::Observing}, T::GatesPassed, {S::AwaitingApproval},
         QStringLiteral("the next wave waits for its approval (`approvalNeeded`)")},
        {{S::Observing}, T::GatesPassed, QList<S>{S::Running, S::Watching} + kEnds,
         QStringLiteral("after the last wave: the `after:` steps (running), then the watch, or the end")},
        {{S::Observing}, T::GatesFailed, {S::RollingBack},
         QStringLiteral("`on_failure: rollback`: the judged instances roll back, after the countdown if one is set "
                        "(audited `rollback.scheduled`)")},
        {{S::Observing}, T::GatesFailed, {S::Paused}, QStringLiteral("`on_failure: pause`")},
        {{S::Observing}, T::GatesInconclusive, {S::AwaitingApproval},
         QStringLiteral("a person decides: an approval accepts the inconclusive gates")},

        // The watch.
        {{S::Running, S::Observing, S::AwaitingApproval}, T::WatchCannotStart, {S::Paused},
         QStringLiteral("the watch's start could not be stored (a restart could not tell the time left)")},
        {{S::Watching}, T::WatchRoundFailed, {S::RollingBack},
         QStringLiteral("the watch's `on_failure: rollback`: every upgraded instance rolls back through the countdown")},
        {{S::Watching}, T::WatchRoundFailed, {S::Paused},
         QStringLiteral("`on_failure: pause`: roll back all, resume to watch on, or end the watch early")},
        {{S::Watching}, T::WatchRoundInconclusive, {S::Paused},
         QStringLiteral("a person decides: resume to watch on, roll back all, or end the watch early")},
        {{S::Watching}, T::WatchEnded, kEnds,
         QStringLiteral("`watch.for` has passed and every gate measured a clean round: the end (audited `watch.finished`)")},

        // The rollback and the abort.
        {{S::RollingBack}, T::CountdownEnded, {S::RollingBack},
         QStringLiteral("the engine's own timer ends the countdown: the rollback starts (an unattended run rolls back)")},
        {{S::RollingBack, S::Running}, T::AllSettled, kEnds,
         QStringLiteral("every rollback ended (then the undo of the run-level steps), or a stopped wave settled: the "
                        "end as the instances stand")},
        {{S::Aborting}, T::AbortSettled, {S::Aborted},
         QStringLiteral("every step in flight ended: the leases are released")},

        // The console.
        {kStarted + QList<S>{S::Aborting}, T::Crash, {S::Interrupted},
         QStringLiteral("restored with a step that was in flight (not idempotent, no probe): nothing runs until the "
                        "operator retries, marks done, skips or rolls back")},
        {{S::Observing, S::AwaitingApproval}, T::Crash, {S::AwaitingApproval},
         QStringLiteral("restored between waves: an approval continues (inconclusive gates are asked again)")},
        {{S::Running, S::Paused, S::Watching, S::Interrupted, S::RollingBack}, T::Crash, {S::Paused},
         QStringLiteral("restored: resume continues (rolling back, or watching for the time left)")},
        {{S::Aborting}, T::Crash, {S::Aborted},
         QStringLiteral("restored while aborting: the abort is over (what was in flight is interrupted)")},
        {kStarted, T::LeaseLost, {S::Interrupted},
         QStringLiteral("another console took the instances over: the run writes nothing more")},
        {kStarted, T::LeftoverOutlived, {S::Interrupted},
         QStringLiteral("a step the killed console left running outlived its timeout: end it (kill) or wait, then "
                        "resolve the step")},
        {kStarted, T::LeftoverResolutionRefused, {S::Interrupted},
         QStringLiteral("a run-level resolution held for such a step was refused once it ended")},
        {kStarted + QList<S>{S::Aborting}, T::WriteFailed, {S::Paused, S::Interrupted},
         QStringLiteral("a write of the run's record failed (`RunJournal`): nothing more starts, timers and gates stop; "
                        "interrupted when not even the pause could be stored (a run whose end could not be written "
                        "pauses too)")},
        {{S::Paused, S::Interrupted}, T::ResumeAfterFailedWrite, QList<S>{S::Aborting} + kEnds,
         QStringLiteral("the run was ending when the write failed: what queued is written first, then the abort or "
                        "the end goes on")},
    };
}

QString stateList(const QList<S> &states)
{
    QStringList names;
    for (S s : states)
        names << QStringLiteral("`%1`").arg(runStateName(s));
    return names.join(QStringLiteral(", "));
}

} // namespace

QString runTriggerName(RunTrigger trigger)
{
    switch (trigger) {
    case T::Start: return QStringLiteral("start");
    case T::Pause: return QStringLiteral("pause");
    case T::Resume: return QStringLiteral("resume");
    case T::Approve: return QStringLiteral("approve the next wave");
    case T::Abort: return QStringLiteral("abort");
    case T::RollBackInstance: return QStringLiteral("roll back an instance");
    case T::EmergencyRollback: return QStringLiteral("emergency rollback");
    case T::CancelRollback: return QStringLiteral("cancel the rollback");
    case T::RollBackNow: return QStringLiteral("roll back now");
    case T::EndWatch: return QStringLiteral("end the watch early");
    case T::BeforeStepFailed: return QStringLiteral("a before: step failed");
    case T::WaveSettled: return QStringLiteral("wave settled");
    case T::LastWaveSettled: return QStringLiteral("last wave settled, no gates");
    case T::BudgetSpent: return QStringLiteral("failure budget spent");
    case T::HostKeyChanged: return QStringLiteral("host key changed");
    case T::StepCannotStart: return QStringLiteral("a step cannot start");
    case T::AfterStepsEnded: return QStringLiteral("after: steps ended");
    case T::AfterStepFailed: return QStringLiteral("an after: step failed");
    case T::GatesPassed: return QStringLiteral("gates passed");
    case T::GatesFailed: return QStringLiteral("gates failed");
    case T::GatesInconclusive: return QStringLiteral("gates inconclusive");
    case T::WatchCannotStart: return QStringLiteral("watch cannot start");
    case T::WatchRoundFailed: return QStringLiteral("watch gate failed");
    case T::WatchRoundInconclusive: return QStringLiteral("watch gate inconclusive");
    case T::WatchEnded: return QStringLiteral("watch ended");
    case T::CountdownEnded: return QStringLiteral("countdown ended");
    case T::AllSettled: return QStringLiteral("all settled");
    case T::AbortSettled: return QStringLiteral("steps in flight ended");
    case T::Crash: return QStringLiteral("crash, restore");
    case T::LeaseLost: return QStringLiteral("lease lost");
    case T::LeftoverOutlived: return QStringLiteral("leftover step outlived");
    case T::LeftoverResolutionRefused: return QStringLiteral("held resolution refused");
    case T::WriteFailed: return QStringLiteral("a write failed");
    case T::ResumeAfterFailedWrite: return QStringLiteral("resume after a failed write");
    }
    return {};
}

const QList<RunTransition> &RunTransitions::rows()
{
    static const QList<RunTransition> table = buildRows();
    return table;
}

bool RunTransitions::allows(RunState from, RunState to)
{
    if (from == to)
        return !isTerminal(from);
    return std::any_of(rows().cbegin(), rows().cend(),
                       [from, to](const RunTransition &r) { return r.from.contains(from) && r.to.contains(to); });
}

bool RunTransitions::leadsTo(RunState from, RunTrigger trigger, RunState to)
{
    return std::any_of(rows().cbegin(), rows().cend(), [from, trigger, to](const RunTransition &r) {
        return r.trigger == trigger && r.from.contains(from) && r.to.contains(to);
    });
}

namespace {
std::optional<bool> g_strict;   // set by tests of the refusal only
}

bool RunTransitions::strict()
{
    if (g_strict)
        return *g_strict;
#ifndef QT_NO_DEBUG
    return true;
#else
    static const bool fromEnvironment = qEnvironmentVariableIntValue("LOCKSTEP_STRICT_TRANSITIONS") != 0;
    return fromEnvironment;
#endif
}

void RunTransitions::setStrict(std::optional<bool> strict)
{
    g_strict = strict;
}

bool RunTransitions::admit(RunState from, RunState to, const QString &note)
{
    // QT_LOGGING_RULES=lockstep.engine.transitions.debug=true traces every change (finding the rows of a new path).
    qCDebug(lcRunTransitions).noquote() << runStateName(from) << "->" << runStateName(to) << note;
    if (allows(from, to))
        return true;
    const QString message = QStringLiteral("refused run-state transition %1 -> %2 (\"%3\"): not in the table of "
                                           "RunTransitions")
                                .arg(runStateName(from), runStateName(to), note);
    // A change the table does not list is a programming error: loud where it can be fixed, and in a
    // release never carried out silently.
    if (strict())
        qFatal("%s", qPrintable(message));
    qCCritical(lcRunTransitions).noquote() << message;
    return false;
}

QString RunTransitions::markdown()
{
    QString out = QStringLiteral("| from | event | to | what the engine does |\n|---|---|---|---|\n");
    for (const RunTransition &r : rows())
        out += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                   .arg(stateList(r.from), runTriggerName(r.trigger), stateList(r.to), r.does);
    return out;
}

} // namespace lockstep
