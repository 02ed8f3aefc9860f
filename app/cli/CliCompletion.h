#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace lockstep {

// `lockstep-cli completion bash`: a bash completion script written from the command table (commands,
// each command's options and actions, file names where an option takes a file). The package installs
// its output, made at build time, as /usr/share/bash-completion/completions/lockstep-cli.
class CliCompletion
{
public:
    static QString bash();

    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
};

} // namespace lockstep
