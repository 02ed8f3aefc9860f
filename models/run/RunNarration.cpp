#include "models/run/RunNarration.h"

#include <QCoreApplication>

namespace lockstep::RunNarration {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("lockstep::RunNarration", text);
}

// "text: why", or "text" when there is no why.
QString because(const QString &text, const QString &why)
{
    return why.isEmpty() ? text : tr("%1: %2").arg(text, why);
}

// Whom a step event concerns: its instance, or the run for a run-level step (runbook before:/after:).
QString subject(const RunEvent &e)
{
    return e.instance.isEmpty() ? tr("run") : e.instance;
}

// A run-level step's part of the run, as the CLI and the timeline tag it.
QString runLevelPart(RunPhase phase)
{
    return phase == RunPhase::Before ? tr("before") : tr("after");
}

bool isRunLevel(const RunEvent &e)
{
    return e.phase == RunPhase::Before || e.phase == RunPhase::After;
}

QString number(qint64 n)
{
    return QString::number(n);
}

} // namespace

QString describe(const RunEvent &e)
{
    using K = RunEvent::Kind;
    const QString who = e.operatorName;
    switch (e.kind) {
    case K::RunPlanned:
        return tr("run %1 planned by %2").arg(number(e.runId), who);
    case K::RunRefused:
        return because(tr("run %1 refused").arg(number(e.runId)), e.reason);
    case K::RunStateChanged:
        return because(tr("run %1 %2").arg(number(e.runId), e.state ? runStateName(*e.state) : e.outcome), e.reason);
    case K::PolicyOverridden:
        return because(e.instance.isEmpty() ? tr("override %1 by %2").arg(e.outcome, who)
                                            : tr("override %1 for %2 by %3").arg(e.outcome, e.instance, who),
                       e.reason);
    case K::BudgetOverridden:
        return because(tr("failure budget overridden by %1").arg(who), e.reason);
    case K::ChecklistChecked:
        return tr("checklist %1: %2").arg(e.evidence.value(QStringLiteral("item")).toString(), e.outcome);
    case K::SignedOff:
        return because(tr("%1 signed off %2").arg(who, e.evidence.value(QStringLiteral("item")).toString()), e.reason);
    case K::WaveStarted:
        return tr("wave %1 (%2) started").arg(number(e.wave), e.outcome);
    case K::WaveFinished:
    case K::WaveEnded:
        return e.outcome == QLatin1String("ok") ? tr("wave %1 succeeded").arg(e.wave) : tr("wave %1 failed").arg(e.wave);
    case K::WaveStopped:
        return because(tr("wave %1 stopped").arg(e.wave), e.reason);
    case K::GateMeasured:
        return tr("gate %1: %2").arg(e.step, e.reason);
    case K::GateFinished:
        return tr("gate %1 finished: %2").arg(e.step, e.reason);
    case K::GateInconclusive:
        return tr("%1 %2 inconclusive, waits for the operator: %3").arg(subject(e), e.step, e.reason);
    case K::ApprovalNeeded:
        return because(tr("approval needed for wave %1").arg(e.wave), e.reason);
    case K::WaveApproved:
        return because(tr("wave %1 approved by %2").arg(number(e.wave), who), e.reason);
    case K::WavePromoted:
        return tr("wave %1 promoted automatically").arg(e.wave);
    case K::WatchStarted:
        return tr("watch started: %1, until %2, gates %3")
            .arg(e.evidence.value(QStringLiteral("for")).toString(), e.evidence.value(QStringLiteral("ends")).toString(),
                 e.evidence.value(QStringLiteral("gates")).toString());
    case K::WatchFinished:
        return because(tr("watch passed"), e.reason);
    case K::WatchEndedEarly:
        return because(tr("watch ended early by %1").arg(who), e.reason);
    case K::StepStarted:
        if (isRunLevel(e))
            return tr("%1 %2 started (%3) attempt %4").arg(subject(e), e.step, runLevelPart(e.phase), number(e.attempt));
        return e.phase == RunPhase::Rollback
                   ? tr("%1 %2 started (rollback) attempt %3").arg(subject(e), e.step, number(e.attempt))
                   : tr("%1 %2 started attempt %3").arg(subject(e), e.step, number(e.attempt));
    case K::StepFinished:
        if (isRunLevel(e))
            return because(tr("%1 %2 %3 in %4 ms (%5)").arg(subject(e), e.step, e.outcome, number(e.durationMs), runLevelPart(e.phase)),
                           e.reason);
        return because(e.phase == RunPhase::Rollback
                           ? tr("%1 %2 %3 in %4 ms (rollback)").arg(subject(e), e.step, e.outcome, number(e.durationMs))
                           : tr("%1 %2 %3 in %4 ms").arg(subject(e), e.step, e.outcome, number(e.durationMs)),
                       e.reason);
    case K::StepRetried:
        return because(tr("%1 %2 retried by %3").arg(subject(e), e.step, who), e.reason);
    case K::StepSkipped:
        return because(tr("%1 %2 skipped by %3").arg(subject(e), e.step, who), e.reason);
    case K::StepMarkedDone:
        return because(tr("%1 %2 marked done by %3").arg(subject(e), e.step, who), e.reason);
    case K::ManualStepWaiting:
        return tr("%1 %2 waits for the operator: %3").arg(subject(e), e.step, e.reason);
    case K::LockWaiting:
        return tr("%1 %2").arg(subject(e), e.reason);   // "db-3 waiting for lock cluster=a held by run 12 (…)"
    case K::StepConfirmed:
        return because(tr("%1 %2 confirmed by %3").arg(subject(e), e.step, who), e.reason);
    case K::StepDeclined:
        return because(tr("%1 %2 declined by %3").arg(subject(e), e.step, who), e.reason);
    case K::StepInterrupted:
        return tr("%1 %2 interrupted (attempt %3): it may or may not have taken effect")
            .arg(subject(e), e.step, number(e.attempt));
    case K::StepRecovered:
        return because(tr("%1 recovers by itself (%2)").arg(subject(e), e.outcome), e.reason);
    case K::LeftoverRunning:
    case K::LeftoverWaiting:
    case K::LeftoverEnded:
    case K::LeftoverOutlived:
        return e.reason;   // the engine's sentence names the step, the instance and the process group
    case K::LeftoverKilled:
        return because(tr("%1 %2 from the previous console ended by %3").arg(subject(e), e.step, who), e.reason);
    case K::RollbackRequested:
        return because(tr("%1 rollback requested by %2").arg(subject(e), who), e.reason);
    case K::RollbackEmergency:
        return because(tr("emergency rollback by %1").arg(who), e.reason);
    case K::RollbackScheduled:
        return because(tr("automatic rollback scheduled"), e.reason);
    case K::RollbackCancelled:
        return because(tr("automatic rollback cancelled by %1").arg(who), e.reason);
    case K::RollbackConfirmed:
        return tr("automatic rollback started at once by %1").arg(who);
    case K::RollbackStarted:
        return because(tr("%1 rolls back %2 → %3").arg(subject(e), e.toVersion, e.fromVersion), e.reason);
    case K::RollbackSkipped:
        return because(e.outcome == QLatin1String("untouched")
                           ? tr("%1 untouched: nothing that changes the system ran, nothing was rolled back").arg(subject(e))
                           : tr("%1 left as is: no rollback step compensates what ran, nothing was rolled back").arg(subject(e)),
                       e.reason);
    case K::RollbackFinished:
        return tr("%1 rolled back to %2").arg(subject(e), e.fromVersion);
    case K::RollbackFailed:
        return tr("%1: rollback failed: %2").arg(subject(e), e.reason);
    case K::RollbackNeedsRestore:
        return tr("%1 needs restore: %2 cannot be undone; %3").arg(subject(e), e.step, e.reason);
    case K::RollbackRestored:
        return because(tr("%1 restored by hand, confirmed by %2").arg(subject(e), who), e.reason);
    case K::RollbackLeftUnrestored:
        return because(tr("%1 left on %2 by %3 — needs restore").arg(subject(e), e.toVersion, who), e.reason);
    }
    return e.outcome;
}

} // namespace lockstep::RunNarration
