#include "HostsCommand.h"
#include "LintCommand.h"
#include "PlanCommand.h"
#include "RunCommand.h"
#include "RunsCommand.h"
#include "StatusCommand.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lockstep"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOCKSTEP_VERSION));
    if (argc > 1 && QLatin1String(argv[1]) == QLatin1String("lint"))
        return lockstep::LintCommand::run(app.arguments().mid(2));
    if (argc > 1 && QLatin1String(argv[1]) == QLatin1String("hosts"))
        return lockstep::HostsCommand::run(app.arguments().mid(2));
    if (argc > 1 && QLatin1String(argv[1]) == QLatin1String("plan"))
        return lockstep::PlanCommand::run(app.arguments().mid(2));
    if (argc > 1 && QLatin1String(argv[1]) == QLatin1String("run"))
        return lockstep::RunCommand::run(app.arguments().mid(2));
    if (argc > 1 && QLatin1String(argv[1]) == QLatin1String("runs"))
        return lockstep::RunsCommand::run(app.arguments().mid(2));
    if (argc > 1 && QLatin1String(argv[1]) == QLatin1String("status"))
        return lockstep::StatusCommand::run(app.arguments().mid(2));
    QTextStream(stderr) << "usage: lockstep-cli <lint|plan|run|runs|status|audit|hosts> ...\n";
    return 2;
}
