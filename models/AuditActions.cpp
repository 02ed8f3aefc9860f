#include "models/AuditActions.h"

#include <QHash>

#include <array>
#include <utility>

namespace lockstep::AuditActions {

namespace {

using K = RunEvent::Kind;

// Kinds absent here are narrated, not recorded: a step's start (its write-ahead intent is the record), a
// gate measurement, a waiting prompt, an approval request (the run's state says it), a wave that ended early.
constexpr std::array kRecorded{
    std::pair{K::RunPlanned, "run.planned"},
    std::pair{K::RunRefused, "run.refused"},
    std::pair{K::RunStateChanged, "run.state"},
    std::pair{K::PolicyOverridden, "override"},
    std::pair{K::BudgetOverridden, "failure-budget.override"},
    std::pair{K::ChecklistChecked, "checklist.check"},
    std::pair{K::SignedOff, "signoff"},
    std::pair{K::WaveStarted, "wave.started"},
    std::pair{K::WaveFinished, "wave.finished"},
    std::pair{K::WaveStopped, "wave.stopped"},
    std::pair{K::GateFinished, "gate.finished"},
    std::pair{K::GateInconclusive, "gate.inconclusive"},
    std::pair{K::WaveApproved, "wave.approved"},
    std::pair{K::WavePromoted, "wave.promoted"},
    std::pair{K::WatchStarted, "watch.started"},
    std::pair{K::WatchFinished, "watch.finished"},
    std::pair{K::WatchEndedEarly, "watch.ended-early"},
    std::pair{K::StepFinished, "step.finished"},
    std::pair{K::StepRetried, "step.retry"},
    std::pair{K::StepSkipped, "step.skipped"},
    std::pair{K::StepMarkedDone, "step.marked-done"},
    std::pair{K::LockWaiting, "lock.waiting"},
    std::pair{K::StepConfirmed, "step.confirmed"},
    std::pair{K::StepDeclined, "step.declined"},
    std::pair{K::StepInterrupted, "step.interrupted"},
    std::pair{K::StepRecovered, "step.recovered"},
    std::pair{K::LeftoverRunning, "step.leftover-running"},
    std::pair{K::LeftoverWaiting, "step.leftover-waiting"},
    std::pair{K::LeftoverEnded, "step.leftover-ended"},
    std::pair{K::LeftoverOutlived, "step.leftover-outlived"},
    std::pair{K::LeftoverKilled, "step.leftover-killed"},
    std::pair{K::RollbackRequested, "rollback.requested"},
    std::pair{K::RollbackEmergency, "rollback.emergency"},
    std::pair{K::RollbackScheduled, "rollback.scheduled"},
    std::pair{K::RollbackCancelled, "rollback.cancelled"},
    std::pair{K::RollbackConfirmed, "rollback.confirmed"},
    std::pair{K::RollbackStarted, "rollback.started"},
    std::pair{K::RollbackSkipped, "rollback.skipped"},
    std::pair{K::RollbackFinished, "rollback.finished"},
    std::pair{K::RollbackFailed, "rollback.failed"},
    std::pair{K::RollbackNeedsRestore, "rollback.needs-restore"},
    std::pair{K::RollbackRestored, "rollback.restored"},
    std::pair{K::RollbackLeftUnrestored, "rollback.left-unrestored"},
};

const QHash<QString, K> &byName()
{
    static const QHash<QString, K> names = [] {
        QHash<QString, K> out;
        for (const auto &[kind, name] : kRecorded)
            out.insert(QString::fromLatin1(name), kind);
        return out;
    }();
    return names;
}

} // namespace

QString of(RunEvent::Kind kind)
{
    for (const auto &[k, name] : kRecorded)
        if (k == kind)
            return QString::fromLatin1(name);
    return {};
}

std::optional<RunEvent::Kind> kindOf(const QString &action)
{
    const auto it = byName().constFind(action);
    if (it == byName().cend())
        return std::nullopt;
    return *it;
}

QString hostKeyUnknown() { return QStringLiteral("hostkey.unknown"); }
QString hostKeyChanged() { return QStringLiteral("hostkey.changed"); }
QString hostKeyTrusted() { return QStringLiteral("hostkey.trusted"); }
QString auditAnchor() { return QStringLiteral("audit.anchor"); }
QString inventoryImported() { return QStringLiteral("inventory.imported"); }

} // namespace lockstep::AuditActions
