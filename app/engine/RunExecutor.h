#pragma once

#include "app/engine/EngineServices.h"
#include "app/engine/GateEvaluator.h"
#include "app/engine/GateReadingLog.h"
#include "app/engine/LeftoverProcesses.h"
#include "app/engine/StepContext.h"
#include "app/engine/StepExecution.h"
#include "app/engine/UpgradeStarts.h"
#include "app/identity/SignOffMessage.h"
#include "app/identity/SshSignature.h"
#include "models/Result.h"
#include "models/run/InstanceProgress.h"
#include "models/run/Plan.h"
#include "models/run/RunEvent.h"
#include "models/run/StepResult.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace lockstep {

class Checklist;
class GroupLocks;
class LeaseFence;
class RunJournal;
class RunLevelSteps;
struct LaneState;

// One run of a plan: a persisted, event-driven state machine on the thread that owns it (GUI or CLI).
//
// Every step attempt is written ahead (intent before it starts, result after it ends). Instances run their
// steps in order, up to max_parallel at a time, wave after wave; a failed step fails its instance, the
// wave's failure budget decides whether the wave stops ("stop the line"), the strategy's failure policy
// whether the run pauses for the operator or rolls the failed instances back. Between waves it observes,
// evaluates the runbook's gates and promotes automatically or waits for an approval.
// Operator actions return a Status: refused actions change nothing and say why.
class RunExecutor : public QObject
{
    Q_OBJECT
public:
    ~RunExecutor() override;

    // A new run: stored as planned, instances leased. Refused (nothing stored) when an instance is in
    // another active run. Policy overrides of the plan are audited here.
    static Result<RunExecutor *> create(const Plan &plan, const QString &operatorName,
                                        const EngineServices &services, QObject *parent = nullptr);
    // A stored run after a restart, rebuilt from its write-ahead log (RunRecovery marks unfinished
    // steps interrupted first). It waits for the operator: nothing runs until resume().
    static Result<RunExecutor *> restore(qint64 runId, const Plan &plan, const EngineServices &services,
                                         QObject *parent = nullptr);

    qint64 runId() const { return m_runId; }
    RunState state() const { return m_state; }
    QString note() const { return m_note; }
    const Plan &plan() const { return m_plan; }
    int currentWave() const { return m_wave; }
    Checklist *checklist() const { return m_checklist; }
    // The question the run waits on is an inconclusive gate: a `gate:` step of `instance` waits for a
    // person (confirmManual accepts its result, declineManual rejects it) ...
    bool waitsOnInconclusiveGate(const QString &instance) const;
    // ... or the gates between waves (or after the last) were inconclusive and an approval accepts that.
    bool gatesInconclusive() const;
    // Another console took this run's instances over (this one stalled past the lease timeout): the run
    // stopped writing and waits for nothing; leaseLost() said why.
    bool hasLostLease() const { return m_leaseLost; }
    // A write of the run's record (its state, a step's intent or result, an audit record, the release of
    // its leases) failed: the run paused there (RunJournal) and nothing runs until a resume has written
    // what queued behind it. What failed, where; nullopt while everything is recorded.
    std::optional<Error> unrecordedWrite() const;
    QList<InstanceProgress> progress() const;
    InstanceProgress progress(const QString &instance) const;
    // When the instance's upgrade started (the intent time of its first change-making step, kept across
    // a restart): where its `pre-upgrade` gate baselines end. Invalid while nothing changed it.
    QDateTime upgradeStarted(const QString &instance) const { return m_upgradeStarts.of(instance); }
    // The run-level steps (runbook before:/after:): whether there are any, and the "Run" row of the
    // progress grid (empty instance, wave -1). Operator actions name it with an empty instance.
    bool hasRunLevelSteps() const;
    // The phase of the run-level part running now (before:, after:, or their undo as rollback).
    RunPhase runLevelPhase() const;
    InstanceProgress runLevelProgress() const;

    // Starts the first wave; refused until every required checklist item is satisfied.
    Status start(const QString &operatorName);
    Status pause(const QString &operatorName, const QString &reason);
    // Continues a paused or interrupted run (also past a spent failure budget: the operator's decision).
    Status resume(const QString &operatorName, const QString &reason = {});
    // Cancels every in-flight step (within 2 s) and ends the run as aborted.
    Status abort(const QString &operatorName, const QString &reason);
    // Records the operator's approval of the next wave under the runbook's rule (WaveApproval: distinct
    // approvers, exclude_initiator, role, expiry) and starts the wave once the rule is met; refused with
    // the reason ("alice started this run") otherwise. While approvals are missing the run keeps waiting
    // and its note says what is missing.
    Status approveNextWave(const QString &operatorName, const QString &comment);
    // Starts the awaited wave when the approvals stored so far meet the rule (e.g. a second operator
    // approved from their own console: lockstep-cli signoff RUN --item approve-wave-N); otherwise the
    // note says what is still missing.
    Status continueIfApproved();
    // A wave approval signed with an SSH key (one desktop, four eyes): the request the second operator
    // signs, with what this console shows; the quick checks; and, once ssh-keygen -Y verify accepted it
    // (on a worker: Checklist::verifySigned), the approval stored and audited with its signature.
    Result<SignOffMessage> approvalRequest() const;
    Status checkSignedApproval(const SignOffMessage &signedOff) const;
    Status addVerifiedApproval(const SignOffMessage &signedOff, const Result<SshSignature::Verified> &verified);

    // Resolving a failed or interrupted instance.
    Status retry(const QString &instance, const QString &operatorName, const QString &reason = {});
    Status skip(const QString &instance, const QString &operatorName, const QString &reason);
    Status markDone(const QString &instance, const QString &operatorName, const QString &reason);
    Status rollback(const QString &instance, const QString &operatorName, const QString &reason);
    // A restored run's local step commands the killed console left running (their process group is
    // alive). Until one ends, its instance is neither resolved nor started: a retry, skip, mark done or
    // rollback asked meanwhile waits for it (the instance's note says so) and is carried out once it has
    // ended; past the step's own timeout the wait ends (leftoverOutlived) and the step stays interrupted.
    QList<LeftoverProcesses::Entry> leftovers() const { return m_leftovers->running(); }
    // The operator's word: ends that group (SIGTERM, then SIGKILL), audited; a resolution waiting for it
    // goes on once it has ended.
    Status endLeftover(const QString &instance, const QString &operatorName, const QString &reason);
    // Every touched instance, the emergency rollback list, checklist skipped; needs a reason.
    Status emergencyRollback(const QString &operatorName, const QString &reason);

    // A rollback that reaches a step nothing can undo (runbook `undo: {none: MESSAGE}`) stops the instance
    // as "needs restore" with MESSAGE rendered for it (restoreNeeded). The operator restores it by hand and
    // says how (confirmRestored: the rollback goes on and the instance ends rolled back), or leaves it as it
    // is (leaveUnrestored: it ends "left on V — needs restore", never rolled back, and the run fails). Both
    // need a reason and are audited with who gave it (RunExecutorRestore.cpp).
    Status confirmRestored(const QString &instance, const QString &operatorName, const QString &how);
    Status leaveUnrestored(const QString &instance, const QString &operatorName, const QString &reason);
    // Whether `instance` waits for that answer now.
    bool waitsForRestore(const QString &instance) const;

    Status confirmManual(const QString &instance, const QString &operatorName, const QString &comment);
    Status declineManual(const QString &instance, const QString &operatorName, const QString &comment);
    // A policy override given during the run (e.g. the window ran out); audited.
    Status addOverride(const PolicyOverride &override);

    // How long an automatic rollback after failed gates waits, cancellable, before it starts; zero (the
    // default) rolls back at once. The engine's own timer ends the countdown, so an unattended run still
    // rolls back.
    void setRollbackCountdown(std::chrono::milliseconds countdown) { m_rollbackCountdown = countdown; }
    std::chrono::milliseconds rollbackCountdown() const { return m_rollbackCountdown; }
    // When the counting-down rollback starts; invalid when none is counting down.
    QDateTime rollbackDeadline() const { return m_rollbackDeadline; }
    // While the run observes a wave: when the observation and the gates are expected to end (the next
    // wave can be approved or is promoted then, unless a gate fails first); invalid otherwise.
    QDateTime observationEnds() const { return m_state == RunState::Observing ? m_observationEnds : QDateTime(); }
    // The post-rollout watch (runbook `watch:`): when it ends, while the run watches or is paused during
    // it (measured from its stored start, so a restart does not extend it); invalid otherwise.
    QDateTime watchEnds() const;
    QDateTime watchStartedAt() const { return m_watchStarted; }
    // The gates the watch measures (the runbook's `watch.gates`, or all its gates).
    QList<GateSpec> watchGates() const;
    // Ends the watch before its time with the operator's reason (audited); the run then ends as the
    // instances stand (succeeded when nothing failed). Refused without a reason or outside the watch.
    Status endWatch(const QString &operatorName, const QString &reason);
    // Stops the countdown: nothing is rolled back and the run pauses for the operator's decision (audited).
    Status cancelRollback(const QString &operatorName, const QString &reason);
    // Ends the countdown early: the rollback starts now.
    Status rollbackNow(const QString &operatorName);

signals:
    // Everything that happens in the run, as one typed stream: the audit log records it (action names in
    // models/AuditActions), the CLI, the progress timeline and the notifications narrate it
    // (RunNarration::describe). The signals below carry what views need beyond the story.
    void runEvent(const lockstep::RunEvent &event);
    void runStateChanged(lockstep::RunState state, const QString &note);
    void waveStarted(int wave, const QString &name);
    void waveFinished(int wave, bool succeeded);
    void instanceChanged(const lockstep::InstanceProgress &progress);
    void stepStarted(const lockstep::StepResult &intent);
    void stepOutput(const QString &instance, const QString &step, const QString &line);
    void stepFinished(const lockstep::StepResult &result);
    void manualStepWaiting(const QString &instance, const QString &step, const QString &prompt);
    // The rollback of `instance` reached `step`, which nothing can undo: `message` (rendered) says what to
    // restore; confirmRestored or leaveUnrestored answers.
    void restoreNeeded(const QString &instance, const QString &step, const QString &message);
    // The instance waits for a slot of its group (runbook `lock:`); `why` names the holders. Emitted when
    // the wait starts or its holders change; the instance goes on by itself once a slot frees.
    void instanceWaiting(const QString &instance, const QString &why);
    void approvalNeeded(int nextWave, const QString &why);
    // Gates failed and the policy rolls back: `instances` are rolled back at `deadline` unless cancelled.
    void rollbackScheduled(const QDateTime &deadline, const QString &why, const QStringList &instances);
    // The countdown ended: the rollback started, or it was cancelled (the run is paused).
    void rollbackCountdownEnded(bool rollingBack);
    void gateMeasured(const QString &gate, const lockstep::GateMeasurement &measurement);
    void gateFinished(const QString &gate, const lockstep::GateOutcome &outcome);
    void runFinished(lockstep::RunState state);
    // The run-level steps moved on (the "Run" row of the progress grid).
    void runLevelChanged(const lockstep::InstanceProgress &progress);
    // The store refused a write, or the heartbeat found a lease taken over: `why` names who holds the
    // instances now. The run is interrupted here and writes nothing more.
    void leaseLost(const QString &why);
    // A step the previous console left running outlived its timeout: nothing waits for it any more and
    // the run is interrupted until the operator ends it (endLeftover) or it ends and they resolve the step.
    void leftoverOutlived(const QString &instance, const QString &message);

private:
    struct Lane;

    RunExecutor(const Plan &plan, qint64 runId, const EngineServices &services, QObject *parent);
    Status loadLeases();
    void fenceWrites();
    void stopForLostLease(const Error &why);
    void stopForUnrecordedWrite(const Error &why);
    // Writes what queued behind a failed write before an operator action acts; refused while it fails.
    Status catchUpFirst(const QString &action);
    void rebuildFromLog(const QList<StepResult> &attempts);
    void continueRollback();

    void setState(RunState state, const QString &note, const QString &operatorName = {});
    // A run event of this run: kind, instance, what it came to, why and what was recorded with it. Its wave
    // is the instance's (the current wave for run-level events); set other fields before publish().
    RunEvent event(RunEvent::Kind kind, const QString &instance, const QString &outcome, const QString &reason,
                   const QJsonObject &evidence = {}, const QString &operatorName = {}) const;
    // Redacts, records (AuditSink::recordEvent) and emits runEvent(); nothing once the leases are lost.
    // A step's start and a manual step's prompt, told as run events and to views: the same for an instance's
    // lane and the run-level steps (the intent of a run-level step names no instance).
    void narrateStepStarted(const StepResult &intent);
    void narrateManualWaiting(const QString &instance, const QString &step, const QString &prompt);
    void publish(RunEvent event);
    void record(RunEvent::Kind kind, const QString &instance, const QString &outcome, const QString &reason,
                const QJsonObject &evidence = {}, const QString &operatorName = {})
    {
        publish(event(kind, instance, outcome, reason, evidence, operatorName));
    }
    bool lanesMayRun(const Lane &lane) const;
    void fillWave();
    void advance(int lane);
    void startStep(int lane);
    void launchStep(int lane, const Result<qint64> &intentId);
    void scheduleFlush();
    void flushWrites();
    void settleStranded(const QList<int> &lanes);
    void unqueue(int lane);
    void onStepFinished(int lane, const StepExecutionResult &result);
    void stepFailed(int lane, const StepSpec &spec, const StepResult &result);
    void laneDone(int lane);
    void startRollback(int lane, bool emergency, const QString &why);
    void leaveAsIs(int lane, const QString &why);
    void recordResolution(int lane, StepOutcome outcome, const QString &operatorName, const QString &reason);
    // A resolution of `lane` asked while a leftover step runs on it: held (ok), refused (it outlived its
    // timeout) or nullopt (none runs: go on).
    std::optional<Status> holdForLeftover(int lane, const QString &resolution, std::function<Status()> resolve);
    void onLeftoverEnded(const QString &instance, const QString &step, qint64 group, bool killed);
    void onLeftoverOutlived(const QString &instance, const QString &message);
    void evaluateWave();
    bool waveSettled() const;
    bool gatesJudgeWave(int wave) const;
    void beginBetweenWaves();
    void betweenWavesDone();
    void onGateFinished(const QString &gate, StepExecution *exec);
    // A gate judged a reading: published, kept with the run and shown; one that cannot be kept pauses
    // the run with the store's error (RunExecutorGateReadings.cpp).
    void onGateMeasured(const GateReadingPlace &place, const GateMeasurement &measurement);
    void cancelGates();
    void askApproval(const QString &why);
    void scheduleGateRollback(const QString &why, const QList<int> &lanes);
    void rollBackAfterGates();
    bool stopRollbackCountdown();
    void startWave(int wave);
    void afterLastWave();
    void startWatch();
    void continueWatch();
    void startWatchRound(const GateSpec &gate);
    void onWatchGateFinished(const QString &gate, StepExecution *exec);
    void checkWatchOver();
    bool watchResumable() const;
    void finish();
    void watchOrFinish();
    void checkAbortDone();
    // Run-level steps (RunExecutorRunLevel.cpp).
    void setUpRunLevel();
    void beginRun();
    bool runAfterSteps();
    bool undoRunLevel();
    bool resumeRunLevel(const QString &operatorName, const QString &reason);
    Status runLevelBlocksResume() const;
    Status resolveRunLevel(const QString &action, const QString &operatorName, const QString &reason);
    void onRunLevelFinished(int part, bool succeeded, const QString &note);
    // A lane as the executor's parts in files of their own see it (the Lane is RunExecutor.cpp's).
    LaneState &laneAt(int lane);
    const LaneState &laneAt(int lane) const;
    StepExecution *execOf(int lane) const;
    // Steps nothing can undo (RunExecutorRestore.cpp): the question a rollback asks at one.
    bool atRestorePoint(const LaneState &lane) const;
    const StepSpec *restoreQuestion(const StepSpec &irreversible);
    bool askRestore(int lane);
    bool restoreNotDone(int lane, const StepResult &result);
    QString unrestoredNote() const;
    void emitLane(int lane);
    Result<int> laneFor(const QString &instance) const;
    StepContext contextFor(const Lane &lane) const;
    const StepSpec *currentSpec(const Lane &lane) const;
    int failedInWave(int wave) const;

    Plan m_plan;
    qint64 m_runId = 0;
    EngineServices m_services;
    Redactor m_redactor;                 // the services' secrets and the plan's secret params
    QString m_operator;
    RunState m_state = RunState::Planned;
    QString m_note;
    int m_wave = 0;
    bool m_waveStopped = false;          // the failure budget of the current wave is spent
    bool m_budgetOverridden = false;     // the operator resumed past it
    bool m_resumeRollsBack = false;
    bool m_restoredInconclusive = false; // restarted while inconclusive gates waited for an approval      // paused (or restarted) while rolling back: resume goes on rolling back
    std::vector<std::unique_ptr<Lane>> m_lanes;
    QHash<QString, int> m_laneByName;
    UpgradeStarts m_upgradeStarts{m_plan.runbook};   // each instance's upgrade start, for gate baselines
    QHash<QString, qint64> m_leaseGeneration;
    std::shared_ptr<LeaseFence> m_fence;    // the store writes for this run only while it holds its leases
    bool m_leaseLost = false;
    RunJournal *m_journal = nullptr;        // every write of the run's record; holds after a failed one
    std::optional<RunState> m_endingAs;     // the run was ending (aborting, or finished) when a write failed
    Checklist *m_checklist = nullptr;
    RunLevelSteps *m_runSteps = nullptr;   // before:/after: and their undo
    LeftoverProcesses *m_leftovers = nullptr;   // the killed console's steps still running (restored runs)
    std::function<void()> m_runLevelHeld;      // a run-level resolution waiting for a leftover command
    GroupLocks *m_groupLocks = nullptr;     // the runbook's lock: (null without one)

    // Write-ahead group commit: the intents of steps about to start and the results of steps that
    // ended in this turn of the event loop are committed together, then the steps start.
    QList<int> m_startQueue;
    QList<StepResult> m_pendingResults;
    QTimer m_flushTimer;

    // Between waves.
    QTimer m_observeTimer;
    QList<StepExecution *> m_gateRuns;
    QList<GateOutcome> m_gateOutcomes;
    bool m_observed = false;
    QDateTime m_observationEnds;

    // The cancellable countdown before a rollback after failed gates.
    std::chrono::milliseconds m_rollbackCountdown{0};
    QTimer m_rollbackTimer;
    QDateTime m_rollbackDeadline;       // valid while the countdown runs
    QString m_rollbackWhy;
    QList<int> m_rollbackLanes;         // the lanes the counted-down rollback rolls back

    // The manual steps that ask for a restore by hand, one per step nothing can undo (node-based: a lane
    // points at its step while it starts).
    std::map<QString, StepSpec> m_restoreQuestions;

    // The post-rollout watch.
    QDateTime m_watchStarted;           // stored with the run; invalid before the watch
    QTimer m_watchTimer;                // the watch's end
    QSet<QString> m_watchJudged;        // gates that measured a full round since the watch (re)started
};

} // namespace lockstep
