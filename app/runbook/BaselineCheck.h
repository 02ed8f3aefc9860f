#pragma once

#include <QString>

#include <functional>

namespace lockstep {

struct Runbook;

// Lint for gate baselines: a `gate:` step whose gate compares with the `pre-upgrade` baseline must come
// after a step that changes the instance. Before it, the instance's upgrade has not started (the engine
// records the start at the first change-making step), so there is no window "before the upgrade" and
// the gate could only ask a person every time.
void checkBaselineGateSteps(const Runbook &runbook, const std::function<void(const QString &path, const QString &message)> &error);

} // namespace lockstep
