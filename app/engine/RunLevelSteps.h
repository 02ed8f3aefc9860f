#pragma once

#include "app/engine/EngineServices.h"
#include "models/Result.h"
#include "models/run/InstanceProgress.h"
#include "models/run/Plan.h"
#include "models/run/RunEvent.h"
#include "models/run/StepResult.h"
#include "models/secret/Redactor.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <functional>

namespace lockstep {

class StepExecution;
struct StepExecutionResult;

// The run-level steps of a run (runbook `before:` and `after:`): steps that run once per run, with no
// instance, before the first instance's first step and after the last wave (and its gates). Their undo
// runs once, after every instance's rollback, when a run ends rolling back.
//
// Like an instance's steps they are written ahead (intent, then result; stored with an empty instance and
// the phase before / after, the undo as rollback), retried, timed out, audited, confirmed when manual,
// and after a crash an interrupted one waits for the operator (retry, skip, mark done) unless it is
// idempotent or only asks, waits or measures. The executor decides when a part runs (`mayRun`) and what
// its end means (`partFinished`).
class RunLevelSteps : public QObject
{
    Q_OBJECT
public:
    enum class Part { None, Before, After, Undo };
    using Audit = std::function<void(RunEvent::Kind kind, const QString &result, const QString &reason,
                                     const QJsonObject &evidence, const QString &operatorName)>;

    RunLevelSteps(const Plan &plan, qint64 runId, const EngineServices &services, const Redactor &redactor,
                  Audit audit, std::function<bool(Part)> mayRun, QObject *parent);

    bool has(Part part) const { return !sequenceOf(part).isEmpty(); }
    bool done(Part part) const { return m_done.contains(part); }
    Part part() const { return m_part; }
    // A part is under way and not finished (running, waiting for a person, failed, interrupted): the run
    // waits for it, nothing of the waves moves meanwhile.
    bool holdsRun() const;
    bool inFlight() const { return m_exec != nullptr; }
    bool interrupted() const { return m_state == InstanceState::Interrupted; }
    bool failed() const { return m_state == InstanceState::Failed || m_state == InstanceState::RollbackFailed; }
    // Whether a run ending after a rollback has run-level steps to undo (undo: of before/after steps that
    // started), and has not undone them yet.
    bool needsUndo() const;
    bool undoFailed() const { return m_part == Part::Undo && m_state == InstanceState::RollbackFailed; }
    QString note() const { return m_note; }
    QString currentStep() const { return m_sequence.value(m_next); }
    // The "Run" row of the progress grid; empty instance name, wave -1.
    InstanceProgress progress() const;

    // Starts (or continues from where it stands) a part; partFinished() follows when it ends.
    void run(Part part);
    // After a restart: where the run-level steps stand from the write-ahead log. Returns whether a step
    // was interrupted and waits for the operator.
    bool replay(const QList<StepResult> &attempts);
    // Cancels what is in flight (abort, emergency rollback); the part ends, unfinished.
    void cancel();

    // The operator resolves the failed or interrupted step (the run continues when resumed).
    Status retry(const QString &operatorName, const QString &reason);
    Status skip(const QString &operatorName, const QString &reason);
    Status markDone(const QString &operatorName, const QString &reason);
    Status confirm(const QString &operatorName, const QString &comment);
    Status decline(const QString &operatorName, const QString &comment);

signals:
    void partFinished(lockstep::RunLevelSteps::Part part, bool succeeded, const QString &note);
    void changed(const lockstep::InstanceProgress &progress);
    void stepStarted(const lockstep::StepResult &intent);
    void stepOutput(const QString &instance, const QString &step, const QString &line);
    void stepFinished(const lockstep::StepResult &result);
    void manualStepWaiting(const QString &instance, const QString &step, const QString &prompt);

private:
    QStringList sequenceOf(Part part) const;
    RunPhase phaseOf(Part part) const;
    void enter(Part part);
    void advance();
    void startStep();
    void onFinished(const StepExecutionResult &end);
    void failStep(const QString &why);
    void resolve(StepOutcome outcome, const QString &operatorName, const QString &reason);
    Status resolvable(const QString &what, const QString &reason) const;
    void emitChanged() { emit changed(progress()); }

    const Plan &m_plan;
    qint64 m_runId;
    EngineServices m_services;
    Redactor m_redactor;
    Audit m_audit;
    std::function<bool(Part)> m_mayRun;

    Part m_part = Part::None;
    QStringList m_sequence;              // step ids of the current part
    int m_next = 0;
    int m_attempt = 0;
    InstanceState m_state = InstanceState::Pending;
    QString m_note;
    QSet<Part> m_done;
    QStringList m_ran;                   // run-level steps that started, in order: what the undo reverses
    StepExecution *m_exec = nullptr;
    StepResult m_current;
    QStringList m_tail;
    QTimer m_timer;                      // timeout, or back-off before a retry
    bool m_timedOut = false;
    bool m_cancelled = false;
};

inline size_t qHash(RunLevelSteps::Part part, size_t seed = 0) { return ::qHash(int(part), seed); }

} // namespace lockstep
