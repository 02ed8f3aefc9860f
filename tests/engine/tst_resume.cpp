#include "app/engine/RunExecutor.h"
#include "app/engine/RunRecovery.h"
#include "app/engine/StepDispatcher.h"
#include "tests/engine/EngineFixture.h"
#include "tests/engine/RoundGates.h"

#include <QSignalSpy>

#include <QTest>

#include <memory>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// The crash soak's runbook (docs/crash-soak.md): a canary, then the rest two at a time; no failure
// allowed; a failed wave rolls back with the deploy's undo and a health check.
Runbook soakRunbook()
{
    Runbook r = makeRunbook();
    r.steps = {makeStep(QStringLiteral("prepare")), makeStep(QStringLiteral("deploy")), makeStep(QStringLiteral("finish"))};
    r.steps[1].undo = QStringLiteral("redeploy-previous");
    r.rollbackSteps = {makeStep(QStringLiteral("redeploy-previous")), makeStep(QStringLiteral("previous-healthy"))};
    r.rollback = {QStringLiteral("previous-healthy")};
    WaveSpec canary;
    canary.name = QStringLiteral("canary");
    canary.count = 1;
    WaveSpec rest;
    rest.name = QStringLiteral("rest");
    rest.percent = 100;
    r.strategy.waves = {canary, rest};
    r.strategy.maxParallel = 2;
    r.strategy.maxFailedPerWave = 0;
    r.strategy.onFailure = OnFailure::Rollback;
    r.strategy.autoPromote = true;
    return r;
}

// Two waves of one instance each, failure budget 0, pausing on failure; a manual rollback step (a person
// restores the instance) followed by an automatic one.
Runbook manualRollbackRunbook()
{
    Runbook r = soakRunbook();
    r.strategy.waves.removeLast();
    WaveSpec second;
    second.count = 1;
    r.strategy.waves << second;
    r.strategy.onFailure = OnFailure::Rollback;
    StepSpec restore = makeStep(QStringLiteral("restore-snapshot"), StepKind::Manual);
    restore.prompt = QStringLiteral("restore {{instance.name}} to {{previous_version}} from its snapshot");
    r.rollbackSteps.insert(0, restore);
    r.steps[1].undo = QStringLiteral("restore-snapshot");
    r.rollback = {QStringLiteral("previous-healthy")};
    return r;
}

GateSpec errorGate(const QString &id)
{
    GateSpec g;
    g.id = id;
    g.metric = QStringLiteral("error_rate");
    return g;
}

} // namespace

// A run killed (`kill -9`: the executor goes away without a word) and resumed, as an operator would,
// from each state it can stop in: the resume goes on and the run ends.
class TestResume : public QObject
{
    Q_OBJECT

    // The console dies: nothing more is recorded, leases stay, attempts in flight have no result.
    static void kill(std::unique_ptr<RunExecutor> &run) { run.reset(); }

    std::unique_ptr<RunExecutor> restore(EngineFixture &f, const Plan &plan, qint64 runId)
    {
        RunRecovery recovery(f.services());
        auto scanned = recovery.scan(runId);
        if (!scanned)
            qWarning("%s", qPrintable(scanned.error().toString()));
        auto restored = RunExecutor::restore(runId, plan, f.services());
        if (!restored)
            qWarning("%s", qPrintable(restored.error().toString()));
        return std::unique_ptr<RunExecutor>(restored ? *restored : nullptr);
    }

private slots:
    // docs/crash-soak.md, round 170: wave 2 killed mid-deploy on both instances; the resume rolls both
    // back and is killed while one instance's undo runs and after the other's rollback finished. The
    // next resume retries the interrupted undo and the run ends rolled back; the wave's third instance,
    // never started, is not started by a resume either.
    void aHalfFinishedRollbackResumesAndEnds()
    {
        EngineFixture f;
        const Plan plan = makePlan(soakRunbook(), makeInstances(4));
        f.launcher.setRule(QStringLiteral("i02"), QStringLiteral("deploy"), {-1});
        f.launcher.setRule(QStringLiteral("i03"), QStringLiteral("deploy"), {-1});
        auto created = RunExecutor::create(plan, QStringLiteral("alice"), f.services());
        QVERIFY(created);
        std::unique_ptr<RunExecutor> run(*created);
        const qint64 runId = run->runId();
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(f.launcher.count(QStringLiteral("i02/deploy/")) + f.launcher.count(QStringLiteral("i03/deploy/")), 2, 20000);
        kill(run);

        // First resume: both interrupted deploys rolled back; i02's undo hangs and the console dies.
        f.launcher.setRule(QStringLiteral("i02"), QStringLiteral("redeploy-previous"), {-1});
        run = restore(f, plan, runId);
        QVERIFY(run);
        QCOMPARE(run->progress(QStringLiteral("i02")).state, InstanceState::Interrupted);
        QVERIFY(run->rollback(QStringLiteral("i02"), QStringLiteral("alice"), QStringLiteral("killed")));
        QVERIFY(run->rollback(QStringLiteral("i03"), QStringLiteral("alice"), QStringLiteral("killed")));
        QVERIFY(run->resume(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->progress(QStringLiteral("i03")).state, InstanceState::RolledBack, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(f.launcher.count(QStringLiteral("i02/redeploy-previous/")), 1, 20000);
        QCOMPARE(run->state(), RunState::RollingBack);
        kill(run);

        // Second resume: the interrupted undo is retried; the run ends.
        f.launcher.setRule(QStringLiteral("i02"), QStringLiteral("redeploy-previous"), {});
        run = restore(f, plan, runId);
        QVERIFY(run);
        QCOMPARE(run->progress(QStringLiteral("i03")).state, InstanceState::RolledBack);
        QCOMPARE(run->progress(QStringLiteral("i02")).state, InstanceState::Interrupted);
        QVERIFY(run->retry(QStringLiteral("i02"), QStringLiteral("alice"), QStringLiteral("killed")));
        QVERIFY(run->resume(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 20000);
        QCOMPARE(run->state(), RunState::RolledBack);
        QCOMPARE(run->progress(QStringLiteral("i02")).state, InstanceState::RolledBack);
        QCOMPARE(f.launcher.count(QStringLiteral("i04/")), 0);
        QCOMPARE(f.launcher.count(QStringLiteral("i03/redeploy-previous/")), 1);

        // And once more after the end: nothing is left to resume, nothing ran again.
        kill(run);
        RunRecovery recovery(f.services());
        QVERIFY(!recovery.restore(runId));
    }

    // Paused by its spent failure budget (on_failure: pause), then restarted: the resume is the operator's
    // decision to go on past the budget; it does not pause again at once, and the run ends.
    void pausedAfterASpentBudgetResumesPastItAndEnds()
    {
        EngineFixture f;
        Runbook r = soakRunbook();
        r.strategy.onFailure = OnFailure::Pause;
        const Plan plan = makePlan(r, makeInstances(3));
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("deploy"), {0, StepOutcome::Failed, 1});
        auto created = RunExecutor::create(plan, QStringLiteral("alice"), f.services());
        QVERIFY(created);
        std::unique_ptr<RunExecutor> run(*created);
        const qint64 runId = run->runId();
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Paused, 20000);
        QVERIFY2(run->note().contains(QStringLiteral("failure budget")), qPrintable(run->note()));
        kill(run);

        run = restore(f, plan, runId);
        QVERIFY(run);
        QCOMPARE(run->state(), RunState::Paused);
        QSignalSpy states(run.get(), &RunExecutor::runStateChanged);
        QVERIFY(run->resume(QStringLiteral("alice"), QStringLiteral("i01 is looked after by hand")));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 20000);
        for (const QList<QVariant> &s : std::as_const(states))
            QVERIFY2(s.at(0).value<RunState>() != RunState::Paused, qPrintable(s.at(1).toString()));
        QCOMPARE(run->state(), RunState::Failed);   // i01 failed; the others were upgraded
        QCOMPARE(run->progress(QStringLiteral("i03")).state, InstanceState::Succeeded);
        QVERIFY(f.audit.has(QStringLiteral("failure-budget.override")));
    }

    // Waiting for the approval of the next wave, then restarted: the approval continues the run to its end.
    void awaitingApprovalResumesAndEnds()
    {
        EngineFixture f;
        Runbook r = soakRunbook();
        r.strategy.autoPromote = false;
        const Plan plan = makePlan(r, makeInstances(3));
        auto created = RunExecutor::create(plan, QStringLiteral("alice"), f.services());
        QVERIFY(created);
        std::unique_ptr<RunExecutor> run(*created);
        const qint64 runId = run->runId();
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::AwaitingApproval, 20000);
        kill(run);

        run = restore(f, plan, runId);
        QVERIFY(run);
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        QVERIFY(!run->gatesInconclusive());
        QVERIFY(run->approveNextWave(QStringLiteral("bob"), QStringLiteral("canary fine")));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 20000);
        QCOMPARE(run->state(), RunState::Succeeded);
    }

    // Rolling back through a manual step (a person restores a snapshot) when the console died: the
    // resume asks the question again (asking changes nothing), with the prompt rendered for the
    // instance; once confirmed, the rollback goes on and the run ends. Killed again after the
    // confirmation, the next resume ends the run too.
    void rollingBackThroughAManualStepResumesAndEnds()
    {
        EngineFixture f;
        StepDispatcher dispatcher;
        f.launcher.fallback = &dispatcher;
        const Plan plan = makePlan(manualRollbackRunbook(), makeInstances(2));
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("finish"), {0, StepOutcome::Failed, 1});
        auto created = RunExecutor::create(plan, QStringLiteral("alice"), f.services());
        QVERIFY(created);
        std::unique_ptr<RunExecutor> run(*created);
        const qint64 runId = run->runId();
        QSignalSpy asked(run.get(), &RunExecutor::manualStepWaiting);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 20000);
        QCOMPARE(asked.first().at(2).toString(), QStringLiteral("restore i01 to 1.0.0 from its snapshot"));
        QCOMPARE(run->state(), RunState::RollingBack);
        kill(run);

        // The console restarted while the question waited: it is asked again, no resolution needed.
        run = restore(f, plan, runId);
        QVERIFY(run);
        QVERIFY(run->progress(QStringLiteral("i01")).state != InstanceState::Interrupted);
        QSignalSpy askedAgain(run.get(), &RunExecutor::manualStepWaiting);
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("previous-healthy"), {-1});
        QVERIFY(run->resume(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(askedAgain.size(), 1, 20000);
        QCOMPARE(askedAgain.first().at(2).toString(), QStringLiteral("restore i01 to 1.0.0 from its snapshot"));
        QVERIFY(run->confirmManual(QStringLiteral("i01"), QStringLiteral("carol"), QStringLiteral("snapshot restored")));
        // Confirmed; the next rollback step runs (and hangs) when the console dies once more.
        QTRY_COMPARE_WITH_TIMEOUT(f.launcher.count(QStringLiteral("i01/previous-healthy/")), 1, 20000);
        kill(run);

        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("previous-healthy"), {});
        run = restore(f, plan, runId);
        QVERIFY(run);
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::Interrupted);
        QVERIFY(run->retry(QStringLiteral("i01"), QStringLiteral("alice"), QStringLiteral("a health check")));
        QVERIFY(run->resume(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 20000);
        QCOMPARE(run->state(), RunState::RolledBack);
        QCOMPARE(f.launcher.count(QStringLiteral("i02/")), 0);
    }

    // A confirmed manual rollback step in the same console: the rollback goes on and the run ends.
    void aConfirmedManualRollbackStepEnds()
    {
        EngineFixture f;
        StepDispatcher dispatcher;
        f.launcher.fallback = &dispatcher;
        const Plan plan = makePlan(manualRollbackRunbook(), makeInstances(2));
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("finish"), {0, StepOutcome::Failed, 1});
        auto created = RunExecutor::create(plan, QStringLiteral("alice"), f.services());
        QVERIFY(created);
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy asked(run.get(), &RunExecutor::manualStepWaiting);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 20000);
        QVERIFY(run->confirmManual(QStringLiteral("i01"), QStringLiteral("carol"), QStringLiteral("restored")));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 20000);
        QCOMPARE(run->state(), RunState::RolledBack);
    }

    // An inconclusive gate inside a `gate:` step is a question for a person, never a failure: the
    // instance waits; accepted, the step succeeds; rejected (on the next instance), it fails.
    void anInconclusiveGateStepAsksAPerson()
    {
        EngineFixture f;
        RoundGates gates;
        gates.rounds.insert(QStringLiteral("errors"), {GateOutcome::State::NeedsOperator});
        StepDispatcher dispatcher;
        dispatcher.setGateEvaluator(&gates);
        f.launcher.fallback = &dispatcher;
        Runbook r = soakRunbook();
        r.strategy.onFailure = OnFailure::Pause;
        r.gates = {errorGate(QStringLiteral("errors"))};
        StepSpec judge = makeStep(QStringLiteral("judge"), StepKind::Gate);
        judge.gate = QStringLiteral("errors");
        r.steps.insert(2, judge);
        const Plan plan = makePlan(r, makeInstances(2));
        EngineServices services = f.services();
        auto created = RunExecutor::create(plan, QStringLiteral("alice"), services);
        QVERIFY(created);
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy asked(run.get(), &RunExecutor::manualStepWaiting);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 20000);
        QCOMPARE(asked.first().at(1).toString(), QStringLiteral("judge"));
        QVERIFY2(asked.first().at(2).toString().contains(QStringLiteral("inconclusive")), qPrintable(asked.first().at(2).toString()));
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::WaitingForOperator);
        QVERIFY(run->waitsOnInconclusiveGate(QStringLiteral("i01")));
        QCOMPARE(run->state(), RunState::Running);   // not failed, not paused: a person decides
        QVERIFY(run->confirmManual(QStringLiteral("i01"), QStringLiteral("carol"), QStringLiteral("dashboard looks fine")));
        QTRY_COMPARE_WITH_TIMEOUT(run->progress(QStringLiteral("i01")).state, InstanceState::Succeeded, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 2, 20000);
        QVERIFY(run->declineManual(QStringLiteral("i02"), QStringLiteral("carol"), QStringLiteral("no data is no proof")));
        QTRY_COMPARE_WITH_TIMEOUT(run->progress(QStringLiteral("i02")).state, InstanceState::Failed, 20000);
        QVERIFY(f.audit.has(QStringLiteral("gate.inconclusive")));
    }
};

QTEST_GUILESS_MAIN(TestResume)
#include "tst_resume.moc"
