#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

namespace lockstep {

// Where a run is. Persisted by name (runs.state), so names never change once released.
enum class RunState {
    Planned,            // created; checklist and sign-offs may be in progress
    Running,
    Paused,             // waits for the operator: paused by hand, failure budget spent, gate inconclusive
    AwaitingApproval,   // a wave finished; the next waits for an operator's approval
    Observing,          // after a wave: observation period (between waves) and gates
    Watching,           // after the last wave: the post-rollout watch (runbook `watch:`), gates measuring
    Interrupted,        // found unfinished after a crash; waits for the operator
    RollingBack,
    Aborting,           // abort requested; in-flight steps are being cancelled
    Succeeded,
    Failed,
    RolledBack,
    Aborted,
};

QString runStateName(RunState state);
std::optional<RunState> parseRunState(const QString &name);
bool isTerminal(RunState state);

// Where one instance of a run is.
enum class InstanceState {
    Pending,
    Running,
    Succeeded,
    Failed,             // a step failed; the operator (or the failure policy) decides
    Interrupted,        // a step was in flight when the console stopped
    WaitingForOperator, // a manual step waits for confirmation
    RollingBack,
    RolledBack,
    RollbackFailed,
    Cancelled,
    // The rollback reached a step nothing can undo (runbook `undo: {none: ...}`): the instance waits for
    // the operator to restore it by hand (then it is rolled back) or was left unrestored — never "rolled back".
    NeedsRestore,
};

QString instanceStateName(InstanceState state);
std::optional<InstanceState> parseInstanceState(const QString &name);

// How one step attempt ended. Persisted by name (step_attempts.outcome); "" means started, no result yet.
enum class StepOutcome {
    Succeeded,
    Failed,
    TimedOut,
    Cancelled,
    Skipped,            // by the operator, with a reason
    MarkedDone,         // by the operator, with a reason
    Interrupted,        // the console stopped while it ran
};

QString stepOutcomeName(StepOutcome outcome);
std::optional<StepOutcome> parseStepOutcome(const QString &name);
// Succeeded, skipped and marked done let the instance go on to its next step.
bool letsInstanceContinue(StepOutcome outcome);

// Which part of a run a step attempt belongs to. Before and After are the run-level steps (runbook
// before:/after:, stored with no instance); the undo of run-level steps is Rollback with no instance.
enum class RunPhase { Checklist, Upgrade, Rollback, Before, After };

QString runPhaseName(RunPhase phase);
std::optional<RunPhase> parseRunPhase(const QString &name);

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::RunState)
Q_DECLARE_METATYPE(lockstep::InstanceState)
Q_DECLARE_METATYPE(lockstep::StepOutcome)
