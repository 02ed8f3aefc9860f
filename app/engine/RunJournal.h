#pragma once

#include "app/engine/EngineServices.h"
#include "models/Result.h"
#include "models/run/RunEvent.h"
#include "models/run/RunState.h"
#include "models/run/StepResult.h"

#include <QList>
#include <QObject>

#include <optional>
#include <utility>

namespace lockstep {

// The one place a run writes its record: its state, the write-ahead step log (intents and results), its
// audit events and, at its end, the release of its leases. Every Status is checked here.
//
// A write that fails holds the journal: writeFailed() says what could not be recorded and where
// ("could not record the result of step deploy on web-2: database is locked"), the executor pauses the run,
// and every later write queues behind the failed one, in order, instead of reaching the store (an audit
// chain with a hole, or a result stored before an earlier one, would tell a different story). catchUp()
// writes the queue once the store takes writes again: a resume does that first and is refused while it
// still fails. Nothing is dropped while the console lives; a console killed meanwhile leaves the step log
// as after any crash (intents without results are interrupted on restore).
class RunJournal : public QObject
{
    Q_OBJECT
public:
    RunJournal(qint64 runId, const EngineServices &services, QObject *parent = nullptr);

    // A write failed and is not written yet: the run must not go on.
    bool held() const { return m_failure.has_value(); }
    // What failed first (what writeFailed() said); nullopt while nothing is held.
    std::optional<Error> failure() const { return m_failure; }

    // The writes below check their Status here: true when written; false when not (held, and
    // writeFailed() has told the executor, which pauses the run), the write queued to be caught up.

    // The run's state row. Held: queued (only the newest state is kept: it replaces the older ones).
    bool writeState(RunState state, int wave, const QString &note);
    // The same, written even while held: the pause for a failed write is stored when the store allows.
    bool writeStateNow(RunState state, int wave, const QString &note);

    // The write-ahead group commit: the results of steps that ended and the intents of steps about to
    // start (with the lease generation each is fenced by), in one transaction. Each intent's id, or why
    // it was not recorded (then its step must not start). Held: results queue, intents are refused.
    QList<Result<qint64>> commitSteps(const QList<StepResult> &results, const QList<std::pair<StepResult, qint64>> &intents);
    // An operator's or the engine's resolution of a step (skip, mark done): intent and result together.
    Result<StepResult> recordResolution(StepResult resolution, qint64 leaseGeneration);
    // An audit event (redacted by the caller). Narrated-only kinds are not recorded.
    bool recordEvent(const RunEvent &event);
    // Releases the run's leases at its end.
    bool release();

    // Writes what queued behind the failed write, in order; the hold ends when all of it is stored.
    Status catchUp();

signals:
    // The first write that failed (the journal holds from here): the message names what and where.
    void writeFailed(const lockstep::Error &error);

private:
    Error fail(const QString &what, const Error &why);

    qint64 m_runId = 0;
    EngineServices m_services;
    std::optional<Error> m_failure;
    // Queued behind the failed write, in the order they were asked for.
    QList<StepResult> m_results;
    QList<RunEvent> m_events;
    struct StateRow
    {
        RunState state;
        int wave;
        QString note;
    };
    std::optional<StateRow> m_state;
    bool m_release = false;
};

// What a step result or intent is, for the messages: "step deploy on web-2", "run-level step notify".
QString describeStep(const StepResult &step);

} // namespace lockstep
