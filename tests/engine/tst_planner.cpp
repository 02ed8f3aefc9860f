#include "app/engine/Planner.h"
#include "app/engine/Policy.h"
#include "models/ChannelPolicy.h"
#include "models/run/PlanCodec.h"
#include "tests/engine/EngineFixture.h"

#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

class TestPlanner : public QObject
{
    Q_OBJECT

private slots:
    void wavesByCountAndCumulativePercent_data()
    {
        QTest::addColumn<int>("total");
        QTest::addColumn<QList<int>>("sizes");
        QTest::newRow("8 instances") << 8 << QList<int>{1, 1, 6};
        QTest::newRow("20 instances") << 20 << QList<int>{1, 4, 15};
        QTest::newRow("1 instance") << 1 << QList<int>{1, 0, 0};
        QTest::newRow("3 instances") << 3 << QList<int>{1, 0, 2};
    }
    void wavesByCountAndCumulativePercent()
    {
        QFETCH(int, total);
        QFETCH(QList<int>, sizes);
        QCOMPARE(Planner::waveSizes(makeRunbook().strategy, total), sizes);
    }

    void leftoverInstancesGoToALastWave()
    {
        StrategySpec s;
        WaveSpec canary;
        canary.count = 1;
        WaveSpec half;
        half.percent = 50;
        s.waves = {canary, half};
        QCOMPARE(Planner::waveSizes(s, 10), (QList<int>{1, 4, 5}));
    }

    void planDropsEmptyWavesAndKeepsCanaryFirst()
    {
        const Plan plan = makePlan(makeRunbook(), makeInstances(3));
        QCOMPARE(plan.waves.size(), 2);
        QCOMPARE(plan.waves[0].name, QStringLiteral("canary"));
        QCOMPARE(plan.waves[0].instances.size(), 1);
        QCOMPARE(plan.waves[0].instances[0].name, QStringLiteral("i01"));
        QCOMPARE(plan.waves[1].instances.size(), 2);
        QCOMPARE(plan.changeClass, ChangeClass::Minor);
    }

    void runbookChosenByChangeClass()
    {
        Runbook minor = makeRunbook();
        minor.id = QStringLiteral("minor");
        minor.appliesTo = {ChangeClass::Patch, ChangeClass::Minor};
        Runbook major = makeRunbook();
        major.id = QStringLiteral("major");
        major.appliesTo = {ChangeClass::Major};
        PlanRequest req;
        req.runbooks = {minor, major};
        req.instances = {makeInstance(QStringLiteral("a"), QStringLiteral("1.4.0")),
                         makeInstance(QStringLiteral("b"), QStringLiteral("1.9.0"))};
        req.targetVersion = QStringLiteral("2.0.0");
        auto plan = Planner::plan(req, QDateTime::currentDateTimeUtc());
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
        QCOMPARE(plan->runbook.id, QStringLiteral("major"));
        req.targetVersion = QStringLiteral("1.9.1");
        plan = Planner::plan(req, QDateTime::currentDateTimeUtc());
        QVERIFY(plan.ok());
        QCOMPARE(plan->runbook.id, QStringLiteral("minor"));
        QCOMPARE(plan->changeClass, ChangeClass::Minor);
    }

    void invalidVersionAndAlreadyCurrentInstances()
    {
        PlanRequest req;
        req.runbooks = {makeRunbook()};
        req.instances = {makeInstance(QStringLiteral("a"), QStringLiteral("1.1.0")), makeInstance(QStringLiteral("b"))};
        req.targetVersion = QStringLiteral("1.1.0; rm -rf /");
        auto refused = Planner::plan(req, QDateTime::currentDateTimeUtc());
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QStringLiteral("not a semantic version")));
        req.targetVersion = QStringLiteral("1.1.0");
        auto plan = Planner::plan(req, QDateTime::currentDateTimeUtc());
        QVERIFY(plan.ok());
        QCOMPARE(plan->instanceCount(), 1);
        QCOMPARE(plan->excluded, QStringList{QStringLiteral("a: already at 1.1.0")});
    }

    void whenConditionsSelectStepsAndChecklist()
    {
        Runbook r = makeRunbook();
        r.steps[2].when = QStringLiteral("change == major");
        ChecklistItem extended;
        extended.id = QStringLiteral("extended");
        extended.signoffsRequired = 1;
        extended.when = QStringLiteral("change in [major]");
        r.checklist = {extended};
        const Plan minor = makePlan(r, makeInstances(2), QStringLiteral("1.1.0"));
        QCOMPARE(minor.runbook.steps.size(), 2);
        QVERIFY(minor.runbook.checklist.isEmpty());
        const Plan major = makePlan(r, makeInstances(2), QStringLiteral("2.0.0"));
        QCOMPARE(major.runbook.steps.size(), 3);
        QCOMPARE(major.runbook.checklist.size(), 1);
    }

    void policyRefusesFrozenPinnedAndOutsideWindowUnlessOverridden()
    {
        Runbook r = makeRunbook();
        r.maintenanceWindowRequired = true;
        Instance frozen = makeInstance(QStringLiteral("frozen-1"));
        frozen.channel = UpdateChannel::Frozen;
        Instance pinned = makeInstance(QStringLiteral("pinned-1"));
        pinned.pinnedVersion = QStringLiteral("1.0.5");
        PlanRequest req;
        req.runbooks = {r};
        req.instances = {frozen, pinned, makeInstance(QStringLiteral("free-1"))};
        req.targetVersion = QStringLiteral("1.0.1");   // a security patch of the frozen 1.0.x line
        req.releases = demoReleases();
        const QDateTime now = QDateTime(QDate(2026, 1, 10), QTime(12, 0), Qt::UTC);
        req.window = MaintenanceWindow{now.addSecs(3600), now.addSecs(7200)};
        auto refused = Planner::plan(req, now);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("frozen-1 is frozen at 1.0.0: security patch 1.0.1 of 1.0.x needs an override")),
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QStringLiteral("pinned-1 is pinned to 1.0.5, not 1.0.1")), qPrintable(refused.error().message));
        QVERIFY(refused.error().message.contains(QStringLiteral("outside the maintenance window")));
        QVERIFY(refused.error().hint.contains(QStringLiteral("--override frozen:frozen-1")));
        QVERIFY(refused.error().hint.contains(QStringLiteral("--override pinned:pinned-1")));

        req.overrides = {{PolicyOverride::Kind::Frozen, QStringLiteral("frozen-1"), QString(), QStringLiteral("ops")}};
        QVERIFY(Planner::plan(req, now).error().message.contains(QStringLiteral("has no reason")));
        req.overrides = {
            {PolicyOverride::Kind::Frozen, QStringLiteral("frozen-1"), QStringLiteral("CVE fix"), QStringLiteral("ops")},
            {PolicyOverride::Kind::Pinned, QStringLiteral("pinned-1"), QStringLiteral("unpin"), QStringLiteral("ops")},
        };
        QVERIFY(!Planner::plan(req, now).ok());   // still outside the window
        auto inside = Planner::plan(req, now.addSecs(3700));
        QVERIFY2(inside.ok(), qPrintable(inside.ok() ? QString() : inside.error().toString()));
        req.overrides << PolicyOverride{PolicyOverride::Kind::MaintenanceWindow, {}, QStringLiteral("incident"),
                                        QStringLiteral("ops")};
        QVERIFY(Planner::plan(req, now).ok());
    }

    void noOverrideGoesPastWhatTheChannelPolicyRefuses()
    {
        // A frozen instance may take a security patch of its line with an override; another release
        // never: the planner (so lockstep-cli plan/run --override) refuses it in the channel policy's words.
        Instance frozen = makeInstance(QStringLiteral("frozen-1"));
        frozen.channel = UpdateChannel::Frozen;
        frozen.pinnedVersion = QStringLiteral("1.0.0");
        PlanRequest req;
        req.runbooks = {makeRunbook()};
        req.instances = {frozen};
        req.targetVersion = QStringLiteral("1.1.0");
        req.releases = demoReleases();
        for (const PolicyOverride::Kind kind : {PolicyOverride::Kind::Frozen, PolicyOverride::Kind::Pinned})
            req.overrides << PolicyOverride{kind, QStringLiteral("frozen-1"), QStringLiteral("CVE fix"), QStringLiteral("ops")};
        const QString words = ChannelPolicy::explain(frozen, ChannelPolicy::decide(frozen, req.releases, req.targetVersion));
        QCOMPARE(words, QStringLiteral("frozen-1 is frozen at 1.0.0: only security patches of 1.0.x may be applied"));
        auto refused = Planner::plan(req, QDateTime::currentDateTimeUtc());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message, QStringLiteral("refused by policy: ") + words);
        QVERIFY2(refused.error().hint.contains(QStringLiteral("no override")), qPrintable(refused.error().hint));

        // Without release facts nothing says a version is a security patch: refused as well.
        req.targetVersion = QStringLiteral("1.0.1");
        req.releases.clear();
        refused = Planner::plan(req, QDateTime::currentDateTimeUtc());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("no release feed says 1.0.1 is a security patch")),
                 qPrintable(refused.error().message));
        req.releases = demoReleases();
        QVERIFY(Planner::plan(req, QDateTime::currentDateTimeUtc()).ok());

        // A release the feed does not list is refused on every channel.
        req.instances = {makeInstance(QStringLiteral("free-1"))};
        req.targetVersion = QStringLiteral("1.2.0");
        QVERIFY(Planner::plan(req, QDateTime::currentDateTimeUtc()).error().message.contains(QStringLiteral("not a known release of demo")));
    }

    void previewShowsWavesStepsRollbackAndDurations()
    {
        Runbook r = makeRunbook();
        r.strategy.observe = std::chrono::minutes(10);
        r.steps[1].expected = std::chrono::minutes(2);
        const Plan plan = makePlan(r, makeInstances(8));
        const PlanPreview p = Planner::preview(plan, QDateTime::currentDateTimeUtc());
        QCOMPARE(p.waves.size(), 3);
        QCOMPARE(p.waves[0].instances, QStringList{QStringLiteral("i01")});
        QCOMPARE(p.waves[2].instances.size(), 6);
        QCOMPARE(p.steps.size(), 3);
        QCOMPARE(p.steps[1].expected, Millis(std::chrono::minutes(2)));
        QCOMPARE(p.rollback.size(), 1);
        // per instance 2m + 2s; rounds with max_parallel 2: 1 + 1 + 3; two observation periods
        const Millis perInstance = std::chrono::minutes(2) + std::chrono::seconds(2);
        QCOMPARE(p.expectedTotal, perInstance * 5 + Millis(std::chrono::minutes(20)));
        QCOMPARE(p.windowStatus, QStringLiteral("not required"));
    }

    void rollbackSequenceUndoesWhatRanNewestFirst()
    {
        Runbook r = makeRunbook();
        r.steps[0].undo = QStringLiteral("restore");   // already in the rollback list: not twice
        const QStringList seq = Planner::rollbackSequence(r, {QStringLiteral("backup"), QStringLiteral("upgrade")}, false);
        QCOMPARE(seq, (QStringList{QStringLiteral("downgrade"), QStringLiteral("restore")}));
        r.emergencyRollback = {QStringLiteral("restore")};
        QCOMPARE(Planner::rollbackSequence(r, {QStringLiteral("backup")}, true), QStringList{QStringLiteral("restore")});
        // The undo of a completed step comes first in an emergency too, unless the emergency path
        // reverses everything itself (emergency_undo: false).
        r.emergencyRollback = {QStringLiteral("verify")};
        QCOMPARE(Planner::rollbackSequence(r, {QStringLiteral("backup"), QStringLiteral("upgrade")}, true),
                 (QStringList{QStringLiteral("downgrade"), QStringLiteral("restore"), QStringLiteral("verify")}));
        r.emergencyUndo = false;
        QCOMPARE(Planner::rollbackSequence(r, {QStringLiteral("backup"), QStringLiteral("upgrade")}, true),
                 QStringList{QStringLiteral("verify")});
        QCOMPARE(Planner::rollbackSequence(r, {QStringLiteral("backup"), QStringLiteral("upgrade")}, false),
                 (QStringList{QStringLiteral("downgrade"), QStringLiteral("restore")}));
    }

    // A step using {{instance.vars.NAME}} needs the value on every instance of the plan: a plan with an
    // instance that lacks it is refused before anything runs, naming the variable, the step (file:line)
    // and the instances; a `when:` that drops the step drops the need.
    void instanceVariablesMustExistOnEveryInstance()
    {
        Runbook r = makeRunbook();
        r.file = QStringLiteral("demo.yaml");
        r.rollbackSteps[1].command = QStringLiteral("pg_restore -h {{instance.vars.db_host}} backup.dump");
        r.rollbackSteps[1].location = SourceLocation{r.file, 31, 5};
        QList<Instance> instances = makeInstances(3);
        instances[0].vars.insert(QStringLiteral("db_host"), QStringLiteral("db-1"));
        instances[2].vars.insert(QStringLiteral("db_host"), QStringLiteral("db-3"));
        PlanRequest req;
        req.runbooks = {r};
        req.instances = instances;
        req.targetVersion = QStringLiteral("1.1.0");
        auto refused = Planner::plan(req, QDateTime::currentDateTimeUtc());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().where, QStringLiteral("demo.yaml:31:5"));
        QVERIFY2(refused.error().message.contains(QLatin1String("{{instance.vars.db_host}} of step restore (demo.yaml:31:5) has no value for i02")),
                 qPrintable(refused.error().toString()));
        QVERIFY(!refused.error().message.contains(QLatin1String("i01")));
        QVERIFY(refused.error().hint.contains(QLatin1String("vars: {db_host:")));

        instances[1].vars.insert(QStringLiteral("db_host"), QStringLiteral("db-2"));
        req.instances = instances;
        auto plan = Planner::plan(req, QDateTime::currentDateTimeUtc());
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
        auto back = PlanCodec::decode(PlanCodec::encode(*plan), plan->runbook, QStringLiteral("src"));
        QVERIFY(back.ok());
        QCOMPARE(back->waves[1].instances[0].vars.value(QStringLiteral("db_host")), QStringLiteral("db-2"));

        r.rollbackSteps[1].when = QStringLiteral("change == major");
        req.runbooks = {r};
        req.instances = makeInstances(3);
        QVERIFY(Planner::plan(req, QDateTime::currentDateTimeUtc()).ok());
    }

    void planSurvivesTheCodec()
    {
        Plan plan = makePlan(makeRunbook(), makeInstances(5));
        plan.params.insert(QStringLiteral("region"), QStringLiteral("eu"));
        plan.window = MaintenanceWindow{QDateTime(QDate(2026, 1, 1), QTime(1, 0), Qt::UTC),
                                        QDateTime(QDate(2026, 1, 1), QTime(3, 0), Qt::UTC)};
        plan.overrides << PolicyOverride{PolicyOverride::Kind::Pinned, QStringLiteral("i02"), QStringLiteral("why"),
                                         QStringLiteral("op")};
        auto back = PlanCodec::decode(PlanCodec::encode(plan), plan.runbook, QStringLiteral("src"));
        QVERIFY(back.ok());
        QCOMPARE(back->waves.size(), plan.waves.size());
        QCOMPARE(back->waves[2].instances[0].name, plan.waves[2].instances[0].name);
        QCOMPARE(back->targetVersion.toString(), QStringLiteral("1.1.0"));
        QCOMPARE(back->params, plan.params);
        QCOMPARE(back->window->start, plan.window->start);
        QCOMPARE(back->overrides.size(), 1);
        QCOMPARE(back->overrides[0].reason, QStringLiteral("why"));
        QCOMPARE(back->changeClass, ChangeClass::Minor);
    }
};

QTEST_GUILESS_MAIN(TestPlanner)
#include "tst_planner.moc"
