#include "app/cli/AuditCommand.h"
#include "app/cli/HostsCommand.h"
#include "app/cli/LintCommand.h"
#include "app/cli/PlanCommand.h"
#include "app/cli/RunCommand.h"
#include "app/cli/RunsCommand.h"
#include "app/cli/SignOffCommand.h"
#include "app/cli/StatusCommand.h"
#include "app/cli/WatchCommand.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

// One line per command; each command lives in its own <Name>Command.cpp and gets the arguments after its
// name. Exit codes are the command's own (2 is usage error by convention).
struct Command
{
    const char *name;
    int (*run)(const QStringList &args);
};

const Command kCommands[] = {
    {"audit", lockstep::runAuditCommand},
    {"hosts", lockstep::HostsCommand::run},
    {"lint", lockstep::LintCommand::run},
    {"plan", lockstep::PlanCommand::run},
    {"run", lockstep::RunCommand::run},
    {"runs", lockstep::RunsCommand::run},
    {"signoff", lockstep::SignOffCommand::run},
    {"status", lockstep::StatusCommand::run},
    {"watch", lockstep::WatchCommand::run},
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lockstep"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOCKSTEP_VERSION));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 2) {
        for (const Command &command : kCommands) {
            if (args.at(1) == QLatin1String(command.name))
                return command.run(args.mid(2));
        }
    }
    QTextStream(stderr) << "usage: lockstep-cli <lint|plan|run|runs|status|signoff|watch|audit|hosts> ...\n";
    return 2;
}
