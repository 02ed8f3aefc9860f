#pragma once

#include "models/run/RunState.h"

#include <QList>
#include <QString>

#include <optional>

namespace lockstep {

// What moves a run from one state to another, named as the runbook and the operator read it: operator
// actions, what steps and waves came to, the gates' verdicts, the watch, the rollback, the console.
enum class RunTrigger {
    // The operator.
    Start,
    Pause,
    Resume,
    Approve,
    Abort,
    RollBackInstance,
    EmergencyRollback,
    CancelRollback,
    RollBackNow,
    EndWatch,
    // Steps and waves.
    BeforeStepFailed,
    WaveSettled,
    LastWaveSettled,
    BudgetSpent,
    HostKeyChanged,
    StepCannotStart,
    AfterStepsEnded,
    AfterStepFailed,
    // Gates.
    GatesPassed,
    GatesFailed,
    GatesInconclusive,
    // The watch.
    WatchCannotStart,
    WatchRoundFailed,
    WatchRoundInconclusive,
    WatchEnded,
    // The rollback and the abort.
    CountdownEnded,
    AllSettled,
    AbortSettled,
    // The console.
    Crash,
    LeaseLost,
    LeftoverOutlived,
    LeftoverResolutionRefused,
    WriteFailed,
    ResumeAfterFailedWrite,
};

QString runTriggerName(RunTrigger trigger);

// One row of the run's transition table: in any of `from`, `trigger` leads to one of `to` (which one,
// `does` says), and the engine does what `does` says.
struct RunTransition
{
    QList<RunState> from;
    RunTrigger trigger;
    QList<RunState> to;
    QString does;
};

// The one table of the run-state transitions the engine makes. RunExecutor::setState asks it before it
// changes the state; docs/engine.md shows it (tst_transitions checks that the two are the same).
class RunTransitions
{
public:
    static const QList<RunTransition> &rows();

    // Whether the engine may go from `from` to `to`. The same non-terminal state again only changes
    // the note (a run waiting for a second approval says what is missing); a terminal state is final.
    static bool allows(RunState from, RunState to);
    // Whether the table has a row for `trigger` in `from` that leads to `to`.
    static bool leadsTo(RunState from, RunTrigger trigger, RunState to);

    // Checks a change the engine is about to make: false (and a logged error naming from and to) for one
    // the table does not have, which is a programming error. Fatal instead when strict: in debug builds,
    // and with LOCKSTEP_STRICT_TRANSITIONS=1 (every test runs so, the spawned consoles too).
    static bool admit(RunState from, RunState to, const QString &note);
    static bool strict();
    // Tests of the refusal itself turn strictness off for a moment (nullopt: as the build and environment say).
    static void setStrict(std::optional<bool> strict);

    // The table as docs/engine.md shows it (Markdown).
    static QString markdown();
};

} // namespace lockstep
