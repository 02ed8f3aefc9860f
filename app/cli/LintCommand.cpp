#include "LintCommand.h"

#include "app/cli/CliHelp.h"
#include "app/runbook/RunbookLoader.h"

#include <QTextStream>

namespace lockstep {

QList<QCommandLineOption> LintCommand::options()
{
    return {};
}

int LintCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.isEmpty()) {
        err << CliHelp::usageError(QStringLiteral("lint"));
        return 2;
    }
    int problems = 0;
    int invalidFiles = 0;
    for (const QString &file : arguments) {
        const RunbookLoader::Loaded loaded = RunbookLoader::readFile(file);
        for (const Diagnostic &d : loaded.diagnostics)
            out << d.toString() << '\n';
        problems += int(loaded.diagnostics.size());
        if (!loaded.ok()) {
            ++invalidFiles;
            continue;
        }
        // Not a problem, but what an author should see once: where a rollback will stop for a person.
        for (const StepSpec &step : loaded.runbook.steps)
            if (step.irreversible)
                out << step.location.toString() << ": note: step '" << step.id
                    << "' cannot be undone: a rollback that reaches it stops for a restore by hand (" << step.restoreMessage
                    << ")\n";
    }
    out.flush();
    if (invalidFiles > 0) {
        err << invalidFiles << " of " << arguments.size() << " file(s) invalid, " << problems << " problem(s)\n";
        return 1;
    }
    return 0;
}

} // namespace lockstep
