#include "SignOffCommand.h"

#include "CliHelp.h"
#include "CliSession.h"
#include "app/engine/StoredRunSignOff.h"

#include <QTextStream>

namespace lockstep {

QList<QCommandLineOption> SignOffCommand::options()
{
    return QList<QCommandLineOption>{
               {QStringLiteral("item"), QStringLiteral("Checklist item id."), QStringLiteral("id")},
               {QStringLiteral("comment"), QStringLiteral("What you checked."), QStringLiteral("text")},
           }
           + CliSession::storeOptions();
}

int SignOffCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addOptions(options());
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli signoff")} + arguments) || parser.positionalArguments().size() != 1
        || !parser.isSet(QStringLiteral("item"))) {
        err << CliHelp::usageError(QStringLiteral("signoff"));
        return 2;
    }
    const qint64 runId = parser.positionalArguments().first().toLongLong();
    auto session = CliSession::open(parser);
    if (!session) {
        err << "error: " << session.error().toString() << "\n";
        return 2;
    }
    const QString op = CliSession::operatorName(parser);
    auto signedOff = StoredRunSignOff::sign((*session)->runtime(), runId, parser.value(QStringLiteral("item")), op,
                                            parser.value(QStringLiteral("comment")));
    if (!signedOff) {
        err << "refused: " << signedOff.error().toString() << "\n";
        return 2;
    }
    out << op << " signed off " << signedOff->item << " of run " << runId << "\n";
    return 0;
}

} // namespace lockstep
