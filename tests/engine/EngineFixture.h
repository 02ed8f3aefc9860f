#pragma once

#include "app/engine/EngineServices.h"
#include "app/engine/Planner.h"
#include "models/store/Database.h"
#include "models/store/GroupLockRepository.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"
#include "tests/engine/FakeStepLauncher.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace lockstep::test {

// A fresh store in a temporary directory with the engine's repositories and a fake launcher.
struct EngineFixture
{
    QTemporaryDir dir;
    Database db;
    std::unique_ptr<RunRepository> runs;
    std::unique_ptr<LeaseRepository> leases;
    std::unique_ptr<GroupLockRepository> groupLocks;
    std::unique_ptr<SignOffRepository> signOffs;
    RecordingAuditSink audit;
    FakeStepLauncher launcher;

    explicit EngineFixture(const QString &connection = QStringLiteral("engine-test"))
    {
        const Status s = db.open(dir.filePath(QStringLiteral("lockstep.db")), connection);
        if (!s)
            qFatal("cannot open the test database: %s", qPrintable(s.error().toString()));
        runs = std::make_unique<RunRepository>(db);
        leases = std::make_unique<LeaseRepository>(db);
        groupLocks = std::make_unique<GroupLockRepository>(db);
        signOffs = std::make_unique<SignOffRepository>(db);
    }

    EngineServices services()
    {
        EngineServices s;
        s.runs = runs.get();
        s.leases = leases.get();
        s.groupLocks = groupLocks.get();
        s.signOffs = signOffs.get();
        s.audit = &audit;
        s.launcher = &launcher;
        return s;
    }
};

inline Instance makeInstance(const QString &name, const QString &version = QStringLiteral("1.0.0"))
{
    Instance i;
    i.name = name;
    i.product = QStringLiteral("demo");
    i.currentVersion = version;
    i.channel = UpdateChannel::ManualApproval;
    return i;
}

// The "demo" product's releases, newest first: 1.1.0, and 1.0.1, a security patch.
inline QList<Release> demoReleases()
{
    Release minor{QStringLiteral("demo"), QStringLiteral("1.1.0"), {}, false, false, {}};
    Release patch{QStringLiteral("demo"), QStringLiteral("1.0.1"), {}, false, true, {}};
    return {minor, patch};
}

inline StepSpec makeStep(const QString &id, StepKind kind = StepKind::Local)
{
    StepSpec s;
    s.id = id;
    s.title = id;
    s.kind = kind;
    s.command = QStringLiteral("true");
    s.expected = std::chrono::seconds(1);
    return s;
}

// A runbook of three local steps, a rollback list and waves canary / 25% / 100%.
inline Runbook makeRunbook()
{
    Runbook r;
    r.id = QStringLiteral("demo-upgrade");
    r.product = QStringLiteral("demo");
    r.steps = {makeStep(QStringLiteral("backup")), makeStep(QStringLiteral("upgrade")),
               makeStep(QStringLiteral("verify"))};
    r.steps[1].undo = QStringLiteral("downgrade");
    r.rollbackSteps = {makeStep(QStringLiteral("downgrade")), makeStep(QStringLiteral("restore"))};
    r.rollback = {QStringLiteral("restore")};
    WaveSpec canary;
    canary.name = QStringLiteral("canary");
    canary.count = 1;
    WaveSpec quarter;
    quarter.percent = 25;
    WaveSpec all;
    all.percent = 100;
    r.strategy.waves = {canary, quarter, all};
    r.strategy.maxParallel = 2;
    r.strategy.autoPromote = true;
    return r;
}

inline QList<Instance> makeInstances(int n)
{
    QList<Instance> out;
    for (int i = 1; i <= n; ++i)
        out << makeInstance(QStringLiteral("i%1").arg(i, 2, 10, QLatin1Char('0')));
    return out;
}

inline Plan makePlan(const Runbook &runbook, const QList<Instance> &instances, const QString &version = QStringLiteral("1.1.0"))
{
    PlanRequest req;
    req.runbooks = {runbook};
    req.instances = instances;
    req.targetVersion = version;
    auto plan = Planner::plan(req, QDateTime::currentDateTimeUtc());
    if (!plan)
        qFatal("cannot plan: %s", qPrintable(plan.error().toString()));
    return *plan;
}

} // namespace lockstep::test
