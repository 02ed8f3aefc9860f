#include "app/cli/CliCommands.h"
#include "app/cli/CliHelp.h"
#include "app/cli/ReportCommand.h"
#include "app/core/Settings.h"
#include "app/session/ConsoleSettings.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <memory>

using namespace lockstep;

// lockstep-cli COMMAND [arguments]: the commands, their help and examples are in CliCommands. Exit codes
// are each command's own; 2 is a usage error by convention (also for no command at all, after the list).
int main(int argc, char *argv[])
{
    // `report` lays out text and writes PDF (QtGui), on the offscreen platform unless told otherwise.
    const bool gui = ReportCommand::isNamed(argc, argv);
    if (gui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app(gui ? new QGuiApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication::setApplicationName(QStringLiteral("lockstep"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOCKSTEP_VERSION));
    // The console's settings: a product's webhook and the audit witnesses apply headless too.
    Settings::open(ConsoleSettings::userFile());
    const QStringList args = QCoreApplication::arguments().mid(1);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.isEmpty()) {
        out << CliHelp::overview();
        return 2;
    }
    const QString first = args.first();
    if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
        out << CliHelp::overview();
        return 0;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        out << CliHelp::version();
        return 0;
    }
    const CliCommand *command = CliCommands::find(first);
    if (!command) {
        err << "lockstep-cli: '" << first << "' is not a command. See 'lockstep-cli --help'.\n";
        return 2;
    }
    if (CliHelp::asksForHelp(args.mid(1))) {
        out << CliHelp::command(*command);
        return 0;
    }
    out.flush();
    return command->run(args.mid(1));
}
