#pragma once

// The gate interface (GateEvaluator, GateRun, GateMeasurement, GateOutcome) lives with the metrics that
// implement it, so app/metrics never includes the engine; the engine's files keep reading it here.
#include "app/metrics/GateEvaluator.h"
