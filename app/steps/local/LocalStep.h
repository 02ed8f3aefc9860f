#pragma once

#include "app/steps/StepKindHandler.h"

namespace lockstep {

// `local: COMMAND` or `local: {argv, env, cwd}`: a command on the operator's machine.
StepKindHandler localStepKind();

} // namespace lockstep
