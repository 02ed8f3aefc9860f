#pragma once

#include "app/steps/StepKindHandler.h"

namespace lockstep {

// `wait: DURATION`: lets time pass (a soak); reads nothing, changes nothing.
StepKindHandler waitStepKind();

} // namespace lockstep
