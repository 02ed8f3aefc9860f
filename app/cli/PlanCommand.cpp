#include "PlanCommand.h"

#include "CliHelp.h"
#include "CliSession.h"
#include "app/engine/Planner.h"
#include "models/Clock.h"

#include <QTextStream>

namespace lockstep {

QList<QCommandLineOption> PlanCommand::options()
{
    return CliSession::planOptions() + CliSession::storeOptions();
}

int PlanCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addOptions(options());
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli plan")} + arguments)) {
        err << parser.errorText() << "\n" << CliHelp::usageError(QStringLiteral("plan"));
        return 2;
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
