#include "app/engine/RunJournal.h"

#include "app/engine/AuditSink.h"
#include "models/AuditActions.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"

namespace lockstep {

QString describeStep(const StepResult &step)
{
    if (step.instance.isEmpty())
        return QStringLiteral("run-level step %1").arg(step.step);
    return QStringLiteral("step %1 on %2").arg(step.step, step.instance);
}

namespace {

// "the end of step deploy on web-2 (step.finished)", "the run's state change (run.state)".
QString describeEvent(const RunEvent &event)
{
    QString what = AuditActions::of(event.kind);
    if (!event.step.isEmpty())
        what += QStringLiteral(" of %1").arg(event.step);
    if (!event.instance.isEmpty())
        what += QStringLiteral(" on %1").arg(event.instance);
    return what;
}

} // namespace

RunJournal::RunJournal(qint64 runId, const EngineServices &services, QObject *parent)
    : QObject(parent), m_runId(runId), m_services(services)
{
}

Error RunJournal::fail(const QString &what, const Error &why)
{
    Error error{QStringLiteral("could not record %1: %2").arg(what, why.message), why.where, why.hint};
    if (!m_failure) {
        m_failure = error;
        emit writeFailed(error);
    }
    return error;
}

bool RunJournal::writeState(RunState state, int wave, const QString &note)
{
    if (held()) {
        m_state = StateRow{state, wave, note};
        return false;
    }
    return writeStateNow(state, wave, note);
}

bool RunJournal::writeStateNow(RunState state, int wave, const QString &note)
{
    if (Status s = m_services.runs->updateState(m_runId, state, wave, note); !s) {
        m_state = StateRow{state, wave, note};
        fail(QStringLiteral("the run's state (%1)").arg(runStateName(state)), s.error());
        return false;
    }
    m_state.reset();
    return true;
}

QList<Result<qint64>> RunJournal::commitSteps(const QList<StepResult> &results,
                                              const QList<std::pair<StepResult, qint64>> &intents)
{
    QList<Result<qint64>> ids;
    const auto refuseAll = [&](const Error &why) {
        ids.clear();
        for (qsizetype n = 0; n < intents.size(); ++n)
            ids << Result<qint64>(why);
        return ids;
    };
    if (held()) {
        m_results << results;
        return refuseAll(*m_failure);
    }
    if (results.isEmpty() && intents.isEmpty())
        return ids;
    // What the group is, for the message when the transaction itself fails.
    const QString group = !results.isEmpty() ? QStringLiteral("the result of %1").arg(describeStep(results.first()))
                                             : QStringLiteral("the start of %1").arg(describeStep(intents.first().first));
    if (Status tx = m_services.runs->begin(); !tx) {
        m_results << results;
        return refuseAll(fail(group, tx.error()));
    }
    // One failed write ends the group: nothing of it is committed, the results queue and no step starts.
    std::optional<Error> failed;
    QString what = group;
    for (const StepResult &r : results) {
        if (Status s = m_services.runs->recordResult(r); !s) {
            what = QStringLiteral("the result of %1").arg(describeStep(r));
            failed = s.error();
            break;
        }
    }
    for (const auto &[intent, generation] : intents) {
        if (failed)
            break;
        auto id = m_services.runs->recordIntent(intent, generation);
        if (!id) {
            what = QStringLiteral("the start of %1").arg(describeStep(intent));
            failed = id.error();
            break;
        }
        ids << id;
    }
    if (!failed) {
        if (Status committed = m_services.runs->commit(); committed)
            return ids;
        else
            failed = committed.error();   // commit rolled back
    } else {
        m_services.runs->rollback();
    }
    m_results << results;
    return refuseAll(fail(what, *failed));
}

Result<StepResult> RunJournal::recordResolution(StepResult r, qint64 leaseGeneration)
{
    const QString what = QStringLiteral("the %1 of %2").arg(stepOutcomeName(r.outcome.value_or(StepOutcome::Skipped)), describeStep(r));
    if (held())
        return *m_failure;
    // Intent and result together: a resolution is either in the step log or not at all.
    if (Status tx = m_services.runs->begin(); !tx)
        return fail(what, tx.error());
    auto id = m_services.runs->recordIntent(r, leaseGeneration);
    if (!id) {
        m_services.runs->rollback();
        return fail(what, id.error());
    }
    r.id = *id;
    if (Status stored = m_services.runs->recordResult(r); !stored) {
        m_services.runs->rollback();
        return fail(what, stored.error());
    }
    if (Status committed = m_services.runs->commit(); !committed)
        return fail(what, committed.error());
    return r;
}

bool RunJournal::recordEvent(const RunEvent &event)
{
    if (!m_services.audit)
        return true;
    if (held()) {
        m_events << event;
        return false;
    }
    if (Status s = m_services.audit->recordEvent(event); !s) {
        m_events << event;
        fail(QStringLiteral("the audit record %1").arg(describeEvent(event)), s.error());
        return false;
    }
    return true;
}

bool RunJournal::release()
{
    if (held()) {
        m_release = true;
        return false;
    }
    if (Status s = m_services.leases->release(m_runId); !s) {
        m_release = true;
        fail(QStringLiteral("the release of run %1's instances").arg(m_runId), s.error());
        return false;
    }
    return true;
}

Status RunJournal::catchUp()
{
    if (!held())
        return okStatus();
    // In the order they were asked for; what got through is not written twice.
    while (!m_results.isEmpty()) {
        if (Status s = m_services.runs->recordResult(m_results.first()); !s)
            return Error{QStringLiteral("could not record the result of %1: %2").arg(describeStep(m_results.first()), s.error().message),
                         s.error().where, s.error().hint};
        m_results.removeFirst();
    }
    while (!m_events.isEmpty()) {
        if (m_services.audit)
            if (Status s = m_services.audit->recordEvent(m_events.first()); !s)
                return Error{QStringLiteral("could not record the audit record %1: %2").arg(describeEvent(m_events.first()), s.error().message),
                             s.error().where, s.error().hint};
        m_events.removeFirst();
    }
    if (m_state) {
        if (Status s = m_services.runs->updateState(m_runId, m_state->state, m_state->wave, m_state->note); !s)
            return Error{QStringLiteral("could not record the run's state (%1): %2").arg(runStateName(m_state->state), s.error().message),
                         s.error().where, s.error().hint};
        m_state.reset();
    }
    if (m_release) {
        if (Status s = m_services.leases->release(m_runId); !s)
            return Error{QStringLiteral("could not record the release of run %1's instances: %2").arg(QString::number(m_runId), s.error().message),
                         s.error().where, s.error().hint};
        m_release = false;
    }
    m_failure.reset();
    return okStatus();
}

} // namespace lockstep
