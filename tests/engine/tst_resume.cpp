#include "app/engine/RunExecutor.h"
#include "app/engine/RunRecovery.h"
#include "tests/engine/EngineFixture.h"

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
};

QTEST_GUILESS_MAIN(TestResume)
#include "tst_resume.moc"
