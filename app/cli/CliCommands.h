#pragma once

#include "app/cli/CliCommand.h"

namespace lockstep {

// The table of lockstep-cli's commands: the one place a command is named, summarised and given an
// example. main() dispatches on it; CliHelp, CliCompletion and the manual page are written from it.
class CliCommands
{
public:
    static const QList<CliCommand> &all();
    static const CliCommand *find(const QString &name);
};

} // namespace lockstep
