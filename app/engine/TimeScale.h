#pragma once

#include "models/Result.h"
#include "models/runbook/Runbook.h"

namespace lockstep {

// The demo's time scale: a run whose runbook waits `factor` times less, so a guided upgrade with its
// observation, gates and approval shows in minutes instead of an hour. It is an option of the plan,
// stored with the run (and so kept after a restart), shown in the plan and the progress header; real
// timings (factor 1) are the default everywhere.
//
// Divided by the factor: the observation between waves, the watch after the last one (at most
// kDemoWatch), each gate's interval and initial delay, wait
// steps, poll intervals, retry back-offs and expected durations (never below 100 ms where one was set).
// Kept: gate counts and failure limits (a gate still takes as many measurements and judges them the same
// way), thresholds, and step timeouts and `within` limits, which guard real work that does not go faster.
class TimeScale
{
public:
    static constexpr int kMaximum = 1000;
    // The longest a scaled watch (runbook `watch:`) lasts: a 24 h watch divided by 20 would still take
    // 72 minutes.
    static constexpr Millis kDemoWatch{std::chrono::minutes(2)};

    // Refused: a factor below 1 or above kMaximum.
    static Status check(int factor);
    static Runbook apply(const Runbook &runbook, int factor);
};

} // namespace lockstep
