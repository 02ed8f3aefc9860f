#include "PlanCommand.h"

#include "CliSession.h"
#include "app/engine/Planner.h"
#include "models/Clock.h"

#include <QTextStream>

namespace lockstep {

int PlanCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Shows the plan for upgrading instances to a version."));
    parser.addHelpOption();
    CliSession::addStoreOptions(parser);
    CliSession::addPlanOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli plan")} + arguments)) {
        err << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    auto session = CliSession::open(parser);
    if (!session) {
        err << "error: " << session.error().toString() << "\n";
        return 2;
    }
    auto plan = (*session)->buildPlan(parser);
    if (!plan) {
        err << "refused: " << plan.error().toString() << "\n";
        return 2;
    }
    CliSession::printPreview(out, Planner::preview(*plan, Clock::instance().now()));
    return 0;
}

} // namespace lockstep
