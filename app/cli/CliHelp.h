#pragma once

#include "app/cli/CliCommand.h"

namespace lockstep {

// lockstep-cli's texts about itself, written from the command table (CliCommands): the list of commands
// (`lockstep-cli`, `help`, `--help`), one command's usage, options and example (`help COMMAND`,
// `COMMAND --help`), the short usage a usage error prints, and the manual page the build installs
// (`help --man`, roff).
class CliHelp
{
public:
    static QString overview();
    static QString command(const CliCommand &command);
    static QString version();
    // "usage: lockstep-cli NAME ..." lines and where the full help is, for a command's usage errors.
    static QString usageError(const QString &name);
    static QString manPage();

    // True when the arguments after a command's name ask for its help (-h or --help before any "--").
    static bool asksForHelp(const QStringList &arguments);

    // `lockstep-cli help [COMMAND]`.
    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
};

} // namespace lockstep
