// The run-level phases of RunExecutor (runbook before:/after: and their undo), kept apart from the wave
// machine: RunLevelSteps runs the steps; these members decide when, and what their end means for the run.
#include "app/engine/RunExecutor.h"

#include "app/engine/RunJournal.h"
#include "app/engine/RunLevelSteps.h"

#include <algorithm>

namespace lockstep {

using Part = RunLevelSteps::Part;

void RunExecutor::setUpRunLevel()
{
    m_runSteps = new RunLevelSteps(
        m_plan, m_runId, m_services, m_redactor,
        [this](RunEvent::Kind kind, const QString &result, const QString &reason, const QJsonObject &evidence,
               const QString &operatorName) {
            RunEvent e = event(kind, {}, result, reason, evidence, operatorName);
            e.phase = runLevelPhase();
            // The typed fields an instance's step result carries too: "run announce succeeded in 12 ms", not "-1 ms".
            e.attempt = evidence.value(QStringLiteral("attempt")).toInt();
            e.durationMs = evidence.value(QStringLiteral("duration_ms")).toInteger(-1);
            publish(e);
        },
        [this](Part part) {
            if (m_leaseLost || m_journal->held())
                return false;   // nothing starts while a write waits to be recorded
            return part == Part::Undo ? m_state == RunState::RollingBack : m_state == RunState::Running;
        },
        this);
    connect(m_runSteps, &RunLevelSteps::partFinished, this,
            [this](Part part, bool succeeded, const QString &note) { onRunLevelFinished(int(part), succeeded, note); });
    connect(m_runSteps, &RunLevelSteps::changed, this, &RunExecutor::runLevelChanged);
    // Run-level steps are narrated like an instance's (no instance: the whole run).
    connect(m_runSteps, &RunLevelSteps::stepStarted, this, &RunExecutor::narrateStepStarted);
    connect(m_runSteps, &RunLevelSteps::stepOutput, this, &RunExecutor::stepOutput);
    connect(m_runSteps, &RunLevelSteps::stepFinished, this, &RunExecutor::stepFinished);
    connect(m_runSteps, &RunLevelSteps::manualStepWaiting, this, &RunExecutor::narrateManualWaiting);
}

RunPhase RunExecutor::runLevelPhase() const
{
    switch (m_runSteps->part()) {
    case Part::Before: return RunPhase::Before;
    case Part::After: return RunPhase::After;
    case Part::Undo: return RunPhase::Rollback;
    case Part::None: break;
    }
    return RunPhase::Upgrade;
}

bool RunExecutor::hasRunLevelSteps() const
{
    return m_runSteps->has(Part::Before) || m_runSteps->has(Part::After);
}

InstanceProgress RunExecutor::runLevelProgress() const
{
    return m_runSteps->progress();
}

void RunExecutor::beginRun()
{
    if (m_runSteps->has(Part::Before) && !m_runSteps->done(Part::Before)) {
        m_runSteps->run(Part::Before);   // the first wave starts when they have ended
        return;
    }
    startWave(0);
}

bool RunExecutor::runAfterSteps()
{
    if (!m_runSteps->has(Part::After) || m_runSteps->done(Part::After))
        return false;
    const QList<InstanceProgress> lanes = progress();
    const bool anySucceeded = std::any_of(lanes.cbegin(), lanes.cend(), [](const InstanceProgress &p) {
        return p.state == InstanceState::Succeeded;
    });
    if (!anySucceeded)
        return false;   // nothing was upgraded: there is nothing to do "after" it
    flushWrites();
    setState(RunState::Running, QStringLiteral("the last wave is done; run-level after: steps"));
    m_runSteps->run(Part::After);
    return true;
}

bool RunExecutor::undoRunLevel()
{
    // A run that ends rolling back undoes its run-level steps once, after every instance's rollback.
    if (m_state != RunState::RollingBack)
        return false;
    if (m_runSteps->part() == Part::Undo && m_runSteps->holdsRun())
        return true;   // under way (or waiting for the operator)
    if (!m_runSteps->needsUndo() || m_runSteps->inFlight())
        return false;
    m_runSteps->run(Part::Undo);
    return true;
}

Status RunExecutor::resolveRunLevel(const QString &action, const QString &operatorName, const QString &reason)
{
    if (!hasRunLevelSteps())
        return Error{QStringLiteral("run %1 has no run-level steps").arg(m_runId), QStringLiteral("run"), {}};
    if (isTerminal(m_state) || m_state == RunState::Aborting)
        return Error{QStringLiteral("cannot %1 the run-level step: the run is %2").arg(action, runStateName(m_state)), {}, {}};
    // A run-level command the killed console left running (recorded with no instance): the resolution
    // waits for it as an instance's does (LeftoverProcesses), and is carried out once it has ended.
    if (const auto leftover = m_leftovers->entry(QString())) {
        if (leftover->outlived && !leftover->killing)
            return Error{QStringLiteral("cannot %1 the run-level step: %2").arg(action, m_leftovers->outlivedMessage(QString())),
                         QStringLiteral("run"), QStringLiteral("end it first (kill), or wait until it has ended")};
        m_runLevelHeld = [this, action, operatorName, reason] {
            if (Status s = resolveRunLevel(action, operatorName, reason); !s)
                setState(RunState::Interrupted, s.error().message);
        };
        record(RunEvent::Kind::LeftoverWaiting, {}, QStringLiteral("waiting"), m_leftovers->waitingMessage(QString()),
              QJsonObject{{QStringLiteral("resolution"), action},
                          {QStringLiteral("step"), leftover->step},
                          {QStringLiteral("process_group"), leftover->group.id()}},
              operatorName);
        return okStatus();
    }
    if (action == QLatin1String("retry"))
        return m_runSteps->retry(operatorName, reason);
    if (action == QLatin1String("skip"))
        return m_runSteps->skip(operatorName, reason);
    if (action == QLatin1String("mark-done"))
        return m_runSteps->markDone(operatorName, reason);
    if (action == QLatin1String("confirm"))
        return m_runSteps->confirm(operatorName, reason);
    if (action == QLatin1String("decline"))
        return m_runSteps->decline(operatorName, reason);
    return Error{QStringLiteral("cannot %1 the run-level step").arg(action), QStringLiteral("run"),
                 QStringLiteral("retry, skip or mark it done; roll back all with the emergency rollback")};
}

Status RunExecutor::runLevelBlocksResume() const
{
    if (m_runLevelHeld)
        return okStatus();   // its resolution waits for the leftover command, then goes on by itself
    if (m_runSteps->interrupted() || (m_runSteps->failed() && m_runSteps->part() != Part::Undo))
        return Error{QStringLiteral("cannot resume: run-level step %1 %2")
                         .arg(m_runSteps->currentStep(), m_runSteps->interrupted() ? QStringLiteral("was interrupted")
                                                                                   : QStringLiteral("failed")),
                     QStringLiteral("run"), QStringLiteral("retry, skip or mark it done first (instance \"run\")")};
    return okStatus();
}

bool RunExecutor::resumeRunLevel(const QString &operatorName, const QString &reason)
{
    const bool beforePending = m_runSteps->has(Part::Before) && !m_runSteps->done(Part::Before);
    const bool afterPending = m_runSteps->part() == Part::After && m_runSteps->holdsRun();
    if (!beforePending && !afterPending)
        return false;
    setState(RunState::Running, reason.isEmpty() ? QStringLiteral("resumed by %1").arg(operatorName) : reason, operatorName);
    m_runSteps->run(beforePending ? Part::Before : Part::After);
    return true;
}

void RunExecutor::onRunLevelFinished(int partValue, bool succeeded, const QString &note)
{
    const auto part = Part(partValue);
    if (m_state == RunState::Aborting) {
        checkAbortDone();
        return;
    }
    if (part == Part::Undo) {
        finish();   // ok or not: the run ends (a failed undo is in the note and fails the run)
        return;
    }
    if (m_state == RunState::RollingBack) {
        evaluateWave();   // cancelled by the emergency rollback: the instances' rollback decides the end
        return;
    }
    if (succeeded) {
        if (m_state != RunState::Running)
            return;   // paused meanwhile: resume goes on
        if (part == Part::Before)
            startWave(0);
        else
            watchOrFinish();
        return;
    }
    if (part == Part::Before) {
        // Nothing of the fleet changed yet: no instance step runs and nothing rolls back.
        setState(RunState::Paused, QStringLiteral("%1; no instance was touched. Retry, skip or mark the step done "
                                                  "and resume, or abort").arg(note));
        return;
    }
    // A failed after: step follows the run's failure policy, as failed gates after the last wave would.
    const QString why = QStringLiteral("after the last wave: %1").arg(note);
    if (m_plan.runbook.strategy.onFailure == OnFailure::Rollback) {
        m_waveStopped = true;
        QList<int> lanes;
        for (const InstanceProgress &p : progress())
            if (p.phase == RunPhase::Upgrade && p.state == InstanceState::Succeeded)
                lanes << m_laneByName.value(p.instance);
        scheduleGateRollback(why, lanes);
    } else {
        setState(RunState::Paused, why + QStringLiteral(". Retry, skip or mark the step done and resume, or roll back all"));
    }
}

} // namespace lockstep
