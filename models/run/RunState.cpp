#include "models/run/RunState.h"

#include <array>
#include <utility>

namespace lockstep {

namespace {

template<typename Enum, std::size_t N>
std::optional<Enum> parseByName(const QString &name, const std::array<Enum, N> &all, QString (*nameOf)(Enum))
{
    for (Enum value : all)
        if (nameOf(value) == name)
            return value;
    return std::nullopt;
}

} // namespace

QString runStateName(RunState state)
{
    switch (state) {
    case RunState::Planned: return QStringLiteral("planned");
    case RunState::Running: return QStringLiteral("running");
    case RunState::Paused: return QStringLiteral("paused");
    case RunState::AwaitingApproval: return QStringLiteral("awaiting-approval");
    case RunState::Observing: return QStringLiteral("observing");
    case RunState::Watching: return QStringLiteral("watching");
    case RunState::Interrupted: return QStringLiteral("interrupted");
    case RunState::RollingBack: return QStringLiteral("rolling-back");
    case RunState::Aborting: return QStringLiteral("aborting");
    case RunState::Succeeded: return QStringLiteral("succeeded");
    case RunState::Failed: return QStringLiteral("failed");
    case RunState::RolledBack: return QStringLiteral("rolled-back");
    case RunState::Aborted: return QStringLiteral("aborted");
    }
    return {};
}

std::optional<RunState> parseRunState(const QString &name)
{
    static constexpr std::array all{RunState::Planned, RunState::Running, RunState::Paused,
                                    RunState::AwaitingApproval, RunState::Observing, RunState::Watching, RunState::Interrupted,
                                    RunState::RollingBack, RunState::Aborting, RunState::Succeeded,
                                    RunState::Failed, RunState::RolledBack, RunState::Aborted};
    return parseByName(name, all, &runStateName);
}

bool isTerminal(RunState state)
{
    return state == RunState::Succeeded || state == RunState::Failed || state == RunState::RolledBack
           || state == RunState::Aborted;
}

QString instanceStateName(InstanceState state)
{
    switch (state) {
    case InstanceState::Pending: return QStringLiteral("pending");
    case InstanceState::Running: return QStringLiteral("running");
    case InstanceState::Succeeded: return QStringLiteral("succeeded");
    case InstanceState::Failed: return QStringLiteral("failed");
    case InstanceState::Interrupted: return QStringLiteral("interrupted");
    case InstanceState::WaitingForOperator: return QStringLiteral("waiting-for-operator");
    case InstanceState::RollingBack: return QStringLiteral("rolling-back");
    case InstanceState::RolledBack: return QStringLiteral("rolled-back");
    case InstanceState::RollbackFailed: return QStringLiteral("rollback-failed");
    case InstanceState::Cancelled: return QStringLiteral("cancelled");
    case InstanceState::NeedsRestore: return QStringLiteral("needs-restore");
    }
    return {};
}

std::optional<InstanceState> parseInstanceState(const QString &name)
{
    static constexpr std::array all{InstanceState::Pending, InstanceState::Running, InstanceState::Succeeded,
                                    InstanceState::Failed, InstanceState::Interrupted, InstanceState::WaitingForOperator,
                                    InstanceState::RollingBack, InstanceState::RolledBack, InstanceState::RollbackFailed,
                                    InstanceState::Cancelled, InstanceState::NeedsRestore};
    return parseByName(name, all, &instanceStateName);
}

QString stepOutcomeName(StepOutcome outcome)
{
    switch (outcome) {
    case StepOutcome::Succeeded: return QStringLiteral("succeeded");
    case StepOutcome::Failed: return QStringLiteral("failed");
    case StepOutcome::TimedOut: return QStringLiteral("timed-out");
    case StepOutcome::Cancelled: return QStringLiteral("cancelled");
    case StepOutcome::Skipped: return QStringLiteral("skipped");
    case StepOutcome::MarkedDone: return QStringLiteral("marked-done");
    case StepOutcome::Interrupted: return QStringLiteral("interrupted");
    }
    return {};
}

std::optional<StepOutcome> parseStepOutcome(const QString &name)
{
    static constexpr std::array all{StepOutcome::Succeeded, StepOutcome::Failed, StepOutcome::TimedOut,
                                    StepOutcome::Cancelled, StepOutcome::Skipped, StepOutcome::MarkedDone,
                                    StepOutcome::Interrupted};
    return parseByName(name, all, &stepOutcomeName);
}

bool letsInstanceContinue(StepOutcome outcome)
{
    return outcome == StepOutcome::Succeeded || outcome == StepOutcome::Skipped
           || outcome == StepOutcome::MarkedDone;
}

QString runPhaseName(RunPhase phase)
{
    switch (phase) {
    case RunPhase::Checklist: return QStringLiteral("checklist");
    case RunPhase::Upgrade: return QStringLiteral("upgrade");
    case RunPhase::Rollback: return QStringLiteral("rollback");
    case RunPhase::Before: return QStringLiteral("before");
    case RunPhase::After: return QStringLiteral("after");
    }
    return {};
}

std::optional<RunPhase> parseRunPhase(const QString &name)
{
    static constexpr std::array all{RunPhase::Checklist, RunPhase::Upgrade, RunPhase::Rollback, RunPhase::Before,
                                    RunPhase::After};
    return parseByName(name, all, &runPhaseName);
}

} // namespace lockstep
