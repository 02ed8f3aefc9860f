#pragma once

#include "app/engine/StepContext.h"
#include "app/engine/StepExecution.h"
#include "models/runbook/Runbook.h"

namespace lockstep {

// Starts steps of every kind. StepDispatcher is the real one; tests and benchmarks may inject their own.
class StepLauncher
{
public:
    virtual ~StepLauncher() = default;
    // Never returns nullptr: a step that cannot start (no transport, a template error) returns an
    // execution that fails right after with the reason. The execution is owned by `parent`.
    virtual StepExecution *launch(const StepSpec &step, const StepContext &context, QObject *parent) = 0;
};

} // namespace lockstep
