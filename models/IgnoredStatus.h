#pragma once

#include "models/Result.h"

namespace lockstep {

// The one way to drop a Status or Result on purpose: where going on is truly right whatever the write or
// call came to (best effort, nothing to undo, the failure is reported elsewhere), say why. A failure is
// logged with that reason (category lockstep.ignored), never swallowed silently. Everything else is
// checked or passed up: Result is [[nodiscard]] and the build fails on a dropped one.
void ignoreStatus(const Status &status, const char *why);

template<typename T>
void ignoreResult(const Result<T> &result, const char *why)
{
    if (!result)
        ignoreStatus(Status(result.error()), why);
}

} // namespace lockstep
