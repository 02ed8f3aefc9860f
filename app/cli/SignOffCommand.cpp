#include "SignOffCommand.h"

#include "CliSession.h"
#include "app/engine/StoredRunSignOff.h"

#include <QTextStream>

namespace lockstep {

int SignOffCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addHelpOption();
    CliSession::addStoreOptions(parser);
    parser.addPositionalArgument(QStringLiteral("run"), QStringLiteral("Run id."));
    parser.addOption({QStringLiteral("item"), QStringLiteral("Checklist item id."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("comment"), QStringLiteral("What you checked."), QStringLiteral("text")});
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli signoff")} + arguments) || parser.positionalArguments().size() != 1
        || !parser.isSet(QStringLiteral("item"))) {
        err << "usage: lockstep-cli signoff RUN --item ITEM [--comment TEXT] [--operator NAME] [--database URL]\n";
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
