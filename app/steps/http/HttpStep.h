#pragma once

#include "app/steps/StepKindHandler.h"

namespace lockstep {

// `http: "METHOD URL"` with headers, a JSON body, `expect` and an `until`/`within` poll.
StepKindHandler httpStepKind();

} // namespace lockstep
