#include "HostsCommand.h"
#include "LintCommand.h"

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
    QTextStream(stderr) << "usage: lockstep-cli <lint|plan|run|runs|status|audit|hosts> ...\n";
    return 2;
}
