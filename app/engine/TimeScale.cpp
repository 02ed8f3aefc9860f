#include "app/engine/TimeScale.h"

#include <algorithm>

namespace lockstep {

namespace {

constexpr Millis kFloor{100};

Millis shorten(Millis value, int factor)
{
    if (value.count() <= 0)
        return value;
    return std::max(kFloor, Millis(value.count() / factor));
}

void shortenStep(StepSpec &step, int factor)
{
    step.waitFor = shorten(step.waitFor, factor);
    step.pollInterval = shorten(step.pollInterval, factor);
    step.retries.backoff = shorten(step.retries.backoff, factor);
    step.expected = shorten(step.expected, factor);
}

} // namespace

Status TimeScale::check(int factor)
{
    if (factor < 1 || factor > kMaximum)
        return Error{QStringLiteral("time scale %1 is out of range").arg(factor), QStringLiteral("--time-scale"),
                     QStringLiteral("give a factor from 1 (real timings) to %1, e.g. 20 for the demo").arg(kMaximum)};
    return okStatus();
}

Runbook TimeScale::apply(const Runbook &runbook, int factor)
{
    if (factor <= 1)
        return runbook;
    Runbook out = runbook;
    out.strategy.observe = shorten(out.strategy.observe, factor);
    // A watch is hours where the rest is minutes: divided by the factor and at most kDemoWatch, so the
    // demo shows the watch phase without sitting through it.
    if (out.watch.enabled())
        out.watch.duration = std::min(kDemoWatch, shorten(out.watch.duration, factor));
    for (GateSpec &gate : out.gates) {
        gate.interval = shorten(gate.interval, factor);
        gate.initialDelay = shorten(gate.initialDelay, factor);
    }
    for (StepSpec &step : out.steps)
        shortenStep(step, factor);
    for (StepSpec &step : out.rollbackSteps)
        shortenStep(step, factor);
    for (ChecklistItem &item : out.checklist)
        if (item.check)
            shortenStep(*item.check, factor);
    return out;
}

} // namespace lockstep
