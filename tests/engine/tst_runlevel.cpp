#include "app/engine/Checklist.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/RunRecovery.h"
#include "app/runbook/RunbookLoader.h"
#include "tests/engine/EngineFixture.h"

#include <QSignalSpy>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// The demo runbook with run-level steps: an incident opened and maintenance on before the first instance
// (maintenance undone by rollback), a notification after the last wave.
Runbook runLevelRunbook()
{
    Runbook r = makeRunbook();
    r.before = {makeStep(QStringLiteral("open-incident")), makeStep(QStringLiteral("cluster-maintenance-on"))};
    r.before[1].undo = QStringLiteral("cluster-maintenance-off");
    r.after = {makeStep(QStringLiteral("notify-done"))};
    r.rollbackSteps << makeStep(QStringLiteral("cluster-maintenance-off"));
    return r;
}

} // namespace

// Run-level steps (runbook before:/after:) through the engine: once per run, in order around the
// instances' steps, stored and audited, with their own undo and resumable after a crash.
class TestRunLevel : public QObject
{
    Q_OBJECT

    std::unique_ptr<RunExecutor> create(EngineFixture &f, const Plan &plan)
    {
        auto run = RunExecutor::create(plan, QStringLiteral("alice"), f.services());
        if (!run)
            qFatal("%s", qPrintable(run.error().toString()));
        return std::unique_ptr<RunExecutor>(*run);
    }

    std::unique_ptr<RunExecutor> restore(EngineFixture &f, const Plan &plan, qint64 runId)
    {
        RunRecovery recovery(f.services());
        if (auto scanned = recovery.scan(runId); !scanned)
            qWarning("%s", qPrintable(scanned.error().toString()));
        auto restored = RunExecutor::restore(runId, plan, f.services());
        if (!restored)
            qWarning("%s", qPrintable(restored.error().toString()));
        return std::unique_ptr<RunExecutor>(restored ? *restored : nullptr);
    }

private slots:
    void runsOnceBeforeAndAfterTheInstances()
    {
        EngineFixture f;
        const Plan plan = makePlan(runLevelRunbook(), makeInstances(4));
        auto run = create(f, plan);
        QVERIFY(run->hasRunLevelSteps());
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Succeeded, 20000);
        const QStringList &l = f.launcher.launches;
        QCOMPARE(f.launcher.count(QStringLiteral("/open-incident/before")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("/cluster-maintenance-on/before")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("/notify-done/after")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("i")), 4 * 3);
        // In order: both before: steps ahead of every instance step, after: behind the last one.
        QCOMPARE(l.indexOf(QStringLiteral("/open-incident/before")), 0);
        QCOMPARE(l.indexOf(QStringLiteral("/cluster-maintenance-on/before")), 1);
        QCOMPARE(l.indexOf(QStringLiteral("/notify-done/after")), l.size() - 1);
        QCOMPARE(f.launcher.count(QStringLiteral("/cluster-maintenance-off")), 0);
        // Stored like every step (no instance, phases before / after) and audited.
        auto attempts = f.runs->attempts(run->runId());
        QVERIFY(attempts);
        int runLevel = 0;
        for (const StepResult &a : *attempts)
            if (a.instance.isEmpty() && a.phase != RunPhase::Checklist) {
                ++runLevel;
                QCOMPARE(a.outcome, std::optional<StepOutcome>(StepOutcome::Succeeded));
            }
        QCOMPARE(runLevel, 3);
        QCOMPARE(run->runLevelProgress().state, InstanceState::Succeeded);
        QVERIFY(f.audit.has(QStringLiteral("step.finished"), QStringLiteral("succeeded"), QString()));
    }

    void failingBeforeStepTouchesNoInstance()
    {
        EngineFixture f;
        Runbook rb = runLevelRunbook();
        rb.strategy.onFailure = OnFailure::Rollback;
        f.launcher.setRule(QString(), QStringLiteral("cluster-maintenance-on"), {0, StepOutcome::Failed, 1, -1});
        const Plan plan = makePlan(rb, makeInstances(3));
        auto run = create(f, plan);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Paused, 20000);
        QVERIFY2(run->note().contains(QLatin1String("no instance was touched")), qPrintable(run->note()));
        QCOMPARE(run->runLevelProgress().state, InstanceState::Failed);
        QCOMPARE(f.launcher.count(QStringLiteral("i")), 0);                          // no instance step ran
        QCOMPARE(f.launcher.count(QStringLiteral("/cluster-maintenance-off")), 0);   // nothing rolled back
        for (const InstanceProgress &p : run->progress())
            QCOMPARE(p.state, InstanceState::Pending);
        // The operator resolves it like an instance's failed step (the run row is the empty instance).
        QVERIFY(!run->resume(QStringLiteral("alice")));
        QVERIFY(!run->skip(QString(), QStringLiteral("alice"), QString()));   // a skip needs a reason
        QVERIFY(run->skip(QString(), QStringLiteral("alice"), QStringLiteral("maintenance set by hand")));
        QVERIFY(run->resume(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Succeeded, 20000);
        QCOMPARE(f.launcher.count(QStringLiteral("/notify-done/after")), 1);
        QVERIFY(f.audit.has(QStringLiteral("step.skipped")));
    }

    void failingAfterStepRollsBackByPolicy()
    {
        EngineFixture f;
        Runbook rb = runLevelRunbook();
        rb.strategy.onFailure = OnFailure::Rollback;
        f.launcher.setRule(QString(), QStringLiteral("notify-done"), {0, StepOutcome::Failed, 1, -1});
        const Plan plan = makePlan(rb, makeInstances(2));
        auto run = create(f, plan);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 20000);
        QCOMPARE(run->state(), RunState::RolledBack);
        for (const InstanceProgress &p : run->progress())
            QCOMPARE(p.state, InstanceState::RolledBack);
        // The before: step's undo runs once, after every instance rolled back.
        const QStringList &l = f.launcher.launches;
        QCOMPARE(f.launcher.count(QStringLiteral("/cluster-maintenance-off/rollback")), 1);
        QCOMPARE(l.last(), QStringLiteral("/cluster-maintenance-off/rollback"));
        QCOMPARE(f.launcher.count(QStringLiteral("i01/downgrade/rollback")), 1);
    }

    void failingAfterStepPausesByPolicy()
    {
        EngineFixture f;
        f.launcher.setRule(QString(), QStringLiteral("notify-done"), {0, StepOutcome::Failed, 1, 1});
        const Plan plan = makePlan(runLevelRunbook(), makeInstances(2));
        auto run = create(f, plan);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Paused, 20000);
        QVERIFY2(run->note().contains(QLatin1String("notify-done")), qPrintable(run->note()));
        QVERIFY(run->retry(QString(), QStringLiteral("alice"), QStringLiteral("mail server back")));
        QVERIFY(run->resume(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Succeeded, 20000);
        QCOMPARE(f.launcher.count(QStringLiteral("/notify-done/after")), 2);
        QCOMPARE(f.launcher.count(QStringLiteral("/cluster-maintenance-off")), 0);
    }

    void crashDuringBeforeStepResumesAndEnds()
    {
        EngineFixture f;
        f.launcher.setRule(QString(), QStringLiteral("cluster-maintenance-on"), {-1, StepOutcome::Succeeded, 0, 1});
        const Plan plan = makePlan(runLevelRunbook(), makeInstances(3));
        auto run = create(f, plan);
        const qint64 runId = run->runId();
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->runLevelProgress().step, QStringLiteral("cluster-maintenance-on"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(run->runLevelProgress().state == InstanceState::Running && f.launcher.launches.size() == 2, 20000);
        run.reset();   // the console dies mid-step
        run = restore(f, plan, runId);
        QVERIFY(run);
        QCOMPARE(run->state(), RunState::Interrupted);
        QCOMPARE(run->runLevelProgress().state, InstanceState::Interrupted);
        QVERIFY(!run->resume(QStringLiteral("alice")));   // resolved first, never re-run silently
        QVERIFY(run->markDone(QString(), QStringLiteral("alice"), QStringLiteral("maintenance is on (checked)")));
        QVERIFY(run->resume(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Succeeded, 20000);
        QCOMPARE(f.launcher.count(QStringLiteral("/cluster-maintenance-on/before")), 1);   // not run again
        QCOMPARE(f.launcher.count(QStringLiteral("/open-incident/before")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("/notify-done/after")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("i")), 3 * 3);
    }

    void crashDuringAfterStepResumesAndEnds()
    {
        EngineFixture f;
        f.launcher.setRule(QString(), QStringLiteral("notify-done"), {-1, StepOutcome::Succeeded, 0, 1});
        const Plan plan = makePlan(runLevelRunbook(), makeInstances(2));
        auto run = create(f, plan);
        const qint64 runId = run->runId();
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->runLevelProgress().phase, RunPhase::After, 20000);
        run.reset();
        run = restore(f, plan, runId);
        QVERIFY(run);
        QCOMPARE(run->state(), RunState::Interrupted);
        QVERIFY(run->retry(QString(), QStringLiteral("alice"), QStringLiteral("send it again")));
        QVERIFY(run->resume(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Succeeded, 20000);
        QCOMPARE(f.launcher.count(QStringLiteral("/notify-done/after")), 2);
        QCOMPARE(f.launcher.count(QStringLiteral("i")), 2 * 3);   // no instance step ran again
    }

    void runScopedCheckRunsOnce()
    {
        EngineFixture f;
        Runbook rb = runLevelRunbook();
        ChecklistItem perInstance;
        perInstance.id = QStringLiteral("disk");
        perInstance.title = QStringLiteral("disk");
        perInstance.check = makeStep(QStringLiteral("disk"));
        ChecklistItem once = perInstance;
        once.id = QStringLiteral("cluster-health");
        once.check = makeStep(QStringLiteral("cluster-health"));
        once.scope = ChecklistScope::Run;
        rb.checklist = {perInstance, once};
        const Plan plan = makePlan(rb, makeInstances(3));
        auto run = create(f, plan);
        QSignalSpy done(run->checklist(), &Checklist::checksFinished);
        run->checklist()->runChecks();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20000);
        QCOMPARE(f.launcher.count(QStringLiteral("/cluster-health/checklist")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/disk/checklist")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("/disk")), 0);
        const auto items = run->checklist()->items();
        QVERIFY(items[1].runScope);
        QCOMPARE(items[1].evidence.size(), 1);
        QCOMPARE(items[0].evidence.size(), 3);
        QVERIFY(run->checklist()->unsatisfied().isEmpty());
    }

    void lintRefusesInstanceInRunLevelStep()
    {
        const QString text = QStringLiteral(
            "runbook: rl\nproduct: demo\n"
            "before:\n  - id: announce\n    local: \"notify {{instance.name}}\"\n"
            "steps:\n  - id: up\n    local: \"true\"\n"
            "after:\n  - id: done\n    ssh: \"true\"\n"
            "checklist:\n  - id: health\n    title: Cluster healthy\n    scope: run\n"
            "    check: {http: \"GET {{instance.url}}/health\"}\n");
        const auto loaded = RunbookLoader::readString(text, QStringLiteral("rl.yaml"));
        QStringList errors;
        for (const Diagnostic &d : loaded.diagnostics)
            errors << d.toString();
        const QString all = errors.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("rl.yaml:5:")) && all.contains(QLatin1String("error: {{instance.name}} names an instance")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("(before[0].local)")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("no instance to ssh to")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("{{instance.url}} names an instance")), qPrintable(all));
    }
};

QTEST_GUILESS_MAIN(TestRunLevel)
#include "tst_runlevel.moc"
