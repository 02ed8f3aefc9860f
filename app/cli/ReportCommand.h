#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace lockstep {

// `lockstep-cli report RUN --pdf FILE | --html FILE`: the run report of any stored run, the same
// document the console exports (app/report/RunReport). Needs QtGui (fonts, PDF) on the offscreen
// platform: main() makes a QGuiApplication for this command.
class ReportCommand
{
public:
    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
    // Whether the command line names this command (main() picks the application type from it).
    static bool isNamed(int argc, char **argv);
};

} // namespace lockstep
