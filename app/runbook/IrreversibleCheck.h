#pragma once

#include "app/steps/StepCheck.h"
#include "models/runbook/Runbook.h"

namespace lockstep {

// Steps nothing can undo (`undo: {none: MESSAGE}`). Only an instance's upgrade step (under steps:) that
// changes something can be one: a rollback step is not undone itself, a run-level step without undo: is
// simply not undone, a step that only reads leaves nothing to restore. MESSAGE is shown to operators, so it
// is checked like a manual prompt (templates, no secrets); rollback lists never name such a step.
namespace IrreversibleCheck {

void check(const Runbook &runbook, StepCheck &check);

} // namespace IrreversibleCheck

} // namespace lockstep
