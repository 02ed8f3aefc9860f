#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace lockstep {

// `lockstep-cli lint FILE...`: checks runbooks and prints one "file:line:col: error: message (key path)"
// line per problem (warnings too). Exit code 0 when no file has errors, 1 when any has, 2 on a usage error.
class LintCommand
{
public:
    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
};

} // namespace lockstep
