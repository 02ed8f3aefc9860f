#include "StatusCommand.h"

#include "CliHelp.h"
#include "CliSession.h"
#include "app/engine/RunRecovery.h"
#include "app/runbook/Duration.h"
#include "models/Clock.h"
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
    if (record->watchStartedAt.isValid() && !isTerminal(record->state)) {
        // The watch's length is the runbook's (scaled as the run is): its end is measured from the stored start.
        if (auto plan = RunRecovery::planOf(*record)) {
            const QDateTime ends = record->watchStartedAt.addMSecs(plan->runbook.watch.duration.count());
            const qint64 left = std::max<qint64>(0, Clock::instance().now().secsTo(ends));
            out << "watch: " << Duration::format(std::chrono::seconds(left)) << " left of "
                << Duration::format(plan->runbook.watch.duration) << ", until " << ends.toUTC().toString(Qt::ISODate)
                << " (end it early: lockstep-cli run --resume " << runId << " --end-watch --reason TEXT)\n";
        } else {
            err << "warning: " << plan.error().toString() << "\n";
        }
    }
    auto attempts = rt.runs().attempts(runId);
    if (!attempts) {
        err << "error: " << attempts.error().toString() << "\n";
        return 2;
    }
    int interrupted = 0;
    for (const StepResult &s : *attempts) {
        const bool unfinished = !s.outcome || *s.outcome == StepOutcome::Interrupted;
        interrupted += unfinished ? 1 : 0;
        out << "  " << (s.instance.isEmpty() ? QStringLiteral("run") : s.instance) << "  " << runPhaseName(s.phase) << "  " << s.step << "  attempt " << s.attempt << "  "
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
