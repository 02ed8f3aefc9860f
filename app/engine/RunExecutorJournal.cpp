// RunExecutor and its journal (RunJournal): what the run does when a write of its record fails, and how
// an operator action first writes what queued behind it. Kept apart from the wave machine.
#include "app/engine/RunExecutor.h"

#include "app/engine/RunJournal.h"

namespace lockstep {

namespace {

Error refused(const QString &what, const QString &why, const QString &hint = {})
{
    return Error{QStringLiteral("cannot %1: %2").arg(what, why), {}, hint};
}

} // namespace

std::optional<Error> RunExecutor::unrecordedWrite() const
{
    return m_journal->failure();
}

void RunExecutor::stopForUnrecordedWrite(const Error &why)
{
    if (m_leaseLost)
        return;   // the fence refused the write: stopForLostLease says who holds the instances now
    // Called from inside the failed write. Nothing further runs (lanesMayRun): steps in flight end and
    // their results queue behind the failed write; nothing new starts; timers and gates stop as for a pause.
    m_observeTimer.stop();
    m_watchTimer.stop();
    const bool counting = stopRollbackCountdown();
    cancelGates();
    if (counting)
        emit rollbackCountdownEnded(false);
    if (m_state == RunState::Planned) {
        // Nothing runs before start(), which writes the queue first; the run stays planned.
        m_note = m_redactor.redact(why.message + QStringLiteral(" — start the run once the store is writable"));
        emit runStateChanged(m_state, m_note);
        return;
    }
    if (m_state == RunState::RollingBack || counting) {
        m_resumeRollsBack = true;
        if (!counting)
            m_rollbackWhy = m_note;
    }
    // Ending (aborting, or its final state or the release of its leases not written): a resume ends it.
    if (m_state == RunState::Aborting || isTerminal(m_state))
        m_endingAs = m_state;
    m_state = RunState::Paused;
    m_note = m_redactor.redact(why.message + QStringLiteral(" — the run is paused; resume when the store is writable"));
    if (!m_journal->writeStateNow(m_state, m_wave, m_note)) {
        m_state = RunState::Interrupted;
        m_note = m_redactor.redact(why.message + QStringLiteral(" — the run is interrupted (not even its pause could be stored); "
                                                                "resume when the store is writable"));
        m_journal->writeState(m_state, m_wave, m_note);   // queued: written first thing on resume
    }
    RunEvent e = event(RunEvent::Kind::RunStateChanged, {}, runStateName(m_state), m_note);
    e.state = m_state;
    m_journal->recordEvent(e);   // queued behind the failed write, in order
    // Told once the event being written when the write failed has been told: "a deploy succeeded", then
    // "run interrupted: could not record ...", in the CLI and the timeline as it happened.
    QMetaObject::invokeMethod(this, [this, e] {
        emit runEvent(e);
        emit runStateChanged(*e.state, e.reason);
    }, Qt::QueuedConnection);
}

Status RunExecutor::catchUpFirst(const QString &action)
{
    if (Status written = m_journal->catchUp(); !written)
        return refused(action, written.error().message,
                       QStringLiteral("the run stays paused and nothing runs until the store takes writes again"));
    return okStatus();
}

} // namespace lockstep
