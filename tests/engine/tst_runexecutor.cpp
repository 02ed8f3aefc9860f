#include "app/engine/Checklist.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/StepDispatcher.h"
#include "models/Clock.h"
#include "tests/engine/EngineFixture.h"

#include <QElapsedTimer>
#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

RunExecutor *createRun(EngineFixture &f, const Plan &plan, const QString &op = QStringLiteral("alice"))
{
    auto run = RunExecutor::create(plan, op, f.services());
    if (!run)
        qFatal("cannot create the run: %s", qPrintable(run.error().toString()));
    return *run;
}

bool waitForEnd(RunExecutor *run, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!isTerminal(run->state()) && t.elapsed() < timeoutMs)
        QTest::qWait(5);
    return isTerminal(run->state());
}

} // namespace

class TestRunExecutor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Several named operators at one desktop: names asserted for the test (recorded as "asserted").
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
    }

    void canaryThenQuarterThenAllSucceeds()
    {
        EngineFixture f;
        const Plan plan = makePlan(makeRunbook(), makeInstances(8));
        std::unique_ptr<RunExecutor> run(createRun(f, plan));
        QSignalSpy waves(run.get(), &RunExecutor::waveStarted);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(run.get()));
        QCOMPARE(run->state(), RunState::Succeeded);
        QCOMPARE(waves.size(), 3);
        QCOMPARE(f.launcher.launches.size(), 8 * 3);
        // Canary first: every step of i01 starts before any step of another instance.
        QVERIFY(f.launcher.launches.indexOf(QStringLiteral("i01/verify/upgrade"))
                < f.launcher.launches.indexOf(QStringLiteral("i02/backup/upgrade")));
        auto attempts = f.runs->attempts(run->runId());
        QVERIFY(attempts.ok());
        QCOMPARE(attempts->size(), 24);
        for (const StepResult &r : *attempts) {
            QVERIFY(r.hasResult());
            QCOMPARE(*r.outcome, StepOutcome::Succeeded);
        }
        QCOMPARE(f.runs->find(run->runId())->state, RunState::Succeeded);
        QVERIFY(f.leases->heldBy(run->runId())->isEmpty());
        QVERIFY(f.audit.has(QStringLiteral("run.state"), QStringLiteral("succeeded")));
    }

    void maxParallelBoundsInstancesInFlight()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        r.strategy.waves.clear();
        r.strategy.maxParallel = 3;
        f.launcher.setRule(QStringLiteral("*"), QStringLiteral("upgrade"), {20, StepOutcome::Succeeded, 0, -1});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(10))));
        int inFlight = 0, maxInFlight = 0;
        connect(run.get(), &RunExecutor::stepStarted, this, [&] { maxInFlight = std::max(maxInFlight, ++inFlight); });
        connect(run.get(), &RunExecutor::stepFinished, this, [&] { --inFlight; });
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(run.get()));
        QCOMPARE(run->state(), RunState::Succeeded);
        QCOMPARE(maxInFlight, 3);
    }

    void approvalBetweenWavesIsSignedAndAudited()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        r.strategy.autoPromote = false;
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(8))));
        QSignalSpy approval(run.get(), &RunExecutor::approvalNeeded);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(approval.wait(5000));
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        QCOMPARE(f.launcher.launches.size(), 3);   // only the canary ran
        QVERIFY(!run->approveNextWave(QString(), QStringLiteral("ok")).ok());
        QVERIFY(run->approveNextWave(QStringLiteral("bob"), QStringLiteral("canary healthy")).ok());
        QVERIFY(approval.wait(5000));
        QVERIFY(run->approveNextWave(QStringLiteral("bob"), QStringLiteral("wave 2 healthy")).ok());
        QVERIFY(waitForEnd(run.get()));
        QCOMPARE(run->state(), RunState::Succeeded);
        QCOMPARE(f.signOffs->forRun(run->runId())->size(), 2);
        QVERIFY(f.audit.has(QStringLiteral("wave.approved")));
    }

    // A wave approval keeps what the approver saw: why the run waits and the gate verdicts, and its hash.
    void aWaveApprovalKeepsWhatWasSeen()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        r.strategy.autoPromote = false;
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(8))));
        QSignalSpy approval(run.get(), &RunExecutor::approvalNeeded);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(approval.wait(5000));
        QVERIFY(run->approveNextWave(QStringLiteral("bob"), QStringLiteral("canary healthy")).ok());
        const auto stored = f.signOffs->forRun(run->runId());
        QVERIFY(stored.ok());
        QCOMPARE(stored->size(), 1);
        const SignOff &approved = stored->first();
        QCOMPARE(approved.operatorName, QStringLiteral("bob"));
        QVERIFY2(approved.evidence.contains(QStringLiteral("\"wave\":2")) && approved.evidence.contains(QStringLiteral("waits for approval")),
                 qPrintable(approved.evidence));
        QCOMPARE(approved.evidenceHash,
                 QString::fromLatin1(QCryptographicHash::hash(approved.evidence.toUtf8(), QCryptographicHash::Sha256).toHex()));
        QVERIFY(run->abort(QStringLiteral("bob"), QStringLiteral("test done")).ok());
    }

    void failureInWaveTwoRollsBackTheFailedInstances()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        r.strategy.onFailure = OnFailure::Rollback;
        // Wave 2 of 8 instances is i02 alone; it fails its verify step.
        f.launcher.setRule(QStringLiteral("i02"), QStringLiteral("verify"), {0, StepOutcome::Failed, 1, -1});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(8))));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(run.get()));
        QCOMPARE(run->state(), RunState::RolledBack);
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::Succeeded);
        QCOMPARE(run->progress(QStringLiteral("i02")).state, InstanceState::RolledBack);
        QCOMPARE(run->progress(QStringLiteral("i03")).state, InstanceState::Pending);
        // The undo of the upgrade step, then the runbook's rollback list.
        QCOMPARE(f.launcher.count(QStringLiteral("i02/downgrade/rollback")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("i02/restore/rollback")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("i03/")), 0);
        QVERIFY(f.audit.has(QStringLiteral("wave.stopped")));
        QVERIFY(f.audit.has(QStringLiteral("rollback.finished"), {}, QStringLiteral("i02")));
    }

    void siblingInFlightRollsBackWhenTheWaveRollsBack()
    {
        // i01 fails while i02 is still in its upgrade step: the wave's budget is spent and the run rolls
        // back. i02's step then ends; it must not stay half-upgraded (nor leave the run waiting forever).
        EngineFixture f;
        Runbook r = makeRunbook();
        r.strategy.waves.clear();
        r.strategy.maxParallel = 2;
        r.strategy.onFailure = OnFailure::Rollback;
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("upgrade"), {0, StepOutcome::Failed, 1, -1});
        f.launcher.setRule(QStringLiteral("i02"), QStringLiteral("upgrade"), {300, StepOutcome::Succeeded, 0, -1});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(2))));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY2(waitForEnd(run.get()), qPrintable(run->note()));
        QCOMPARE(run->state(), RunState::RolledBack);
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::RolledBack);
        QCOMPARE(run->progress(QStringLiteral("i02")).state, InstanceState::RolledBack);
        QCOMPARE(f.launcher.count(QStringLiteral("i02/verify/")), 0);
        QCOMPARE(f.launcher.count(QStringLiteral("i02/downgrade/rollback")), 1);
        QVERIFY(f.audit.has(QStringLiteral("rollback.finished"), {}, QStringLiteral("i02")));
    }

    void failureBudgetPausesForTheOperator()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        r.strategy.waves.clear();
        r.strategy.maxParallel = 1;
        r.strategy.maxFailedPerWave = 1;
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("upgrade"), {0, StepOutcome::Failed, 2, -1});
        f.launcher.setRule(QStringLiteral("i02"), QStringLiteral("upgrade"), {0, StepOutcome::Failed, 2, 1});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(4))));
        QSignalSpy state(run.get(), &RunExecutor::runStateChanged);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE(run->state(), RunState::Paused);
        QVERIFY(run->note().contains(QStringLiteral("failure budget")));
        QCOMPARE(f.launcher.count(QStringLiteral("i03/")), 0);   // stop the line
        // The operator retries i02 (the fault was transient) and continues.
        QVERIFY(run->retry(QStringLiteral("i02"), QStringLiteral("alice"), QStringLiteral("transient")).ok());
        QVERIFY(run->resume(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(run.get()));
        QCOMPARE(run->progress(QStringLiteral("i02")).state, InstanceState::Succeeded);
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::Failed);
        QCOMPARE(run->state(), RunState::Failed);
    }

    void retriesWithBackoffThenSucceeds()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        r.steps[1].retries = RetrySpec{2, Millis(10)};
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("upgrade"), {0, StepOutcome::Failed, 1, 2});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(1))));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(run.get()));
        QCOMPARE(run->state(), RunState::Succeeded);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/upgrade/")), 3);
        auto attempts = f.runs->attempts(run->runId());
        QList<int> numbers;
        for (const StepResult &a : *attempts)
            if (a.step == QStringLiteral("upgrade"))
                numbers << a.attempt;
        QCOMPARE(numbers, (QList<int>{1, 2, 3}));
    }

    void timeoutCancelsTheStep()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        r.steps[1].timeout = Millis(50);
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("upgrade"), {-1, StepOutcome::Succeeded, 0, -1});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(1))));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE(run->state(), RunState::Paused);
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::Failed);
        auto attempts = f.runs->attempts(run->runId());
        QCOMPARE(*attempts->last().outcome, StepOutcome::TimedOut);
    }

    void abortCancelsAnInFlightStepQuickly()
    {
        EngineFixture f;
        f.launcher.setRule(QStringLiteral("*"), QStringLiteral("upgrade"), {-1, StepOutcome::Succeeded, 0, -1});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(makeRunbook(), makeInstances(2))));
        QSignalSpy started(run.get(), &RunExecutor::stepStarted);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE(run->progress(QStringLiteral("i01")).step, QStringLiteral("upgrade"));
        QElapsedTimer t;
        t.start();
        QVERIFY(run->abort(QStringLiteral("alice"), QStringLiteral("wrong version")).ok());
        QVERIFY(waitForEnd(run.get(), 2000));
        QVERIFY(t.elapsed() < 2000);
        QCOMPARE(run->state(), RunState::Aborted);
        QCOMPARE(*f.runs->attempts(run->runId())->last().outcome, StepOutcome::Cancelled);
        QVERIFY(f.audit.has(QStringLiteral("run.state"), QStringLiteral("aborted")));
    }

    void manualChecklistItemBlocksStartUntilSigned()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        ChecklistItem notified;
        notified.id = QStringLiteral("stakeholders");
        notified.title = QStringLiteral("Stakeholders notified");
        notified.signoffsRequired = 1;
        r.checklist = {notified};
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(1))));
        const Status refused = run->start(QStringLiteral("alice"));
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QStringLiteral("stakeholders: 0 of 1 sign-offs")));
        QCOMPARE(run->state(), RunState::Planned);
        QVERIFY(f.launcher.launches.isEmpty());
        QVERIFY(run->checklist()->signOff(QStringLiteral("stakeholders"), QStringLiteral("alice"), QStringLiteral("mailed")).ok());
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(run.get()));
        QCOMPARE(run->state(), RunState::Succeeded);
        QVERIFY(f.audit.has(QStringLiteral("signoff")));
        QCOMPARE(f.signOffs->forRun(run->runId())->first().comment, QStringLiteral("mailed"));
    }

    void fourEyesRefusesTheSameOperatorTwice()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        ChecklistItem dbChange;
        dbChange.id = QStringLiteral("schema-reviewed");
        dbChange.signoffsRequired = 2;
        r.checklist = {dbChange};
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(1))));
        QVERIFY(run->checklist()->signOff(QStringLiteral("schema-reviewed"), QStringLiteral("alice"), QStringLiteral("ok")).ok());
        const auto twice = run->checklist()->signOff(QStringLiteral("schema-reviewed"), QStringLiteral("alice"), QStringLiteral("again"));
        QVERIFY(!twice.ok());
        QVERIFY(twice.error().hint.contains(QStringLiteral("different operator")));
        QVERIFY(!run->start(QStringLiteral("alice")).ok());
        QVERIFY(run->checklist()->signOff(QStringLiteral("schema-reviewed"), QStringLiteral("bob"), QStringLiteral("ok")).ok());
        QCOMPARE(f.signOffs->forRun(run->runId())->size(), 2);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(run.get()));
    }

    void automatedCheckRunsOnEveryInstanceWithEvidence()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        ChecklistItem backup;
        backup.id = QStringLiteral("backup-fresh");
        backup.check = makeStep(QStringLiteral("backup-fresh"));
        backup.check->readOnly = true;
        r.checklist = {backup};
        f.launcher.setRule(QStringLiteral("i02"), QStringLiteral("backup-fresh"), {0, StepOutcome::Failed, 1, 1});
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(2))));
        QSignalSpy done(run->checklist(), &Checklist::checksFinished);
        run->checklist()->runChecks();
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().at(0).toBool(), false);
        QCOMPARE(run->checklist()->items().first().check, ChecklistItemStatus::Check::Failed);
        QVERIFY(run->checklist()->items().first().evidence.join(QLatin1Char('\n')).contains(QStringLiteral("i02: failed")));
        QVERIFY(!run->start(QStringLiteral("alice")).ok());
        run->checklist()->runChecks();
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().at(0).toBool(), true);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(run.get()));
    }

    void manualStepWaitsForConfirmation()
    {
        EngineFixture f;
        StepDispatcher dispatcher;
        f.launcher.fallback = &dispatcher;
        Runbook r = makeRunbook();
        StepSpec confirm = makeStep(QStringLiteral("confirm-dns"), StepKind::Manual);
        confirm.prompt = QStringLiteral("DNS switched?");
        r.steps.insert(2, confirm);
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(1))));
        QSignalSpy waiting(run.get(), &RunExecutor::manualStepWaiting);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(waiting.wait(5000));
        QCOMPARE(waiting.first().at(2).toString(), QStringLiteral("DNS switched?"));
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::WaitingForOperator);
        QVERIFY(!run->confirmManual(QStringLiteral("i01"), QString(), QStringLiteral("x")).ok());
        QVERIFY(run->confirmManual(QStringLiteral("i01"), QStringLiteral("carol"), QStringLiteral("switched")).ok());
        QVERIFY(waitForEnd(run.get()));
        QCOMPARE(run->state(), RunState::Succeeded);
        QVERIFY(f.audit.has(QStringLiteral("step.confirmed")));
    }

    void secondRunOnALeasedInstanceIsRefusedNamingTheHolder()
    {
        EngineFixture f;
        std::unique_ptr<RunExecutor> first(createRun(f, makePlan(makeRunbook(), makeInstances(2)), QStringLiteral("alice")));
        auto second = RunExecutor::create(makePlan(makeRunbook(), {makeInstance(QStringLiteral("i02")),
                                                                   makeInstance(QStringLiteral("x9"))}),
                                          QStringLiteral("bob"), f.services());
        QVERIFY(!second.ok());
        QVERIFY2(second.error().message.contains(QStringLiteral("i02 is in run %1 (operator alice)").arg(first->runId())),
                 qPrintable(second.error().message));
        QVERIFY(f.leases->holder(QStringLiteral("x9"))->has_value() == false);
        QVERIFY(f.audit.has(QStringLiteral("run.refused")));
        // Once the first run ends, the instance is free again.
        QVERIFY(first->start(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(first.get()));
        auto third = RunExecutor::create(makePlan(makeRunbook(), {makeInstance(QStringLiteral("i02"))}),
                                         QStringLiteral("bob"), f.services());
        QVERIFY(third.ok());
        delete *third;
    }

    void staleLeaseGenerationRefusesWrites()
    {
        EngineFixture f;
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(makeRunbook(), makeInstances(1))));
        // Another console re-takes the lease for the same run (generation bumps): our writes are refused.
        QVERIFY(f.leases->acquire(run->runId(), QStringLiteral("alice"), {QStringLiteral("i01")}).ok());
        QSignalSpy lost(run.get(), &RunExecutor::leaseLost);
        const qint64 auditedBefore = f.audit.entries.size();
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        // The first write (the run state) is refused; the run stops writing and says why.
        QTRY_COMPARE(run->state(), RunState::Interrupted);
        QVERIFY2(run->note().contains(QStringLiteral("lost its lease on i01")), qPrintable(run->note()));
        QVERIFY(run->hasLostLease());
        QCOMPARE(lost.size(), 1);
        QVERIFY(f.launcher.launches.isEmpty());
        QCOMPARE(f.audit.entries.size(), auditedBefore);
        QVERIFY(!run->resume(QStringLiteral("alice")).ok());
    }

    void overridesAreAudited()
    {
        EngineFixture f;
        Instance frozen = makeInstance(QStringLiteral("frozen-1"));
        frozen.channel = UpdateChannel::Frozen;
        PlanRequest req;
        req.runbooks = {makeRunbook()};
        req.instances = {frozen};
        req.targetVersion = QStringLiteral("1.0.1");
        req.releases = demoReleases();
        req.overrides = {{PolicyOverride::Kind::Frozen, QStringLiteral("frozen-1"), QStringLiteral("security fix"),
                          QStringLiteral("alice")}};
        auto plan = Planner::plan(req, QDateTime::currentDateTimeUtc());
        QVERIFY(plan.ok());
        std::unique_ptr<RunExecutor> run(createRun(f, *plan));
        QVERIFY(f.audit.has(QStringLiteral("override"), QStringLiteral("frozen"), QStringLiteral("frozen-1")));
        bool reasoned = false;
        for (const EngineAuditEntry &e : f.audit.entries)
            reasoned |= e.action == QStringLiteral("override") && e.reason == QStringLiteral("security fix");
        QVERIFY(reasoned);
    }

    void disruptiveStepOutsideTheWindowPausesUntilOverridden()
    {
        EngineFixture f;
        ManualClock manualClock(QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC));
        Clock::setInstance(&manualClock);
        Runbook r = makeRunbook();
        r.steps[1].disruptive = true;
        PlanRequest req;
        req.runbooks = {r};
        req.instances = makeInstances(1);
        req.targetVersion = QStringLiteral("1.1.0");
        req.window = MaintenanceWindow{manualClock.now(), manualClock.now().addSecs(600)};
        auto plan = Planner::plan(req, manualClock.now());
        QVERIFY(plan.ok());
        std::unique_ptr<RunExecutor> run(createRun(f, *plan));
        manualClock.advance(3600 * 1000);   // the window ends before the step starts
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE(run->state(), RunState::Paused);
        QVERIFY(run->note().contains(QStringLiteral("outside the maintenance window")));
        QCOMPARE(f.launcher.count(QStringLiteral("i01/upgrade")), 0);
        QVERIFY(!run->addOverride({PolicyOverride::Kind::MaintenanceWindow, {}, QString(), QStringLiteral("alice")}).ok());
        QVERIFY(run->addOverride({PolicyOverride::Kind::MaintenanceWindow, {}, QStringLiteral("incident 42"),
                                  QStringLiteral("alice")}).ok());
        QVERIFY(run->resume(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(run.get()));
        Clock::setInstance(nullptr);
        QCOMPARE(run->state(), RunState::Succeeded);
        QVERIFY(f.audit.has(QStringLiteral("override"), QStringLiteral("window")));
    }

    void operatorRollbackAndEmergencyRollback()
    {
        EngineFixture f;
        f.launcher.setRule(QStringLiteral("*"), QStringLiteral("verify"), {-1, StepOutcome::Succeeded, 0, -1});
        Runbook r = makeRunbook();
        r.strategy.waves.clear();
        r.emergencyRollback = {QStringLiteral("restore")};
        std::unique_ptr<RunExecutor> run(createRun(f, makePlan(r, makeInstances(2))));
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE(run->progress(QStringLiteral("i02")).step, QStringLiteral("verify"));
        QVERIFY(!run->emergencyRollback(QStringLiteral("alice"), QString()).ok());
        QVERIFY(run->emergencyRollback(QStringLiteral("alice"), QStringLiteral("customers report errors")).ok());
        QVERIFY(waitForEnd(run.get()));
        QCOMPARE(run->state(), RunState::RolledBack);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/restore/rollback")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/downgrade/rollback")), 1);
        QVERIFY(f.audit.has(QStringLiteral("rollback.emergency")));
    }

    void restoredRunShowsTheInterruptedStepAndNeverRerunsIt()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        r.strategy.waves.clear();
        r.steps[0].idempotent = true;
        const Plan plan = makePlan(r, makeInstances(2));
        qint64 runId = 0;
        {
            std::unique_ptr<RunExecutor> run(createRun(f, plan));
            runId = run->runId();
            f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("upgrade"), {-1, StepOutcome::Succeeded, 0, -1});
            f.launcher.setRule(QStringLiteral("i02"), QStringLiteral("backup"), {-1, StepOutcome::Succeeded, 0, -1});
            QVERIFY(run->start(QStringLiteral("alice")).ok());
            QTRY_COMPARE(run->progress(QStringLiteral("i01")).step, QStringLiteral("upgrade"));
            QTRY_COMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::Running);
            // The console "crashes": the executor goes away without recording results.
            run->disconnect();
            run.release()->setParent(nullptr);
        }
        auto interrupted = f.runs->markInterrupted(runId);
        QVERIFY(interrupted.ok());
        QCOMPARE(interrupted->size(), 2);
        f.launcher = FakeStepLauncher{};
        auto restored = RunExecutor::restore(runId, plan, f.services());
        QVERIFY(restored.ok());
        std::unique_ptr<RunExecutor> run(*restored);
        QCOMPARE(run->state(), RunState::Interrupted);
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::Interrupted);
        QCOMPARE(run->progress(QStringLiteral("i01")).step, QStringLiteral("upgrade"));
        // backup is idempotent: i02 resolves itself and re-runs it on resume.
        QCOMPARE(run->progress(QStringLiteral("i02")).state, InstanceState::Running);
        QVERIFY(!run->resume(QStringLiteral("alice")).ok());
        QVERIFY(!run->markDone(QStringLiteral("i01"), QStringLiteral("alice"), QString()).ok());
        QVERIFY(run->markDone(QStringLiteral("i01"), QStringLiteral("alice"), QStringLiteral("checked by hand")).ok());
        QVERIFY(run->resume(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(run.get()));
        QCOMPARE(run->state(), RunState::Succeeded);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/upgrade")), 0);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/backup")), 0);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/verify")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("i02/backup")), 1);
        QVERIFY(f.audit.has(QStringLiteral("step.marked-done"), {}, QStringLiteral("i01")));
    }

    void probeDecidesAnInterruptedStep()
    {
        EngineFixture f;
        Runbook r = makeRunbook();
        r.strategy.waves.clear();
        r.steps[1].probe = QStringLiteral("is-upgraded");
        r.rollbackSteps << makeStep(QStringLiteral("is-upgraded"));
        const Plan plan = makePlan(r, makeInstances(2));
        auto created = RunExecutor::create(plan, QStringLiteral("alice"), f.services());
        QVERIFY(created.ok());
        const qint64 runId = (*created)->runId();
        delete *created;
        // As if both instances were in their upgrade step when the console died.
        for (const QString &name : {QStringLiteral("i01"), QStringLiteral("i02")}) {
            for (const QString &step : {QStringLiteral("backup"), QStringLiteral("upgrade")}) {
                StepResult s;
                s.runId = runId;
                s.instance = name;
                s.step = step;
                s.startedAt = QDateTime::currentDateTimeUtc();
                auto id = f.runs->recordIntent(s, f.leases->holder(name)->value().generation);
                QVERIFY(id.ok());
                if (step == QStringLiteral("backup")) {
                    s.id = *id;
                    s.outcome = StepOutcome::Succeeded;
                    QVERIFY(f.runs->recordResult(s).ok());
                }
            }
        }
        QVERIFY(f.runs->updateState(runId, RunState::Running, 0, {}).ok());
        QVERIFY(f.runs->markInterrupted(runId).ok());
        f.launcher.setRule(QStringLiteral("i02"), QStringLiteral("is-upgraded"), {0, StepOutcome::Failed, 1, -1});
        auto restored = RunExecutor::restore(runId, plan, f.services());
        QVERIFY(restored.ok());
        std::unique_ptr<RunExecutor> run(*restored);
        QCOMPARE(run->state(), RunState::Paused);
        QVERIFY(run->resume(QStringLiteral("alice")).ok());
        QVERIFY(waitForEnd(run.get()));
        QCOMPARE(run->state(), RunState::Succeeded);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/upgrade")), 0);   // the probe said it took effect
        QCOMPARE(f.launcher.count(QStringLiteral("i02/upgrade")), 1);   // the probe said it did not
    }
};

QTEST_GUILESS_MAIN(TestRunExecutor)
#include "tst_runexecutor.moc"
