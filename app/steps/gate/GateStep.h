#pragma once

#include "app/steps/StepKindHandler.h"

namespace lockstep {

// `gate: ID`: one of the runbook's metric gates, measured on this instance inside its wave.
StepKindHandler gateStepKind();

} // namespace lockstep
