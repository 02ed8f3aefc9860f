#include "LintCommand.h"

#include "app/runbook/RunbookLoader.h"

#include <QTextStream>

namespace lockstep {

int LintCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.isEmpty() || arguments.contains(QLatin1String("--help")) || arguments.contains(QLatin1String("-h"))) {
        err << "usage: lockstep-cli lint FILE...\n"
               "Checks runbook files; prints file:line:col: error|warning: message (key path) per problem.\n"
               "Exit status: 0 when no file has errors (warnings allowed), 1 otherwise.\n";
        return arguments.isEmpty() ? 2 : 0;
    }
    int problems = 0;
    int invalidFiles = 0;
    for (const QString &file : arguments) {
        const RunbookLoader::Loaded loaded = RunbookLoader::readFile(file);
        for (const Diagnostic &d : loaded.diagnostics)
            out << d.toString() << '\n';
        problems += int(loaded.diagnostics.size());
        if (!loaded.ok())
            ++invalidFiles;
    }
    out.flush();
    if (invalidFiles > 0) {
        err << invalidFiles << " of " << arguments.size() << " file(s) invalid, " << problems << " problem(s)\n";
        return 1;
    }
    return 0;
}

} // namespace lockstep
