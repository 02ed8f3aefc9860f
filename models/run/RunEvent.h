#pragma once

#include "models/run/RunState.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace lockstep {

struct AuditEvent;

// One thing that happened in a run, as one typed value: the engine emits it, the audit sink records it
// (the action names are in models/run/AuditActions, the only place they are spelled), the CLI's output, the
// progress timeline and the notifications narrate it with describe() (RunNarration), the chart markers
// switch on its kind. Nobody parses a sentence back.
//
// A run reads as its runbook does: run-level events (the run's state, approvals, the whole run rolling back)
// have no instance and wave 0 or the wave they concern; an instance's events name it, its wave and usually a
// step. Phases that happen once per run (preflight, after, watch) are run-level: wave 0 and no instance.
struct RunEvent
{
    enum class Kind {
        // The run.
        RunPlanned,             // created, instances leased
        RunRefused,             // not created: an instance is in another run
        RunStateChanged,        // state: the new state, reason: why (the run's note)
        PolicyOverridden,       // outcome: the override's kind; instance: whom it concerns
        BudgetOverridden,       // the operator resumed past a spent failure budget
        // The checklist.
        ChecklistChecked,       // an automated check ran; outcome: passed/failed
        SignedOff,              // an operator signed a checklist item
        // Waves, gates and approvals.
        WaveStarted,            // outcome: the wave's name
        WaveFinished,           // every instance of the wave settled; outcome: ok/failures
        WaveEnded,              // the wave ended stopped or rolling back (not recorded: wave.stopped was)
        WaveStopped,            // stop the line: nothing more of the wave starts
        GateMeasured,           // one measurement of a gate (not recorded; the gate's end is)
        GateFinished,           // outcome: passed/failed/needs-operator; reason: the summary
        GateInconclusive,       // a gate step's result needs a person: confirm accepts, decline rejects it
        ApprovalNeeded,         // wave: the wave that waits; reason: why (not recorded; the state is)
        WaveApproved,           // wave: the approved wave
        WavePromoted,           // wave: the wave promoted automatically
        // The watch after the last wave (run-level): its gates keep measuring, rollback stays one action.
        WatchStarted,           // evidence: for, ends, gates
        WatchFinished,          // the watch passed clean
        WatchEndedEarly,        // an operator ended it early; reason: why
        // Steps of an instance.
        StepStarted,            // not recorded: the write-ahead intent is the record
        StepFinished,           // outcome: the step outcome
        StepRetried,
        StepSkipped,
        StepMarkedDone,
        ManualStepWaiting,      // reason: the rendered prompt (not recorded)
        LockWaiting,            // the instance waits for a slot of its group (runbook `lock:`); reason names the holders
        StepConfirmed,
        StepDeclined,
        StepInterrupted,        // found unfinished after a crash
        StepRecovered,          // resolved by itself after a crash: idempotent (rerun) or its probe decides
        // A local command the killed console left running (LeftoverProcesses): reason says which (pgid).
        LeftoverRunning,        // found running when the run was restored
        LeftoverWaiting,        // a resolution (outcome "waiting"; evidence: resolution) waits for it to end
        LeftoverEnded,          // it ended; outcome: ended (by itself) / killed
        LeftoverOutlived,       // still running past its step's timeout: the wait is over
        LeftoverKilled,         // an operator ended it (SIGTERM, then SIGKILL)
        // Rollback.
        RollbackRequested,      // an operator asked to roll an instance back
        RollbackEmergency,      // an operator started the emergency rollback of the run
        RollbackScheduled,      // gates failed: the rollback counts down (evidence: seconds, instances)
        RollbackCancelled,      // the countdown was cancelled: nothing rolled back, the run pauses
        RollbackConfirmed,      // the countdown was ended early: the rollback starts now
        RollbackStarted,        // an instance rolls back; outcome: rollback/emergency
        RollbackSkipped,        // nothing to undo; outcome: untouched/nothing-to-undo
        RollbackFinished,       // an instance is rolled back
        RollbackFailed,         // a rollback step failed
        // A step nothing can undo (runbook `undo: {none: MESSAGE}`): the rollback stops for the operator.
        RollbackNeedsRestore,   // step: the irreversible step; reason: the rendered message (what to restore)
        RollbackRestored,       // the operator says they restored the instance by hand; reason: how
        RollbackLeftUnrestored, // the operator leaves it as it is: "left on V — needs restore"; reason: why
    };

    Kind kind = Kind::RunStateChanged;
    qint64 runId = 0;
    int wave = 0;                   // 1-based; 0: the whole run
    QString instance;               // empty: the whole run
    QString step;                   // a step id, or a gate id for gate events
    QString outcome;                // the result word as recorded: a state, a step outcome, "passed" ...
    QString operatorName;           // who decided; "lockstep" for the engine's own decisions
    QString reason;                 // why, a note, a prompt or a gate's summary
    QJsonObject evidence;           // what was recorded with it (the audit record's evidence)
    QDateTime time;
    // Details some kinds carry.
    std::optional<RunState> state;  // RunStateChanged
    RunPhase phase = RunPhase::Upgrade;
    int attempt = 0;
    qint64 durationMs = -1;         // StepFinished
    QString fromVersion;            // the instance's version before the run
    QString toVersion;              // the run's target version

    // The event an audit record of a run holds, or nothing for records that are not run events.
    static std::optional<RunEvent> fromAudit(const AuditEvent &record);
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::RunEvent)
