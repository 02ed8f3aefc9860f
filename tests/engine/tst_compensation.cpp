#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/steps/StepKinds.h"
#include "tests/engine/EngineFixture.h"

#include <QTest>

#include <memory>

using namespace lockstep;
using namespace lockstep::test;

namespace {

StepSpec readingStep(const QString &id, StepKind kind = StepKind::Http)
{
    StepSpec s = makeStep(id, kind);
    s.readOnly = true;
    return s;
}

// The shape of the bundled procedures: read-only pre-checks, change-making steps (one with an undo, one
// compensated by a rollback entry tied to it), a read-only verification, and a rollback list whose
// entries say which forward step they compensate, plus one plain entry.
Runbook compensationRunbook()
{
    Runbook r = makeRunbook();
    r.strategy.waves.clear();
    r.strategy.maxParallel = 1;
    r.steps = {readingStep(QStringLiteral("health-before")), readingStep(QStringLiteral("disk-space"), StepKind::Ssh),
               makeStep(QStringLiteral("maintenance-on"), StepKind::Http), makeStep(QStringLiteral("migrate"), StepKind::Ssh),
               makeStep(QStringLiteral("deploy"), StepKind::Ssh), readingStep(QStringLiteral("verify"))};
    r.steps[2].undo = QStringLiteral("maintenance-off");
    r.steps[3].undo = QStringLiteral("restore-db");
    r.steps[4].undo = QStringLiteral("deploy-previous");
    r.rollbackSteps = {makeStep(QStringLiteral("maintenance-off"), StepKind::Http), makeStep(QStringLiteral("stop-new"), StepKind::Ssh),
                       makeStep(QStringLiteral("restore-db"), StepKind::Ssh), makeStep(QStringLiteral("deploy-previous"), StepKind::Ssh),
                       makeStep(QStringLiteral("notify"), StepKind::Http)};
    r.rollback = {QStringLiteral("stop-new"), QStringLiteral("restore-db"), QStringLiteral("notify")};
    r.rollbackIfRan.insert(QStringLiteral("stop-new"), {QStringLiteral("deploy")});
    r.rollbackIfRan.insert(QStringLiteral("restore-db"), {QStringLiteral("migrate")});
    return r;
}

QStringList rollbackLaunches(const FakeStepLauncher &launcher)
{
    QStringList out;
    for (const QString &l : launcher.launches)
        if (l.endsWith(QLatin1String("/rollback")))
            out << l.section(QLatin1Char('/'), 1, 1);
    return out;
}

} // namespace

// "Compensation undoes exactly what ran": a failure at each step of a procedure, through the engine,
// and exactly which rollback steps ran afterwards.
class TestCompensation : public QObject
{
    Q_OBJECT

private slots:
    void whatChangesTheSystem()
    {
        QVERIFY(!StepKinds::changesSystem(readingStep(QStringLiteral("get"))));                  // http GET/HEAD, checks
        QVERIFY(!StepKinds::changesSystem(readingStep(QStringLiteral("df"), StepKind::Ssh)));     // read_only: true
        QVERIFY(StepKinds::changesSystem(makeStep(QStringLiteral("post"), StepKind::Http)));
        QVERIFY(StepKinds::changesSystem(makeStep(QStringLiteral("cmd"), StepKind::Ssh)));
        QVERIFY(!StepKinds::changesSystem(makeStep(QStringLiteral("wait"), StepKind::Wait)));
        QVERIFY(!StepKinds::changesSystem(makeStep(QStringLiteral("gate"), StepKind::Gate)));
        StepSpec manual = makeStep(QStringLiteral("confirm"), StepKind::Manual);
        QVERIFY(!StepKinds::changesSystem(manual));
        manual.undo = QStringLiteral("put-back");   // the runbook says a person changes something here
        QVERIFY(StepKinds::changesSystem(manual));
    }

    void rollbackSequenceAfterFailureAtStep_data()
    {
        QTest::addColumn<QStringList>("ran");
        QTest::addColumn<QStringList>("expected");
        const QStringList all{QStringLiteral("health-before"), QStringLiteral("disk-space"), QStringLiteral("maintenance-on"),
                              QStringLiteral("migrate"), QStringLiteral("deploy"), QStringLiteral("verify")};
        QTest::newRow("nothing ran") << QStringList() << QStringList();
        QTest::newRow("health-before") << all.mid(0, 1) << QStringList();
        QTest::newRow("disk-space") << all.mid(0, 2) << QStringList();
        QTest::newRow("maintenance-on") << all.mid(0, 3)
                                        << QStringList{QStringLiteral("maintenance-off"), QStringLiteral("notify")};
        QTest::newRow("migrate") << all.mid(0, 4)
                                 << QStringList{QStringLiteral("maintenance-off"), QStringLiteral("restore-db"), QStringLiteral("notify")};
        QTest::newRow("deploy") << all.mid(0, 5)
                                << QStringList{QStringLiteral("deploy-previous"), QStringLiteral("maintenance-off"),
                                               QStringLiteral("stop-new"), QStringLiteral("restore-db"), QStringLiteral("notify")};
        QTest::newRow("verify") << all
                                << QStringList{QStringLiteral("deploy-previous"), QStringLiteral("maintenance-off"),
                                               QStringLiteral("stop-new"), QStringLiteral("restore-db"), QStringLiteral("notify")};
    }

    void rollbackSequenceAfterFailureAtStep()
    {
        QFETCH(QStringList, ran);
        QFETCH(QStringList, expected);
        QCOMPARE(Planner::rollbackSequence(compensationRunbook(), ran, false), expected);
    }

    void anUndoIsNeverLeftOutByItsListEntry()
    {
        // restore-db is migrate's undo and listed for deploy only: migrate ran, deploy did not.
        Runbook r = compensationRunbook();
        r.rollbackIfRan.insert(QStringLiteral("restore-db"), {QStringLiteral("deploy")});
        const QStringList ran{QStringLiteral("maintenance-on"), QStringLiteral("migrate")};
        QCOMPARE(Planner::rollbackSequence(r, ran, false),
                 (QStringList{QStringLiteral("restore-db"), QStringLiteral("maintenance-off"), QStringLiteral("notify")}));
        // An entry tied to several steps runs when any of them ran.
        r.rollbackIfRan.insert(QStringLiteral("stop-new"), {QStringLiteral("deploy"), QStringLiteral("migrate")});
        QVERIFY(Planner::rollbackSequence(r, ran, false).contains(QStringLiteral("stop-new")));
        // An untouched instance has no emergency path either.
        r.emergencyRollback = {QStringLiteral("notify")};
        r.emergencyUndo = false;
        QVERIFY(Planner::rollbackSequence(r, {QStringLiteral("health-before")}, true).isEmpty());
        QCOMPARE(Planner::rollbackSequence(r, ran, true), QStringList{QStringLiteral("notify")});
    }

    void runFailingAtStep_data()
    {
        QTest::addColumn<QString>("failing");
        QTest::addColumn<bool>("stepPolicy");     // on_failure: rollback on the step (else the strategy's)
        QTest::addColumn<QStringList>("rolledBack");
        QTest::addColumn<InstanceState>("state");
        QTest::addColumn<RunState>("runState");
        const QStringList deployed{QStringLiteral("deploy-previous"), QStringLiteral("maintenance-off"), QStringLiteral("stop-new"),
                                   QStringLiteral("restore-db"), QStringLiteral("notify")};
        QTest::newRow("health-before") << QStringLiteral("health-before") << false << QStringList()
                                       << InstanceState::Failed << RunState::Failed;
        // With the step's own on_failure and the strategy's pause, the spent budget then pauses the run.
        QTest::newRow("health-before, step on_failure") << QStringLiteral("health-before") << true << QStringList()
                                                        << InstanceState::Failed << RunState::Paused;
        QTest::newRow("disk-space") << QStringLiteral("disk-space") << false << QStringList() << InstanceState::Failed
                                    << RunState::Failed;
        QTest::newRow("maintenance-on") << QStringLiteral("maintenance-on") << false
                                        << QStringList{QStringLiteral("maintenance-off"), QStringLiteral("notify")}
                                        << InstanceState::RolledBack << RunState::RolledBack;
        QTest::newRow("migrate") << QStringLiteral("migrate") << true
                                 << QStringList{QStringLiteral("maintenance-off"), QStringLiteral("restore-db"), QStringLiteral("notify")}
                                 << InstanceState::RolledBack << RunState::Paused;
        QTest::newRow("deploy") << QStringLiteral("deploy") << false << deployed << InstanceState::RolledBack << RunState::RolledBack;
        QTest::newRow("verify") << QStringLiteral("verify") << false << deployed << InstanceState::RolledBack << RunState::RolledBack;
    }

    void runFailingAtStep()
    {
        QFETCH(QString, failing);
        QFETCH(bool, stepPolicy);
        QFETCH(QStringList, rolledBack);
        QFETCH(InstanceState, state);
        QFETCH(RunState, runState);
        EngineFixture f;
        Runbook r = compensationRunbook();
        if (stepPolicy) {
            for (StepSpec &s : r.steps)
                if (s.id == failing)
                    s.onFailure = OnFailure::Rollback;
        } else {
            r.strategy.onFailure = OnFailure::Rollback;
        }
        f.launcher.setRule(QStringLiteral("i01"), failing, {0, StepOutcome::Failed, 1, -1});
        auto created = RunExecutor::create(makePlan(r, makeInstances(1)), QStringLiteral("alice"), f.services());
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->progress(QStringLiteral("i01")).state, state, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), runState, 10000);
        QCOMPARE(rollbackLaunches(f.launcher), rolledBack);
        if (rolledBack.isEmpty()) {
            // Failed, untouched: said so on the instance, in the run's note and in the audit trail.
            QVERIFY2(run->progress(QStringLiteral("i01")).note.startsWith(QLatin1String("untouched:")),
                     qPrintable(run->progress(QStringLiteral("i01")).note));
            if (isTerminal(runState))
                QVERIFY2(run->note().contains(QLatin1String("1 failed (1 untouched)")), qPrintable(run->note()));
            QVERIFY(f.audit.has(QStringLiteral("rollback.skipped"), QStringLiteral("untouched"), QStringLiteral("i01")));
            QVERIFY(!f.audit.has(QStringLiteral("rollback.started")));
            QVERIFY(!f.audit.has(QStringLiteral("rollback.finished")));
            // Nothing to roll back by hand either.
            QVERIFY(!run->rollback(QStringLiteral("i01"), QStringLiteral("bob"), QStringLiteral("just in case")).ok());
        } else {
            QVERIFY(f.audit.has(QStringLiteral("rollback.finished"), QStringLiteral("rolled-back"), QStringLiteral("i01")));
            QVERIFY(!f.audit.has(QStringLiteral("rollback.skipped")));
        }
    }

    void changesThatNothingCompensatesAreNotCalledRolledBack()
    {
        EngineFixture f;
        Runbook r = compensationRunbook();
        r.strategy.onFailure = OnFailure::Rollback;
        r.steps[2].undo.clear();                      // maintenance-on has no undo now
        r.rollback = {QStringLiteral("stop-new")};   // tied to deploy, which never ran
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("maintenance-on"), {0, StepOutcome::Failed, 1, -1});
        auto created = RunExecutor::create(makePlan(r, makeInstances(1)), QStringLiteral("alice"), f.services());
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 10000);
        QCOMPARE(run->state(), RunState::Failed);
        const InstanceProgress p = run->progress(QStringLiteral("i01"));
        QCOMPARE(p.state, InstanceState::Failed);
        QVERIFY2(p.note.contains(QLatin1String("no rollback step compensates maintenance-on")), qPrintable(p.note));
        QVERIFY(rollbackLaunches(f.launcher).isEmpty());
        QVERIFY(f.audit.has(QStringLiteral("rollback.skipped"), QStringLiteral("nothing-to-undo"), QStringLiteral("i01")));
    }

    void emergencyRollbackLeavesUntouchedInstancesAlone()
    {
        // i01 failed its pre-check (pause policy: it waits); i02 got as far as its deploy. The emergency
        // path runs on i02 only.
        EngineFixture f;
        Runbook r = compensationRunbook();
        r.strategy.maxParallel = 2;
        r.strategy.maxFailedPerWave = 1;
        f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("health-before"), {0, StepOutcome::Failed, 1, -1});
        f.launcher.setRule(QStringLiteral("i02"), QStringLiteral("verify"), {-1, StepOutcome::Succeeded, 0, -1});
        auto created = RunExecutor::create(makePlan(r, makeInstances(2)), QStringLiteral("alice"), f.services());
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(run->progress(QStringLiteral("i01")).state, InstanceState::Failed, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(f.launcher.count(QStringLiteral("i02/verify/upgrade")), 1, 10000);
        QVERIFY(run->emergencyRollback(QStringLiteral("alice"), QStringLiteral("errors everywhere")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 10000);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/")), 1);   // only its pre-check, ever
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::Failed);
        QCOMPARE(run->progress(QStringLiteral("i02")).state, InstanceState::RolledBack);
        QCOMPARE(f.launcher.count(QStringLiteral("i02/deploy-previous/rollback")), 1);
    }
};

QTEST_GUILESS_MAIN(TestCompensation)
#include "tst_compensation.moc"
