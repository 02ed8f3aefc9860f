#include "RunCommand.h"

#include "CliHelp.h"
#include "CliSession.h"
#include "app/cli/CliRunOutput.h"
#include "app/cli/RestoreAnswer.h"
#include "app/cli/AnchorReportPrinter.h"
#include "app/notify/RunNotifications.h"
#include "app/engine/Checklist.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/RunRecovery.h"
#include "app/runbook/Duration.h"
#include "app/identity/OperatorIdentity.h"
#include "models/store/LeaseHeartbeat.h"
#include "models/Clock.h"
#include "models/run/RunEvent.h"
#include "models/store/LeaseRepository.h"
#include "models/store/StoreNotifier.h"

#include <QEventLoop>
#include <QTimer>
#include <QTextStream>

#include <memory>

namespace lockstep {

namespace {

// WaitsForOperator: the run stopped at a question this invocation cannot answer (an approval, a manual
// step, an inconclusive gate, a paused or interrupted run); the question is printed, the run is stored.
// StoreRefused: a write of the run's record failed (RunJournal); the run paused at it and nothing more ran.
enum Exit { Succeeded = 0, Failed = 1, Refused = 2, RolledBack = 3, WaitsForOperator = 4, StoreRefused = 5 };

QString stamp()
{
    return Clock::instance().now().toUTC().toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString ask(QTextStream &out, const QString &question)
{
    out << question << " " << Qt::flush;
    QTextStream in(stdin);
    return in.readLine().trimmed();
}

int exitCodeFor(RunState state)
{
    switch (state) {
    case RunState::Succeeded: return Succeeded;
    case RunState::RolledBack: return RolledBack;
    default: return Failed;
    }
}

// Applies --signoff ITEM=comment flags, signed as this console's operator. Tests that enabled asserted
// identities (LOCKSTEP_TEST_IDENTITIES=1) may write ITEM=NAME:comment.
Status applySignOffs(Checklist &checklist, const QString &op, const QStringList &flags)
{
    for (const QString &flag : flags) {
        const qsizetype eq = flag.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return Error{QStringLiteral("cannot read sign-off \"%1\"").arg(flag), QStringLiteral("--signoff"),
                         QStringLiteral("write ITEM=comment")};
        QString who = op;
        QString comment = flag.mid(eq + 1);
        if (const qsizetype colon = comment.indexOf(QLatin1Char(':')); colon > 0 && OperatorIdentity::testIdentitiesEnabled()) {
            who = comment.left(colon);
            comment = comment.mid(colon + 1);
        }
        auto s = checklist.signOff(flag.left(eq), who, comment);
        if (!s)
            return s.error();
    }
    return okStatus();
}

} // namespace

QList<QCommandLineOption> RunCommand::options()
{
    return CliSession::planOptions() + QList<QCommandLineOption>{
        QCommandLineOption(QStringLiteral("approve-waves"), QStringLiteral("Approve every wave promotion whose gates passed.")),
        QCommandLineOption(QStringLiteral("accept-inconclusive"),
                           QStringLiteral("Accept inconclusive gate results (no data, no verdict) as a person would: "
                                          "with --approve-waves between waves, and in gate steps. Without it a "
                                          "headless run stops at them (exit status 4).")),
        QCommandLineOption(QStringLiteral("signoff"), QStringLiteral("Sign a checklist item as yourself (the database role or OS account)."),
                           QStringLiteral("item=comment")),
        QCommandLineOption(QStringLiteral("confirm"), QStringLiteral("Confirm a manual step whenever it waits (headless runs)."),
                           QStringLiteral("step=comment")),
        QCommandLineOption(QStringLiteral("resume"), QStringLiteral("Continue a stored run."), QStringLiteral("run")),
        QCommandLineOption(QStringLiteral("resolve-interrupted"), QStringLiteral("For interrupted steps: retry, mark-done, skip or rollback."),
                           QStringLiteral("action")),
        QCommandLineOption(QStringLiteral("kill-leftover"),
                           QStringLiteral("End a step the killed console left running (SIGTERM, then SIGKILL) instead of "
                                          "waiting for it before the interrupted step is resolved.")),
        QCommandLineOption(QStringLiteral("reason"), QStringLiteral("Why (for resolutions, abort, emergency rollback)."), QStringLiteral("text")),
        QCommandLineOption(QStringLiteral("abort"), QStringLiteral("Abort the resumed run.")),
        QCommandLineOption(QStringLiteral("emergency-rollback"), QStringLiteral("Roll back every touched instance now.")),
        QCommandLineOption(QStringLiteral("end-watch"), QStringLiteral("End the resumed run's post-rollout watch early (needs --reason).")),
        QCommandLineOption(QStringLiteral("wait-signoffs"),
                           QStringLiteral("Wait this long for sign-offs from other consoles (`lockstep-cli signoff`)."),
                           QStringLiteral("seconds")),
    } + RestoreAnswer::options() + CliSession::storeOptions();
}

int RunCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addOptions(options());
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli run")} + arguments)) {
        err << parser.errorText() << "\n" << CliHelp::usageError(QStringLiteral("run"));
        return Refused;
    }
    auto session = CliSession::open(parser);
    if (!session) {
        err << "error: " << session.error().toString() << "\n";
        return Refused;
    }
    EngineRuntime &rt = (*session)->runtime();
    const QString op = (*session)->operatorName();
    const QString reason = parser.value(QStringLiteral("reason"));
    const bool interactive = CliSession::stdinIsTerminal();

    std::unique_ptr<RunExecutor> run;
    // However this invocation ends once the store is open — the run finished, waits, or was refused (a
    // resume of a run that already ended anchors the head a killed invocation could not) — the chain head
    // it leaves is anchored outside the store (docs/audit.md); a witness that fails is reported and
    // audited, and does not change the exit code.
    struct AnchorAtExit
    {
        CliSession &session;
        const std::unique_ptr<RunExecutor> &run;
        QString op;
        QTextStream &out;
        QTextStream &err;
        ~AnchorAtExit()
        {
            const QString origin = run ? QStringLiteral("run %1 %2").arg(QString::number(run->runId()), runStateName(run->state()))
                                       : QStringLiteral("lockstep-cli run (no run driven)");
            const auto anchored = session.anchoring().anchor(origin, op);
            if (!anchored)
                err << "warning: the audit head was not anchored: " << anchored.error().toString() << "\n";
            else
                printAnchorReport(*anchored, out, err);
            out.flush();
            err.flush();
        }
    } anchorAtExit{**session, run, op, out, err};
    if (parser.isSet(QStringLiteral("resume"))) {
        const qint64 runId = parser.value(QStringLiteral("resume")).toLongLong();
        RunRecovery recovery(rt.services());
        // A secret parameter is never stored: the resume is given it again (--param, or the environment).
        QMap<QString, QString> given;
        for (const QString &p : parser.values(QStringLiteral("param")))
            if (const qsizetype eq = p.indexOf(QLatin1Char('=')); eq > 0)
                given.insert(p.left(eq), p.mid(eq + 1));
        auto restored = recovery.restore(runId, given);
        if (!restored) {
            err << "refused: " << restored.error().toString() << "\n";
            return Refused;
        }
        run.reset(*restored);
        // Going on needs its gates answerable; aborting or rolling back does not.
        const bool stopping = parser.isSet(QStringLiteral("abort")) || parser.isSet(QStringLiteral("emergency-rollback"))
                              || parser.isSet(QStringLiteral("end-watch"));
        if (Status sources = rt.checkGateSources(run->plan().runbook); !sources && !stopping) {
            err << "refused: " << sources.error().toString() << "\n";
            return Refused;
        }
        out << stamp() << " run " << runId << " restored: " << runStateName(run->state()) << " - " << run->note() << "\n";
        QList<InstanceProgress> rows = run->progress();
        if (run->hasRunLevelSteps())
            rows.prepend(run->runLevelProgress());   // the run-level steps (no instance: the run)
        for (const InstanceProgress &p : std::as_const(rows))
            if (p.state == InstanceState::Interrupted) {
                RunEvent interrupted;
                interrupted.kind = RunEvent::Kind::StepInterrupted;
                interrupted.runId = runId;
                interrupted.instance = p.instance;
                interrupted.step = p.step;
                interrupted.attempt = p.attempt;
                out << CliRunOutput::line(interrupted) << "\n";
            }
    } else {
        auto plan = (*session)->buildPlan(parser);
        if (!plan) {
            err << "refused: " << plan.error().toString() << "\n";
            return Refused;
        }
        CliSession::printPreview(out, Planner::preview(*plan, Clock::instance().now()));
        auto created = RunExecutor::create(*plan, op, rt.services());
        if (!created) {
            err << "refused: " << created.error().toString() << "\n";
            return Refused;
        }
        run.reset(*created);
        out << stamp() << " run " << run->runId() << " created by " << op << "\n";
    }
    out.flush();


    // Team mode: keep the leases alive; once one is lost this console must stop writing for the run.
    bool leaseLost = false;
    LeaseHeartbeat heartbeat(rt.leases(), run->runId());
    const auto leaseTimeout = rt.leases().expiry();
    if (leaseTimeout.count() > 0) {
        if (Status s = heartbeat.start(std::max<std::chrono::milliseconds>(std::chrono::milliseconds(100), leaseTimeout / 4)); !s) {
            err << "refused: " << s.error().toString() << "\n";
            return Refused;
        }
    }

    QList<Instance> instances;
    for (const Wave &w : run->plan().waves)
        instances << w.instances;
    rt.watch(instances);

    QEventLoop loop;
    bool waitingForOperator = false;
    QString question;   // what the run waits for when this invocation cannot answer it
    const bool acceptInconclusive = parser.isSet(QStringLiteral("accept-inconclusive"));
    auto stop = [&](bool waiting) {
        waitingForOperator = waiting;
        loop.exit();
    };
    RunExecutor *r = run.get();
    // The run's story: one line per event, in the same words as the desktop console's timeline.
    CliRunOutput::follow(r, out, &loop);
    // The product's webhook hears of approvals needed and failed gates, as from the console.
    (*session)->session().notifications()->setRun(r);
    QObject::connect(r, &RunExecutor::runStateChanged, &loop, [&](RunState state, const QString &note) {
        if (state == RunState::Watching)
            out << stamp() << " watch: " << Duration::format(std::chrono::seconds(std::max<qint64>(0, Clock::instance().now().secsTo(r->watchEnds()))))
                << " left, until " << r->watchEnds().toUTC().toString(Qt::ISODate)
                << "; end it early with lockstep-cli run --resume " << r->runId() << " --end-watch --reason TEXT\n";
        out.flush();
        if (state == RunState::Paused || state == RunState::Interrupted) {
            question = note;
            stop(true);
        }
    });
    QObject::connect(r, &RunExecutor::approvalNeeded, &loop, [&](int nextWave, const QString &why) {
        // Inconclusive gates are a person's decision: --approve-waves alone does not accept them. An
        // approval the runbook's rule refuses (the initiator excluded, a second approver needed) stops the
        // run with what is missing; it never waits for someone who is not there.
        const bool inconclusive = r->gatesInconclusive();
        const auto approve = [&](const QString &comment) {
            if (Status approved = r->approveNextWave(op, comment); !approved)
                out << stamp() << " approval refused: " << approved.error().toString() << "\n";
            if (r->state() == RunState::AwaitingApproval) {
                question = QStringLiteral("%1 (another approver: lockstep-cli signoff %2 --item approve-wave-%3, with --request "
                                          "for one signed with an SSH key)")
                               .arg(r->note(), QString::number(r->runId()), QString::number(nextWave + 1));
                stop(true);
            }
        };
        if (parser.isSet(QStringLiteral("approve-waves")) && (!inconclusive || acceptInconclusive)) {
            approve(inconclusive ? QStringLiteral("inconclusive gates accepted by --accept-inconclusive")
                                 : QStringLiteral("approved by --approve-waves"));
            return;
        }
        if (interactive
            && ask(out, inconclusive ? QStringLiteral("the gates are inconclusive; approve wave %1 anyway? [y/N]").arg(nextWave + 1)
                                     : QStringLiteral("approve wave %1? [y/N]").arg(nextWave + 1))
                       .toLower()
                   == QLatin1String("y")) {
            approve(QStringLiteral("approved at the prompt"));
            return;
        }
        question = inconclusive ? QStringLiteral("%1 (a person decides: --approve-waves --accept-inconclusive accepts it)").arg(why)
                                : QStringLiteral("%1 (--approve-waves approves)").arg(why);
        stop(true);
    });
    QObject::connect(r, &RunExecutor::manualStepWaiting, &loop, [&](const QString &instance, const QString &step, const QString &prompt) {
        if (r->waitsOnInconclusiveGate(instance)) {
            if (acceptInconclusive) {
                QMetaObject::invokeMethod(r, [r, instance, op, &err] {
                    if (Status s = r->confirmManual(instance, op, QStringLiteral("inconclusive result accepted by --accept-inconclusive")); !s)
                        err << stamp() << " refused: " << s.error().toString() << "\n";
                }, Qt::QueuedConnection);
                out << stamp() << " " << instance << " " << step << " accepted by --accept-inconclusive\n";
                return;
            }
            if (interactive) {
                const bool accept = ask(out, QStringLiteral("accept the inconclusive gate %1 on %2? [y/N]").arg(step, instance)).toLower()
                                    == QLatin1String("y");
                if (Status s = accept ? r->confirmManual(instance, op, QStringLiteral("accepted at the prompt"))
                                      : r->declineManual(instance, op, QStringLiteral("rejected at the prompt"));
                    !s)
                    err << stamp() << " refused: " << s.error().toString() << "\n";
                return;
            }
            question = QStringLiteral("gate step %1 on %2: %3 (--accept-inconclusive accepts it)").arg(step, instance, prompt);
            stop(true);
            return;
        }
        for (const QString &c : parser.values(QStringLiteral("confirm")))
            if (c.section(QLatin1Char('='), 0, 0) == step && !c.section(QLatin1Char('='), 1).trimmed().isEmpty()) {
                const QString comment = c.section(QLatin1Char('='), 1);
                // Queued: the executor is still inside the signal that asked.
                QMetaObject::invokeMethod(r, [r, instance, op, comment, &err] {
                    if (Status s = r->confirmManual(instance, op, comment); !s)
                        err << stamp() << " refused: " << s.error().toString() << "\n";
                }, Qt::QueuedConnection);
                out << stamp() << " " << (instance.isEmpty() ? QStringLiteral("run") : instance) << " " << step
                    << " confirmed by --confirm: " << comment << "\n";
                return;
            }
        if (!interactive) {
            question = instance.isEmpty()
                           ? QStringLiteral("run-level manual step %1: %2 (--confirm %1=COMMENT confirms it)").arg(step, prompt)
                           : QStringLiteral("manual step %1 on %2: %3 (--confirm %1=COMMENT confirms it)").arg(step, instance, prompt);
            stop(true);
            return;
        }
        const QString comment = ask(out, QStringLiteral("confirm %1 on %2 (comment, empty = decline):").arg(step, instance));
        if (Status s = comment.isEmpty() ? r->declineManual(instance, op, QStringLiteral("declined at the prompt"))
                                         : r->confirmManual(instance, op, comment);
            !s)
            err << stamp() << " refused: " << s.error().toString() << "\n";
    });
    // A rollback reached a step nothing can undo: the flags, or a person at the prompt, answer; else the run
    // stops at the question.
    QObject::connect(r, &RunExecutor::restoreNeeded, &loop, [&](const QString &instance, const QString &step, const QString &message) {
        const QString unanswered = RestoreAnswer::answer(*r, parser, op, instance, step, message, interactive, out);
        out.flush();
        if (!unanswered.isEmpty()) {
            question = unanswered;
            stop(true);
        }
    });
    QObject::connect(r, &RunExecutor::runFinished, &loop, [&](RunState) { stop(false); });
    // Found by the heartbeat, or by a write the store refused: either way this console is done with the run.
    auto loseLease = [&](const QString &why) {
        if (!leaseLost) {
            err << stamp() << " " << why << "\n";
            err.flush();
        }
        leaseLost = true;
        loop.exit();
    };
    QObject::connect(&heartbeat, &LeaseHeartbeat::leaseLost, &loop,
                     [&](qint64, const QStringList &, const QString &why) { loseLease(why); });
    QObject::connect(r, &RunExecutor::leaseLost, &loop, loseLease);
    QObject::connect(r, &RunExecutor::leftoverOutlived, &loop, [&](const QString &, const QString &message) {
        err << stamp() << " " << message << "\n  end it: lockstep-cli run --resume " << r->runId()
            << " --kill-leftover --resolve-interrupted ACTION --reason TEXT\n";
        err.flush();
    });

    auto report = [&](const Status &s) {
        if (!s)
            err << "refused: " << s.error().toString() << "\n";
        return s.ok();
    };

    if (parser.isSet(QStringLiteral("abort"))) {
        if (!report(r->abort(op, reason)))
            return Refused;
    } else if (parser.isSet(QStringLiteral("emergency-rollback"))) {
        if (!report(r->emergencyRollback(op, reason)))
            return Refused;
    } else if (parser.isSet(QStringLiteral("end-watch"))) {
        if (!report(r->endWatch(op, reason)))
            return Refused;
    } else if (r->state() == RunState::Planned) {
        if (!report(applySignOffs(*r->checklist(), op, parser.values(QStringLiteral("signoff")))))
            return Refused;
        QEventLoop checks;
        QObject::connect(r->checklist(), &Checklist::checksFinished, &checks, [&](bool) { checks.quit(); });
        r->checklist()->runChecks();
        checks.exec();
        for (const ChecklistItemStatus &item : r->checklist()->items()) {
            out << stamp() << " checklist " << item.id << ": " << (item.satisfied() ? QStringLiteral("ok") : item.missing()) << "\n";
            for (const QString &e : item.evidence)
                out << "    " << e.left(300) << "\n";
        }
        if (interactive)
            for (const ChecklistItemStatus &item : r->checklist()->items())
                if (item.signOffs.size() < item.signoffsRequired
                    && std::none_of(item.signOffs.cbegin(), item.signOffs.cend(),
                                    [&](const SignOff &s) { return s.operatorName == op; })) {
                    const QString comment = ask(out, QStringLiteral("sign off \"%1\" (%2) as %3 - comment (empty = no):")
                                                         .arg(item.id, item.title, op));
                    if (comment.isEmpty())
                        continue;
                    if (auto signed_ = r->checklist()->signOff(item.id, op, comment); !signed_)
                        err << "refused: " << signed_.error().toString() << "\n";
                }
        const int waitSeconds = parser.value(QStringLiteral("wait-signoffs")).toInt();
        if (waitSeconds > 0 && !r->checklist()->unsatisfied().isEmpty()) {
            // Four-eyes across consoles: another operator signs from their console; the store tells us.
            StoreNotifier notifier((*session)->db());
            QEventLoop waiting;
            QObject::connect(&notifier, &StoreNotifier::signOffAdded, &waiting, [&](qint64 runId) {
                if (runId != r->runId())
                    return;
                if (Status loaded = r->checklist()->load(); !loaded)
                    err << stamp() << " cannot read the sign-offs: " << loaded.error().toString() << "\n";
                out << stamp() << " sign-off from another console; missing: "
                    << r->checklist()->unsatisfied().join(QStringLiteral("; ")) << "\n";
                out.flush();
                if (r->checklist()->unsatisfied().isEmpty())
                    waiting.quit();
            });
            QObject::connect(&heartbeat, &LeaseHeartbeat::leaseLost, &waiting, &QEventLoop::quit);
            QTimer::singleShot(std::chrono::seconds(waitSeconds), &waiting, &QEventLoop::quit);
            out << stamp() << " waiting " << waitSeconds << " s for sign-offs on run " << r->runId() << ": "
                << r->checklist()->unsatisfied().join(QStringLiteral("; ")) << "\n";
            out.flush();
            waiting.exec();
            if (leaseLost)
                return Failed;
        }
        if (const QStringList missing = r->checklist()->unsatisfied(); !missing.isEmpty()) {
            err << "refused: the checklist is not complete: " << missing.join(QStringLiteral("; ")) << "\n";
            // Another operator's signature can be obtained without waiting here: from their console (team
            // mode) or signed with their SSH key on their machine (allowed_signers set). Then the run stays
            // at its checklist for it; otherwise it ends now.
            QStringList fourEyes;
            for (const ChecklistItemStatus &item : r->checklist()->items())
                if (item.required && item.signoffsRequired > 1 && !item.satisfied() && item.missing().contains(QLatin1String("sign-offs")))
                    fourEyes << item.id;
            const bool team = (*session)->db().dialect() == Database::Dialect::Postgres;
            const bool signatures = !rt.services().allowedSigners.isEmpty();
            if (!fourEyes.isEmpty() && (team || signatures)) {
                const QString id = QString::number(r->runId());
                out << "run " << id << " stays at its checklist for a second operator's sign-off of "
                    << fourEyes.join(QStringLiteral(", ")) << ":\n";
                for (const QString &item : fourEyes) {
                    if (team)
                        out << "  they sign from their console: lockstep-cli signoff " << id << " --item " << item
                            << " --database URL (or Runs > Sign off... in the desktop console)\n";
                    else
                        out << "  lockstep-cli signoff " << id << " --item " << item << " --request --output " << item
                            << ".request.json\n  they sign it: lockstep-cli signoff --sign " << item
                            << ".request.json --key KEY.pub --principal NAME --output " << item << ".signed.json\n"
                            << "  import it here: lockstep-cli signoff " << id << " --import " << item << ".signed.json\n";
                }
                out << "then: lockstep-cli run --resume " << id << " (or --resume " << id << " --abort)\n"
                    << "question: a second operator's sign-off of " << fourEyes.join(QStringLiteral(", ")) << "\n";
                return WaitsForOperator;
            }
            if (!fourEyes.isEmpty())
                err << "a second operator's signature cannot reach this console: set --allowed-signers FILE "
                       "($LOCKSTEP_ALLOWED_SIGNERS) to accept SSH-signed sign-offs, or use a team store\n";
            report(r->abort(op, QStringLiteral("checklist incomplete")));
            return Refused;
        }
        if (!report(r->start(op)))
            return Refused;
    } else {
        // The killed console's commands that still run: resolutions and new steps on their instances wait
        // for them (bounded by the step's timeout), or --kill-leftover ends them first.
        for (const LeftoverProcesses::Entry &e : r->leftovers()) {
            if (parser.isSet(QStringLiteral("kill-leftover"))) {
                if (!report(r->endLeftover(e.instance, op, reason)))
                    return Refused;
                out << stamp() << " ending step " << e.step << " of instance " << e.instance
                    << " from the previous console (pgid " << e.group.id() << "): SIGTERM, then SIGKILL\n";
            } else {
                out << stamp() << " step " << e.step << " of instance " << e.instance
                    << " is still running from the previous console (pgid " << e.group.id() << "); waiting until it ends"
                    << " (at most until " << e.deadline.toUTC().toString(Qt::ISODate)
                    << ", its timeout; --kill-leftover ends it)\n";
            }
        }
        out.flush();
        const QString action = parser.value(QStringLiteral("resolve-interrupted"));
        QList<InstanceProgress> rows = r->progress();
        if (r->hasRunLevelSteps())
            rows.prepend(r->runLevelProgress());   // an interrupted run-level step: resolved the same way
        for (const InstanceProgress &p : std::as_const(rows)) {
            if (p.state != InstanceState::Interrupted)
                continue;
            Status s = okStatus();
            if (action == QLatin1String("retry"))
                s = r->retry(p.instance, op, reason);
            else if (action == QLatin1String("mark-done"))
                s = r->markDone(p.instance, op, reason);
            else if (action == QLatin1String("skip"))
                s = r->skip(p.instance, op, reason);
            else if (action == QLatin1String("rollback"))
                s = r->rollback(p.instance, op, reason);
            else
                s = Error{QStringLiteral("%1 has an interrupted step (%2)").arg(p.instance, p.step), {},
                          QStringLiteral("--resolve-interrupted retry|mark-done|skip|rollback --reason TEXT")};
            if (!report(s))
                return Refused;
        }
        if (r->state() == RunState::AwaitingApproval) {
            // Approvals other operators gave meanwhile (lockstep-cli signoff RUN --item approve-wave-N) count.
            if (!report(r->continueIfApproved()))
                return Refused;
        }
        if (r->state() == RunState::AwaitingApproval) {
            const bool inconclusive = r->gatesInconclusive();
            if (!parser.isSet(QStringLiteral("approve-waves")) || (inconclusive && !acceptInconclusive)) {
                out << "run " << r->runId() << " waits for approval: " << r->note() << "\n"
                    << "question: " << (inconclusive ? "the gates are inconclusive; --approve-waves --accept-inconclusive accepts them"
                                                     : "approve the next wave with --approve-waves")
                    << "\n";
                return WaitsForOperator;
            }
            if (!report(r->approveNextWave(op, inconclusive ? QStringLiteral("inconclusive gates accepted by --accept-inconclusive")
                                                            : QStringLiteral("approved by --approve-waves"))))
                return Refused;
            if (r->state() == RunState::AwaitingApproval) {
                out << "run " << r->runId() << " waits for approval: " << r->note() << "\n";
                return WaitsForOperator;
            }
        } else if (r->state() == RunState::Paused || r->state() == RunState::Interrupted) {
            if (!report(r->resume(op, reason)))
                return Refused;
        }
    }
    if (!isTerminal(r->state()))
        loop.exec();
    out.flush();
    if (leaseLost)
        return Failed;
    if (r->unrecordedWrite()) {
        err << "run " << r->runId() << " stopped: " << r->note() << "\n"
            << "resume with: lockstep-cli run --resume " << r->runId() << " (once the store is writable)\n";
        return StoreRefused;
    }
    if (waitingForOperator && !isTerminal(r->state())) {
        out << "run " << r->runId() << " waits for an operator (" << runStateName(r->state()) << "): " << r->note()
            << "\nquestion: " << (question.isEmpty() ? r->note() : question)
            << "\nresume with: lockstep-cli run --resume " << r->runId() << "\n";
        return WaitsForOperator;
    }
    out << "run " << r->runId() << " " << runStateName(r->state()) << ": " << r->note() << "\n";
    return exitCodeFor(r->state());
}

} // namespace lockstep
