#pragma once

#include "app/transport/CommandSpec.h"
#include "models/runbook/Runbook.h"

#include <QString>

namespace lockstep {

// Judges an ssh / local step's result against its `expect: {exit: [...], output: regex}` (rendered by
// Templater::renderCommandExpectation). The engine calls it once the command has finished.
class CommandCheck
{
public:
    // Empty when the outcome meets the expectation, otherwise why not, in one line.
    // `stdoutText` is the command's standard output (lines joined with '\n').
    static QString check(const CommandExpectation &expect, const CommandOutcome &outcome, const QString &stdoutText);
};

} // namespace lockstep
