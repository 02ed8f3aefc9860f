#include "app/engine/RunExecutor.h"
#include "app/engine/RunRecovery.h"
#include "app/engine/StepDispatcher.h"
#include "models/Clock.h"
#include "models/run/RunTransitions.h"
#include "tests/engine/EngineFixture.h"
#include "tests/engine/RoundGates.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

using namespace lockstep;
using namespace lockstep::test;
using namespace std::chrono_literals;

namespace {

using S = RunState;
using T = RunTrigger;
using G = GateOutcome::State;

const QString kAlice = QStringLiteral("alice");
const QString kBob = QStringLiteral("bob");

// Three instances: the canary i01, then i02 and i03. Steps backup, upgrade (undone by downgrade), verify;
// the rollback list restores.
Runbook baseRunbook(OnFailure onFailure = OnFailure::Pause, bool promote = true)
{
    Runbook r = makeRunbook();
    WaveSpec canary;
    canary.name = QStringLiteral("canary");
    canary.count = 1;
    WaveSpec rest;
    rest.name = QStringLiteral("rest");
    rest.percent = 100;
    r.strategy.waves = {canary, rest};
    r.strategy.onFailure = onFailure;
    r.strategy.autoPromote = promote;
    return r;
}

GateSpec errorGate()
{
    GateSpec g;
    g.id = QStringLiteral("errors");
    g.metric = QStringLiteral("error_rate");
    g.threshold = 0.01;
    return g;
}

Runbook gatedRunbook(OnFailure onFailure = OnFailure::Pause, bool promote = true)
{
    Runbook r = baseRunbook(onFailure, promote);
    r.gates = {errorGate()};
    return r;
}

// One wave of all three, gated, then a day-long watch with its own failure policy.
Runbook watchedRunbook(OnFailure onFailure)
{
    Runbook r = gatedRunbook();
    WaveSpec all;
    all.name = QStringLiteral("all");
    all.percent = 100;
    r.strategy.waves = {all};
    r.watch.duration = 24h;
    r.watch.onFailure = onFailure;
    return r;
}

// The upgrade's undo is a person restoring a snapshot; a failed verify rolls the instance back.
// One gated wave of all three, as a small fleet is upgraded.
Runbook oneWaveRunbook(bool promote = true)
{
    Runbook r = watchedRunbook(OnFailure::Pause);
    r.watch = {};
    r.strategy.autoPromote = promote;
    return r;
}

// Two approvals (by two operators) before the second wave.
Runbook fourEyesRunbook()
{
    Runbook r = baseRunbook(OnFailure::Pause, false);
    r.strategy.approval.by = 2;
    return r;
}

Runbook manualRollbackRunbook()
{
    Runbook r = baseRunbook(OnFailure::Rollback);
    StepSpec restore = makeStep(QStringLiteral("restore-snapshot"), StepKind::Manual);
    restore.prompt = QStringLiteral("restore {{instance.name}} from its snapshot");
    r.rollbackSteps.insert(0, restore);
    r.steps[1].undo = QStringLiteral("restore-snapshot");
    return r;
}

Runbook runLevelRunbook(OnFailure onFailure = OnFailure::Pause)
{
    Runbook r = baseRunbook(onFailure);
    r.before = {makeStep(QStringLiteral("open-incident"))};
    r.after = {makeStep(QStringLiteral("notify-done"))};
    return r;
}

// What the launcher records for instances' upgrades and rollbacks.
QStringList upgraded(const QStringList &instances)
{
    QStringList out;
    for (const QString &i : instances)
        for (const char *step : {"backup", "upgrade", "verify"})
            out << QStringLiteral("%1/%2/upgrade").arg(i, QLatin1String(step));
    return out;
}

QStringList rolledBack(const QStringList &instances, const QString &undo = QStringLiteral("downgrade"))
{
    QStringList out;
    for (const QString &i : instances)
        out << QStringLiteral("%1/%2/rollback").arg(i, undo) << QStringLiteral("%1/restore/rollback").arg(i);
    return out;
}

bool waitFor(const std::function<bool()> &done, int ms = 15000)
{
    return QTest::qWaitFor(done, ms);
}

// Moves the test's clock (the watch's day); the system clock again afterwards.
struct ClockGuard
{
    ManualClock clock{QDateTime::currentDateTimeUtc()};
    ClockGuard() { Clock::setInstance(&clock); }
    ~ClockGuard() { Clock::setInstance(nullptr); }
};

// One run through the real engine: store, executor, fake steps (manual steps wait for a person), scripted
// gates, and a console that can die and be restored.
struct Harness
{
    std::unique_ptr<ClockGuard> time;
    EngineFixture f;
    RoundGates gates;
    StepDispatcher dispatcher;
    Plan plan;
    std::unique_ptr<RunExecutor> run;
    qint64 runId = 0;
    QList<RunState> states;   // every state the run went to since the event

    EngineServices services()
    {
        EngineServices s = f.services();
        s.gates = &gates;
        return s;
    }
    void follow()
    {
        QObject::connect(run.get(), &RunExecutor::runStateChanged, run.get(), [this](RunState s) { states << s; });
    }
    bool create(const Runbook &runbook)
    {
        dispatcher.setGateEvaluator(&gates);
        f.launcher.fallback = &dispatcher;
        plan = makePlan(runbook, makeInstances(3));
        auto created = RunExecutor::create(plan, kAlice, services());
        if (!created)
            return false;
        run.reset(*created);
        runId = run->runId();
        follow();
        return true;
    }
    bool start(const Runbook &runbook) { return create(runbook) && run->start(kAlice).ok(); }
    bool reach(RunState state) { return waitFor([&] { return run->state() == state; }); }
    bool launched(const QString &prefix, int n = 1) { return waitFor([&] { return f.launcher.count(prefix) >= n; }); }
    // `kill -9`: the executor goes away without a word; a new console scans and restores the run.
    Status crash()
    {
        run.reset();
        if (auto scanned = RunRecovery(services()).scan(runId); !scanned)
            return scanned.error();
        auto restored = RunExecutor::restore(runId, plan, services());
        if (!restored)
            return restored.error();
        run.reset(*restored);
        follow();
        states << run->state();   // what the restore came to
        return okStatus();
    }
};

using Bring = std::function<bool(Harness &)>;
using Apply = std::function<Status(Harness &)>;

// One row: a run brought into `from`, the event applied; the run goes to `to` (none: refused, with
// `refusal` in the error, nothing changed), `then` (if any) is done, and it settles in `end` having
// started `ran` since the event.
struct Case
{
    const char *name;
    RunState from;
    RunTrigger trigger;
    Bring bring;
    Apply apply;
    std::optional<RunState> to;
    RunState end;
    QStringList ran;
    QString refusal = {};
    std::function<bool(Harness &)> then = {};
};

// --- Bringing a run into a state ----------------------------------------------------------------------

Bring planned(Runbook r = baseRunbook()) { return [r](Harness &h) { return h.create(r); }; }

// Running, i01's upgrade in flight (until cancelled, or ending as `rule` says).
Bring running(Runbook r = baseRunbook(), FakeStepLauncher::Rule rule = {-1})
{
    return [r, rule](Harness &h) {
        h.f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("upgrade"), rule);
        return h.start(r) && h.launched(QStringLiteral("i01/upgrade/"));
    };
}

Bring failing(OnFailure onFailure) { return running(baseRunbook(onFailure), {300, StepOutcome::Failed, 1}); }

// Observing the canary while the gate measures (300 ms), ending as `script` says.
Bring observing(G verdict, OnFailure onFailure = OnFailure::Pause, bool promote = true,
                std::chrono::milliseconds countdown = 0ms)
{
    return [=](Harness &h) {
        h.gates.delayMs = 300;
        h.gates.rounds.insert(QStringLiteral("errors"), {verdict, G::Passed});
        if (!h.create(gatedRunbook(onFailure, promote)))
            return false;
        h.run->setRollbackCountdown(countdown);
        return h.run->start(kAlice).ok() && h.reach(S::Observing);
    };
}

Bring awaitingApproval(bool restarted = false)
{
    return [restarted](Harness &h) {
        return h.start(baseRunbook(OnFailure::Pause, false)) && h.reach(S::AwaitingApproval)
               && (!restarted || h.crash().ok());
    };
}

Bring pausedByOperator()
{
    return [](Harness &h) {
        return running(baseRunbook(), {200})(h) && h.run->pause(kAlice, {}).ok();
    };
}

Bring pausedByBudget(bool restarted = false)
{
    return [restarted](Harness &h) {
        h.f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("upgrade"), {0, StepOutcome::Failed, 1});
        return h.start(baseRunbook()) && h.reach(S::Paused) && (!restarted || h.crash().ok());
    };
}

// Watching for a day on a moved clock, the gate's rounds after the last wave's as `watch` says.
Bring watching(QList<G> watch = {}, OnFailure onFailure = OnFailure::Rollback)
{
    return [watch, onFailure](Harness &h) {
        h.time = std::make_unique<ClockGuard>();
        h.gates.delayMs = watch.isEmpty() ? 50 : 300;
        h.gates.rounds.insert(QStringLiteral("errors"), QList<G>{G::Passed} + watch);
        return h.start(watchedRunbook(onFailure)) && h.reach(S::Watching);
    };
}

Bring countingDown(std::chrono::milliseconds countdown = 60s)
{
    return [countdown](Harness &h) {
        return observing(G::Failed, OnFailure::Rollback, true, countdown)(h) && h.reach(S::RollingBack)
               && h.run->rollbackDeadline().isValid();
    };
}

// Rolling back i01 through its manual undo, which waits for a person; optionally the console restarted.
Bring rollingBackManually(bool restarted = false)
{
    return [restarted](Harness &h) {
        h.f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("verify"), {0, StepOutcome::Failed, 1});
        return h.start(manualRollbackRunbook()) && h.launched(QStringLiteral("i01/restore-snapshot/rollback"))
               && h.run->state() == S::RollingBack && (!restarted || h.crash().ok());
    };
}

Bring interrupted()
{
    return [](Harness &h) { return running()(h) && h.crash().ok(); };
}

Bring aborting()
{
    return [](Harness &h) { return running()(h) && h.run->abort(kAlice, QStringLiteral("wrong release")).ok(); };
}

// --- Events ----------------------------------------------------------------------------------------------

Status nothing(Harness &) { return okStatus(); }   // the step, gate or timer ends by itself
Status start(Harness &h) { return h.run->start(kAlice); }
Status pause(Harness &h) { return h.run->pause(kBob, {}); }
Status resume(Harness &h) { return h.run->resume(kBob, QStringLiteral("looked at it")); }
Status approve(Harness &h) { return h.run->approveNextWave(kBob, QStringLiteral("canary fine")); }
Status abort(Harness &h) { return h.run->abort(kBob, QStringLiteral("wrong release")); }
Status emergency(Harness &h) { return h.run->emergencyRollback(kBob, QStringLiteral("customers report errors")); }
Status crash(Harness &h) { return h.crash(); }
Status endWatch(Harness &h) { return h.run->endWatch(kBob, QStringLiteral("change freeze")); }
Status cancelRollback(Harness &h) { return h.run->cancelRollback(kBob, QStringLiteral("a known blip")); }
Status rollBackNow(Harness &h) { return h.run->rollbackNow(kBob); }
Status rollBackI01(Harness &h) { return h.run->rollback(QStringLiteral("i01"), kBob, QStringLiteral("tickets")); }
Status dayPasses(Harness &h)
{
    h.time->clock.advance(24 * 3600 * 1000);
    return okStatus();
}
Status retryAndResume(Harness &h)
{
    h.f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("upgrade"), {});   // it ends this time
    if (Status s = h.run->retry(QStringLiteral("i01"), kBob, QStringLiteral("it was killed")); !s)
        return s;
    return resume(h);
}

// The manual undo is asked (again): a person confirms it.
bool confirmRestore(Harness &h)
{
    return waitFor([&] { return h.run->progress(QStringLiteral("i01")).state == InstanceState::WaitingForOperator; })
           && h.run->confirmManual(QStringLiteral("i01"), kBob, QStringLiteral("snapshot restored")).ok();
}

const QStringList kRest = upgraded({QStringLiteral("i02"), QStringLiteral("i03")});
const QStringList kRollBackI01 = rolledBack({QStringLiteral("i01")});
const QStringList kRollBackAll = rolledBack({QStringLiteral("i01"), QStringLiteral("i02"), QStringLiteral("i03")});
const QStringList kI01Rest{QStringLiteral("i01/verify/upgrade")};

const QList<Case> &cases()
{
    static const QList<Case> all{
        // planned
        {"planned x start", S::Planned, T::Start, planned(), start, S::Running, S::Succeeded,
         upgraded({QStringLiteral("i01"), QStringLiteral("i02"), QStringLiteral("i03")})},
        {"planned x abort", S::Planned, T::Abort, planned(), abort, S::Aborting, S::Aborted, {}},
        {"planned x approve (refused)", S::Planned, T::Approve, planned(), approve, {}, S::Planned, {}, QStringLiteral("not waiting for an approval")},
        {"planned x resume (refused)", S::Planned, T::Resume, planned(), resume, {}, S::Planned, {}, QStringLiteral("the run is planned")},
        {"planned x emergency rollback (refused)", S::Planned, T::EmergencyRollback, planned(), emergency, {}, S::Planned, {},
         QStringLiteral("nothing of it ran")},
        {"planned x before: steps", S::Planned, T::Start, planned(runLevelRunbook()), start, S::Running, S::Succeeded,
         QStringList{QStringLiteral("/open-incident/before"), QStringLiteral("/notify-done/after")}
             + upgraded({QStringLiteral("i01"), QStringLiteral("i02"), QStringLiteral("i03")})},

        // running
        {"running x pause", S::Running, T::Pause, running(), pause, S::Paused, S::Paused, {}},
        {"running x abort", S::Running, T::Abort, running(), abort, S::Aborting, S::Aborted, {}},
        {"running x emergency rollback", S::Running, T::EmergencyRollback, running(), emergency, S::RollingBack, S::RolledBack, kRollBackI01},
        {"running x approve (refused)", S::Running, T::Approve, running(), approve, {}, S::Running, {}, QStringLiteral("not waiting for an approval")},
        {"running x resume (refused)", S::Running, T::Resume, running(), resume, {}, S::Running, {}, QStringLiteral("the run is running")},
        {"running x start (refused)", S::Running, T::Start, running(), start, {}, S::Running, {}, QStringLiteral("it is running")},
        {"running x end watch (refused)", S::Running, T::EndWatch, running(), endWatch, {}, S::Running, {}, QStringLiteral("not watching")},
        {"running x cancel rollback (refused)", S::Running, T::CancelRollback, running(), cancelRollback, {}, S::Running, {},
         QStringLiteral("no automatic rollback is counting down")},
        {"running x budget spent (pause)", S::Running, T::BudgetSpent, failing(OnFailure::Pause), nothing, S::Paused, S::Paused, {}},
        {"running x budget spent (rollback)", S::Running, T::BudgetSpent, failing(OnFailure::Rollback), nothing, S::RollingBack,
         S::RolledBack, kRollBackI01},
        {"running x wave settled", S::Running, T::WaveSettled, running(baseRunbook(), {300}), nothing, S::Observing, S::Succeeded,
         kI01Rest + kRest},
        {"running x last wave settled", S::Running, T::LastWaveSettled,
         [](Harness &h) {
             h.f.launcher.setRule(QStringLiteral("*"), QStringLiteral("upgrade"), {300});
             return h.start(baseRunbook()) && h.launched(QStringLiteral("i02/upgrade/")) && h.launched(QStringLiteral("i03/upgrade/"));
         },
         nothing, S::Succeeded, S::Succeeded, {QStringLiteral("i02/verify/upgrade"), QStringLiteral("i03/verify/upgrade")}},
        {"running x a before: step failed", S::Running, T::BeforeStepFailed,
         [](Harness &h) {
             h.f.launcher.setRule(QString(), QStringLiteral("open-incident"), {300, StepOutcome::Failed, 1});
             return h.start(runLevelRunbook()) && h.launched(QStringLiteral("/open-incident/"));
         },
         nothing, S::Paused, S::Paused, {}},
        {"running x an after: step failed (pause)", S::Running, T::AfterStepFailed,
         [](Harness &h) {
             h.f.launcher.setRule(QString(), QStringLiteral("notify-done"), {300, StepOutcome::Failed, 1});
             return h.start(runLevelRunbook()) && h.launched(QStringLiteral("/notify-done/"));
         },
         nothing, S::Paused, S::Paused, {}},
        {"running x an after: step failed (rollback)", S::Running, T::AfterStepFailed,
         [](Harness &h) {
             h.f.launcher.setRule(QString(), QStringLiteral("notify-done"), {300, StepOutcome::Failed, 1});
             return h.start(runLevelRunbook(OnFailure::Rollback)) && h.launched(QStringLiteral("/notify-done/"));
         },
         nothing, S::RollingBack, S::RolledBack, kRollBackAll},
        {"running x after: steps ended", S::Running, T::AfterStepsEnded,
         [](Harness &h) {
             h.f.launcher.setRule(QString(), QStringLiteral("notify-done"), {300});
             return h.start(runLevelRunbook()) && h.launched(QStringLiteral("/notify-done/"));
         },
         nothing, S::Succeeded, S::Succeeded, {}},
        {"running x crash", S::Running, T::Crash, running(), crash, S::Interrupted, S::Interrupted, {}},

        // observing
        {"observing x gates passed (promote)", S::Observing, T::GatesPassed, observing(G::Passed), nothing, S::Running, S::Succeeded, kRest},
        {"observing x gates passed (approval)", S::Observing, T::GatesPassed, observing(G::Passed, OnFailure::Pause, false), nothing,
         S::AwaitingApproval, S::AwaitingApproval, {}},
        {"observing x gates failed (pause)", S::Observing, T::GatesFailed, observing(G::Failed), nothing, S::Paused, S::Paused, {}},
        {"observing x gates failed (rollback)", S::Observing, T::GatesFailed, observing(G::Failed, OnFailure::Rollback), nothing,
         S::RollingBack, S::RolledBack, kRollBackI01},
        {"observing x gates inconclusive", S::Observing, T::GatesInconclusive, observing(G::NeedsOperator), nothing,
         S::AwaitingApproval, S::AwaitingApproval, {}},
        {"observing x pause", S::Observing, T::Pause, observing(G::Passed), pause, S::Paused, S::Paused, {}},
        {"observing x abort", S::Observing, T::Abort, observing(G::Passed), abort, S::Aborting, S::Aborted, {}},
        {"observing x emergency rollback", S::Observing, T::EmergencyRollback, observing(G::Passed), emergency, S::RollingBack,
         S::RolledBack, kRollBackI01},
        {"observing x approve (refused)", S::Observing, T::Approve, observing(G::Passed), approve, {}, S::Observing, {},
         QStringLiteral("not waiting for an approval")},
        {"observing x crash", S::Observing, T::Crash, observing(G::Passed), crash, S::AwaitingApproval, S::AwaitingApproval, {}},

        // awaiting-approval
        {"awaiting-approval x approve", S::AwaitingApproval, T::Approve, awaitingApproval(), approve, S::Running, S::Succeeded, kRest},
        {"awaiting-approval (restarted) x approve", S::AwaitingApproval, T::Approve, awaitingApproval(true), approve, S::Running,
         S::Succeeded, kRest},
        {"awaiting-approval x approve (one of two)", S::AwaitingApproval, T::Approve,
         [](Harness &h) { return h.start(fourEyesRunbook()) && h.reach(S::AwaitingApproval); }, approve, S::AwaitingApproval,
         S::Succeeded, kRest, {}, [](Harness &h) {
             return h.run->approveNextWave(QStringLiteral("carol"), QStringLiteral("second pair of eyes")).ok();
         }},
        {"awaiting-approval (last wave inconclusive) x approve", S::AwaitingApproval, T::Approve,
         [](Harness &h) {
             h.gates.rounds.insert(QStringLiteral("errors"), {G::NeedsOperator});
             return h.start(oneWaveRunbook()) && h.reach(S::AwaitingApproval);
         },
         approve, S::Succeeded, S::Succeeded, {}},
        {"awaiting-approval x pause (refused)", S::AwaitingApproval, T::Pause, awaitingApproval(), pause, {}, S::AwaitingApproval, {},
         QStringLiteral("the run is awaiting-approval")},
        {"awaiting-approval x resume (refused)", S::AwaitingApproval, T::Resume, awaitingApproval(), resume, {}, S::AwaitingApproval, {},
         QStringLiteral("the run is awaiting-approval")},
        {"awaiting-approval x abort", S::AwaitingApproval, T::Abort, awaitingApproval(), abort, S::Aborting, S::Aborted, {}},
        {"awaiting-approval x emergency rollback", S::AwaitingApproval, T::EmergencyRollback, awaitingApproval(), emergency,
         S::RollingBack, S::RolledBack, kRollBackI01},
        {"awaiting-approval x crash", S::AwaitingApproval, T::Crash, awaitingApproval(), crash, S::AwaitingApproval,
         S::AwaitingApproval, {}},

        // paused
        {"paused x resume", S::Paused, T::Resume, pausedByOperator(), resume, S::Running, S::Succeeded, kI01Rest + kRest},
        {"paused (budget) x resume", S::Paused, T::Resume, pausedByBudget(), resume, S::Running, S::Failed, kRest},
        {"paused (budget, restarted) x resume", S::Paused, T::Resume, pausedByBudget(true), resume, S::Running, S::Failed, kRest},
        {"paused (watch) x resume", S::Paused, T::Resume,
         [](Harness &h) { return watching({G::Failed}, OnFailure::Pause)(h) && h.reach(S::Paused); }, resume, S::Watching,
         S::Watching, {}},
        {"paused x abort", S::Paused, T::Abort, pausedByBudget(), abort, S::Aborting, S::Aborted, {}},
        {"paused x emergency rollback", S::Paused, T::EmergencyRollback, pausedByBudget(), emergency, S::RollingBack, S::RolledBack,
         kRollBackI01},
        {"paused x approve (refused)", S::Paused, T::Approve, pausedByBudget(), approve, {}, S::Paused, {},
         QStringLiteral("not waiting for an approval")},
        {"paused x pause (refused)", S::Paused, T::Pause, pausedByBudget(), pause, {}, S::Paused, {}, QStringLiteral("the run is paused")},
        {"paused x crash", S::Paused, T::Crash, pausedByBudget(), crash, S::Paused, S::Paused, {}},

        // watching
        {"watching x watch ended", S::Watching, T::WatchEnded, watching(), dayPasses, S::Succeeded, S::Succeeded, {}},
        {"watching x end the watch early", S::Watching, T::EndWatch, watching(), endWatch, S::Succeeded, S::Succeeded, {}},
        {"watching x watch gate failed (rollback)", S::Watching, T::WatchRoundFailed, watching({G::Failed}), nothing, S::RollingBack,
         S::RolledBack, kRollBackAll},
        {"watching x watch gate failed (pause)", S::Watching, T::WatchRoundFailed, watching({G::Failed}, OnFailure::Pause), nothing,
         S::Paused, S::Paused, {}},
        {"watching x watch gate inconclusive", S::Watching, T::WatchRoundInconclusive, watching({G::NeedsOperator}), nothing,
         S::Paused, S::Paused, {}},
        {"watching x pause", S::Watching, T::Pause, watching(), pause, S::Paused, S::Paused, {}},
        {"watching x roll back an instance", S::Watching, T::RollBackInstance, watching(), rollBackI01, S::RollingBack, S::RolledBack,
         kRollBackI01},
        {"watching x emergency rollback", S::Watching, T::EmergencyRollback, watching(), emergency, S::RollingBack, S::RolledBack,
         kRollBackAll},
        {"watching x abort", S::Watching, T::Abort, watching(), abort, S::Aborting, S::Aborted, {}},
        {"watching x approve (refused)", S::Watching, T::Approve, watching(), approve, {}, S::Watching, {},
         QStringLiteral("not waiting for an approval")},
        {"watching x crash, then resume", S::Watching, T::Crash, watching(), crash, S::Paused, S::Succeeded, {}, {},
         [](Harness &h) { return h.run->resume(kBob).ok() && h.run->state() == S::Watching && dayPasses(h).ok(); }},

        // rolling-back
        {"rolling-back x countdown ended", S::RollingBack, T::CountdownEnded, countingDown(300ms), nothing, S::RollingBack,
         S::RolledBack, kRollBackI01},
        {"rolling-back x roll back now", S::RollingBack, T::RollBackNow, countingDown(), rollBackNow, S::RollingBack, S::RolledBack,
         kRollBackI01},
        {"rolling-back x cancel the rollback", S::RollingBack, T::CancelRollback, countingDown(), cancelRollback, S::Paused, S::Paused, {}},
        {"rolling-back x pause", S::RollingBack, T::Pause, rollingBackManually(), pause, S::Paused, S::Paused, {}},
        {"rolling-back x abort", S::RollingBack, T::Abort, rollingBackManually(), abort, S::Aborting, S::Aborted, {}},
        {"rolling-back x approve (refused)", S::RollingBack, T::Approve, rollingBackManually(), approve, {}, S::RollingBack, {},
         QStringLiteral("not waiting for an approval")},
        {"rolling-back x all settled", S::RollingBack, T::AllSettled, rollingBackManually(),
         [](Harness &h) { return h.run->confirmManual(QStringLiteral("i01"), kBob, QStringLiteral("restored")); },
         S::RolledBack, S::RolledBack, {QStringLiteral("i01/restore/rollback")}},
        {"rolling-back x crash", S::RollingBack, T::Crash, rollingBackManually(), crash, S::Paused, S::Paused, {}},
        {"rolling-back (restarted) x resume", S::Paused, T::Resume, rollingBackManually(true), resume, S::RollingBack, S::RolledBack,
         {QStringLiteral("i01/restore-snapshot/rollback"), QStringLiteral("i01/restore/rollback")}, {}, confirmRestore},

        // interrupted
        {"interrupted x resume (refused)", S::Interrupted, T::Resume, interrupted(), resume, {}, S::Interrupted, {},
         QStringLiteral("has an interrupted step")},
        {"interrupted x retry, resume", S::Interrupted, T::Resume, interrupted(), retryAndResume, S::Running, S::Succeeded,
         QStringList{QStringLiteral("i01/upgrade/upgrade")} + kI01Rest + kRest},
        {"interrupted x abort", S::Interrupted, T::Abort, interrupted(), abort, S::Aborting, S::Aborted, {}},
        {"interrupted x emergency rollback", S::Interrupted, T::EmergencyRollback, interrupted(), emergency, S::RollingBack,
         S::RolledBack, kRollBackI01},
        {"interrupted x crash", S::Interrupted, T::Crash, interrupted(), crash, S::Interrupted, S::Interrupted, {}},

        // aborting
        {"aborting x steps in flight ended", S::Aborting, T::AbortSettled, aborting(), nothing, S::Aborted, S::Aborted, {}},
        {"aborting x crash", S::Aborting, T::Crash, aborting(), crash, S::Aborted, S::Aborted, {}},
        {"aborting x resume (refused)", S::Aborting, T::Resume, aborting(), resume, {}, S::Aborting, {}, QStringLiteral("the run is aborting")},
    };
    return all;
}

} // namespace

// The run's transition table (models/run/RunTransitions) through the real engine: a run brought into
// each state, each event applied — operator actions, step results, gate verdicts, timers, a console
// that dies — and the state it went to and the steps it started asserted; refused events change nothing.
class TestTransitions : public QObject
{
    Q_OBJECT

private slots:
    void transition_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < cases().size(); ++i)
            QTest::newRow(cases()[i].name) << i;
    }

    void transition()
    {
        QFETCH(int, index);
        const Case &c = cases()[index];
        Harness h;
        QVERIFY2(c.bring(h), "the run did not reach the state");
        QCOMPARE(h.run->state(), c.from);
        h.states.clear();
        const int mark = h.f.launcher.launches.size();
        const Status applied = c.apply(h);
        if (!c.to) {
            QVERIFY2(!applied.ok(), "the event was not refused");
            QVERIFY2(applied.error().toString().contains(c.refusal), qPrintable(applied.error().toString()));
            QCOMPARE(h.run->state(), c.from);
            QVERIFY(h.states.isEmpty());
            return;
        }
        QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().toString()));
        QVERIFY2(waitFor([&] { return !h.states.isEmpty(); }), "the run did not change its state");
        QCOMPARE(h.states.first(), *c.to);
        QVERIFY2(RunTransitions::leadsTo(c.from, c.trigger, *c.to), "the table has no such row");
        if (c.then)
            QVERIFY(c.then(h));
        QVERIFY2(waitFor([&] { return h.run->state() == c.end; }),
                 qPrintable(QStringLiteral("%1: %2").arg(runStateName(h.run->state()), h.run->note())));
        QStringList ran = h.f.launcher.launches.mid(mark);
        QStringList expected = c.ran;
        ran.sort();
        expected.sort();
        QCOMPARE(ran, expected);
    }

    // Every row of the table is walked above, or by the test named here (what the fake engine cannot
    // bring about: a store that refuses, a changed host key, another console, a leftover command).
    void everyRowIsWalked()
    {
        const QHash<RunTrigger, QString> elsewhere{
            {T::HostKeyChanged, QStringLiteral("tst_engine_hostkey")},
            {T::StepCannotStart, QStringLiteral("tst_runexecutor (disruptive step outside the window)")},
            {T::WatchCannotStart, QStringLiteral("(a store that refuses the watch's start)")},
            {T::LeaseLost, QStringLiteral("tst_team_failover")},
            {T::LeftoverOutlived, QStringLiteral("tst_leftover_steps")},
            {T::LeftoverResolutionRefused, QStringLiteral("tst_leftover_steps")},
            {T::WriteFailed, QStringLiteral("tst_journal")},
            {T::ResumeAfterFailedWrite, QStringLiteral("tst_journal")},
        };
        QStringList unwalked;
        for (const RunTransition &row : RunTransitions::rows()) {
            if (elsewhere.contains(row.trigger))
                continue;
            const bool walked = std::any_of(cases().cbegin(), cases().cend(), [&](const Case &c) {
                return c.trigger == row.trigger && c.to && row.from.contains(c.from) && row.to.contains(*c.to);
            });
            if (!walked)
                unwalked << runTriggerName(row.trigger) + QStringLiteral(" -> ") + runStateName(row.to.first());
        }
        QVERIFY2(unwalked.isEmpty(), qPrintable(unwalked.join(QStringLiteral("; "))));
    }

    // docs/engine.md shows the table the engine follows, word for word.
    void docsShowTheTable()
    {
        QFile doc(QStringLiteral(LOCKSTEP_SOURCE_DIR "/docs/engine.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(doc.readAll());
        const QString begin = QStringLiteral("<!-- transitions: begin (RunTransitions::markdown) -->\n");
        const QString end = QStringLiteral("<!-- transitions: end -->");
        const qsizetype from = text.indexOf(begin);
        const qsizetype to = text.indexOf(end);
        QVERIFY2(from >= 0 && to > from, "docs/engine.md has no transitions section");
        const QString shown = text.mid(from + begin.size(), to - from - begin.size());
        if (qEnvironmentVariableIsSet("LOCKSTEP_UPDATE_DOCS") && shown != RunTransitions::markdown()) {
            // LOCKSTEP_UPDATE_DOCS=1 tst_transitions docsShowTheTable writes the table into the doc.
            doc.close();
            QVERIFY(doc.open(QIODevice::WriteOnly | QIODevice::Truncate));
            doc.write(QString(text.left(from + begin.size()) + RunTransitions::markdown() + text.mid(to)).toUtf8());
            QSKIP("docs/engine.md rewritten");
        }
        QVERIFY2(shown == RunTransitions::markdown(),
                 qPrintable(QStringLiteral("docs/engine.md's table differs from RunTransitions; paste:\n") + RunTransitions::markdown()));
    }

    // A change the table does not list is refused (release) with an error naming both states.
    void aTransitionNotInTheTableIsRefused()
    {
        QVERIFY(RunTransitions::allows(S::Running, S::Paused));
        QVERIFY(RunTransitions::allows(S::AwaitingApproval, S::AwaitingApproval));   // the note only
        QVERIFY(!RunTransitions::allows(S::Succeeded, S::Succeeded));
        QVERIFY(!RunTransitions::allows(S::Planned, S::Watching));
        QVERIFY(!RunTransitions::allows(S::Aborted, S::Running));
        QVERIFY(!RunTransitions::allows(S::Planned, S::Paused));
        QVERIFY(!RunTransitions::allows(S::Watching, S::Observing));
        // As a release build does (the tests run strict: such a change is fatal there).
        RunTransitions::setStrict(false);
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("refused run-state transition planned -> watching")));
        const bool admitted = RunTransitions::admit(S::Planned, S::Watching, QStringLiteral("a bug"));
        RunTransitions::setStrict(std::nullopt);
        QVERIFY(!admitted);
        QVERIFY(RunTransitions::admit(S::Running, S::Paused, QStringLiteral("paused by bob")));
    }
};

QTEST_GUILESS_MAIN(TestTransitions)
#include "tst_transitions.moc"
