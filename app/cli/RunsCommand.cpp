#include "RunsCommand.h"

#include "CliHelp.h"
#include "CliSession.h"
#include "models/store/RunRepository.h"

#include <QTextStream>

namespace lockstep {

QList<QCommandLineOption> RunsCommand::options()
{
    return QList<QCommandLineOption>{{QStringLiteral("limit"), QStringLiteral("How many runs."), QStringLiteral("n"),
                                      QStringLiteral("50")}}
           + CliSession::storeOptions();
}

int RunsCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addOptions(options());
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli runs")} + arguments)) {
        err << parser.errorText() << "\n" << CliHelp::usageError(QStringLiteral("runs"));
        return 2;
    }
    auto session = CliSession::open(parser);
    if (!session) {
        err << "error: " << session.error().toString() << "\n";
        return 2;
    }
    auto runs = (*session)->runtime().runs().list(parser.value(QStringLiteral("limit")).toInt());
    if (!runs) {
        err << "error: " << runs.error().toString() << "\n";
        return 2;
    }
    for (const RunRecord &r : *runs)
        out << r.id << "  " << runStateName(r.state) << "  " << r.runbookId << " -> " << r.targetVersion << "  by "
            << r.operatorName << "  " << r.createdAt.toString(Qt::ISODate) << (r.note.isEmpty() ? "" : "  ") << r.note
            << "\n";
    return 0;
}

} // namespace lockstep
