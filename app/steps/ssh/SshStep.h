#pragma once

#include "app/steps/StepKindHandler.h"

namespace lockstep {

// `ssh: COMMAND`: a shell command on the instance's SSH target (values shell-quoted).
StepKindHandler sshStepKind();

} // namespace lockstep
