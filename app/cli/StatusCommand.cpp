#include "StatusCommand.h"

#include "CliHelp.h"
#include "CliSession.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"

#include <QTextStream>

namespace lockstep {

QList<QCommandLineOption> StatusCommand::options()
{
    return CliSession::storeOptions();
}

int StatusCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addOptions(options());
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli status")} + arguments) || parser.positionalArguments().size() != 1) {
        err << CliHelp::usageError(QStringLiteral("status"));
        return 2;
    }
    bool ok = false;
    const qint64 runId = parser.positionalArguments().first().toLongLong(&ok);
    auto session = CliSession::open(parser);
    if (!session) {
        err << "error: " << session.error().toString() << "\n";
        return 2;
    }
    EngineRuntime &rt = (*session)->runtime();
    auto record = rt.runs().find(runId);
    if (!ok || !record) {
        err << "error: " << (ok ? record.error().toString() : QStringLiteral("\"%1\" is not a run id").arg(parser.positionalArguments().first())) << "\n";
        return 2;
    }
    out << "run " << record->id << ": " << runStateName(record->state) << (record->note.isEmpty() ? "" : " - ")
        << record->note << "\n";
    out << "runbook " << record->runbookId << ", " << record->changeClass << " change to " << record->targetVersion
        << ", operator " << record->operatorName << ", wave " << (record->currentWave + 1) << "\n";
    auto attempts = rt.runs().attempts(runId);
    if (!attempts) {
        err << "error: " << attempts.error().toString() << "\n";
        return 2;
    }
    int interrupted = 0;
    for (const StepResult &s : *attempts) {
        const bool unfinished = !s.outcome || *s.outcome == StepOutcome::Interrupted;
        interrupted += unfinished ? 1 : 0;
        out << "  " << s.instance << "  " << runPhaseName(s.phase) << "  " << s.step << "  attempt " << s.attempt << "  "
            << (s.outcome ? stepOutcomeName(*s.outcome) : QStringLiteral("interrupted (started, no result)"));
        if (s.outcome && !unfinished)
            out << "  " << s.durationMs << " ms";
        if (!s.note.isEmpty())
            out << "  " << s.note;
        out << "\n";
    }
    if (auto signOffs = rt.signOffs().forRun(runId))
        for (const SignOff &s : *signOffs)
            out << "  signed " << s.item << " by " << s.operatorName << " at " << s.signedAt.toString(Qt::ISODate)
                << ": " << s.comment << "\n";
    if (auto leases = rt.leases().heldBy(runId); leases && !leases->isEmpty()) {
        QStringList names;
        for (const Lease &l : *leases)
            names << l.instance;
        out << "leases: " << names.join(QStringLiteral(", ")) << "\n";
    }
    if (interrupted > 0)
        out << interrupted << " interrupted step(s): resume with lockstep-cli run --resume " << runId
            << " --resolve-interrupted retry|mark-done|skip|rollback --reason TEXT\n";
    return 0;
}

} // namespace lockstep
