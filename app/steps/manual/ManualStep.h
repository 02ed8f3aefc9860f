#pragma once

#include "app/steps/StepKindHandler.h"

namespace lockstep {

// `manual: PROMPT`: a person does something and confirms (or declines) it.
StepKindHandler manualStepKind();

} // namespace lockstep
