#include "SignOffCommand.h"

#include "CliSession.h"
#include "app/engine/Checklist.h"
#include "app/engine/RunRecovery.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"

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
    EngineRuntime &rt = (*session)->runtime();
    auto record = rt.runs().find(runId);
    if (!record) {
        err << "refused: " << record.error().toString() << "\n";
        return 2;
    }
    if (isTerminal(record->state)) {
        err << "refused: run " << runId << " already ended (" << runStateName(record->state) << ")\n";
        return 2;
    }
    auto plan = RunRecovery::planOf(*record);
    if (!plan) {
        err << "refused: " << plan.error().toString() << "\n";
        return 2;
    }
    // The checklist of the stored run, as its own console has it: it knows which items want sign-offs.
    QHash<QString, qint64> generations;
    Checklist checklist(*plan, runId, rt.services(), generations, nullptr);
    if (Status s = checklist.load(); !s) {
        err << "refused: " << s.error().toString() << "\n";
        return 2;
    }
    const QString op = CliSession::operatorName(parser);
    auto signedOff = checklist.signOff(parser.value(QStringLiteral("item")), op, parser.value(QStringLiteral("comment")));
    if (!signedOff) {
        err << "refused: " << signedOff.error().toString() << "\n";
        return 2;
    }
    out << op << " signed off " << signedOff->item << " of run " << runId << "\n";
    return 0;
}

} // namespace lockstep
