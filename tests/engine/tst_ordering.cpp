// Ordering from inventory facts (runbook `order:`) through the planner and `lockstep-cli plan`: data
// nodes zone by zone, master-eligible nodes last, a wave per group; the group lock in the preview.

#include "app/engine/Ordering.h"
#include "app/engine/Planner.h"
#include "app/runbook/RunbookLoader.h"
#include "tests/support/TestPaths.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;

namespace {

const QString kRunbook = QStringLiteral(R"(runbook: search-upgrade
product: search
lock: {group: tag:cluster, max_in_flight: 1}
order:
  by: [tag:zone]
  last: [tag:role=master]
  waves: by-group
strategy:
  between_waves: {then: promote}
steps:
  - id: upgrade
    local: "true"
)");

Instance node(const QString &name, const QStringList &tags)
{
    Instance i;
    i.name = name;
    i.product = QStringLiteral("search");
    i.currentVersion = QStringLiteral("7.1.0");
    i.tags = tags;
    return i;
}

// Given in an order that is none of the zones'.
QList<Instance> fleet()
{
    return {node(QStringLiteral("es-master-1"), {QStringLiteral("cluster:logs"), QStringLiteral("zone:a"), QStringLiteral("role:master")}),
            node(QStringLiteral("es-data-c1"), {QStringLiteral("cluster:logs"), QStringLiteral("zone:c")}),
            node(QStringLiteral("es-data-a1"), {QStringLiteral("cluster:logs"), QStringLiteral("zone:a")}),
            node(QStringLiteral("es-data-b1"), {QStringLiteral("cluster:logs"), QStringLiteral("zone:b")}),
            node(QStringLiteral("es-data-a2"), {QStringLiteral("cluster:logs"), QStringLiteral("zone:a")})};
}

Result<Plan> planOf(const QString &runbookText, const QList<Instance> &instances)
{
    auto runbook = RunbookLoader::loadString(runbookText, QStringLiteral("search.yaml"));
    if (!runbook)
        return runbook.error();
    PlanRequest req;
    req.runbooks = {*runbook};
    req.instances = instances;
    req.targetVersion = QStringLiteral("7.2.0");
    return Planner::plan(req, QDateTime::currentDateTimeUtc());
}

QStringList names(const Wave &w)
{
    QStringList out;
    for (const Instance &i : w.instances)
        out << i.name;
    return out;
}

} // namespace

class TestOrdering : public QObject
{
    Q_OBJECT

private slots:
    void wavePerZoneMastersLast()
    {
        auto plan = planOf(kRunbook, fleet());
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
        QCOMPARE(plan->waves.size(), 4);
        QCOMPARE(plan->waves[0].name, QStringLiteral("zone=a"));
        QCOMPARE(names(plan->waves[0]), (QStringList{QStringLiteral("es-data-a1"), QStringLiteral("es-data-a2")}));
        QCOMPARE(plan->waves[1].name, QStringLiteral("zone=b"));
        QCOMPARE(names(plan->waves[2]), QStringList{QStringLiteral("es-data-c1")});
        QCOMPARE(plan->waves[3].name, QStringLiteral("tag:role=master"));
        QCOMPARE(names(plan->waves[3]), QStringList{QStringLiteral("es-master-1")});

        const PlanPreview p = Planner::preview(*plan, QDateTime::currentDateTimeUtc());
        QCOMPARE(p.order, QStringLiteral("order: by tag:zone; last tag:role=master; a wave per group"));
        QCOMPARE(p.lock, QStringLiteral("at most 1 in flight per tag:cluster group, across all runs and consoles: "
                                        "cluster=logs (es-data-a1, es-data-a2, es-data-b1, es-data-c1, es-master-1)"));
    }

    // Without waves: by-group the strategy's waves cut the ordered list: the canary is zone a's first node.
    void strategyWavesCutTheOrder()
    {
        QString text = kRunbook;
        text.replace(QStringLiteral("  waves: by-group\nstrategy:\n"),
                     QStringLiteral("strategy:\n  waves: [{count: 1, name: canary}, {percent: 100}]\n"));
        auto plan = planOf(text, fleet());
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
        QCOMPARE(plan->waves.size(), 2);
        QCOMPARE(names(plan->waves[0]), QStringList{QStringLiteral("es-data-a1")});
        QCOMPARE(names(plan->waves[1]), (QStringList{QStringLiteral("es-data-a2"), QStringLiteral("es-data-b1"),
                                                     QStringLiteral("es-data-c1"), QStringLiteral("es-master-1")}));
    }

    // An instance that lacks the fact is refused by name: it would be ordered (or locked) by guesswork.
    void missingFactRefused()
    {
        QList<Instance> instances = fleet();
        instances << node(QStringLiteral("es-data-x"), {QStringLiteral("cluster:logs")});
        auto plan = planOf(kRunbook, instances);
        QVERIFY(!plan);
        QVERIFY2(plan.error().message.contains(QStringLiteral("es-data-x has no tag:zone")), qPrintable(plan.error().toString()));

        instances = fleet();
        instances << node(QStringLiteral("es-data-d1"), {QStringLiteral("zone:d")});
        plan = planOf(kRunbook, instances);
        QVERIFY(!plan);
        QVERIFY2(plan.error().message.contains(QStringLiteral("locks groups by tag:cluster, but es-data-d1 has no such fact")),
                 qPrintable(plan.error().toString()));
    }

    void naturalOrderOfValues()
    {
        QVERIFY(Ordering::naturalCompare(QStringLiteral("rack-2"), QStringLiteral("rack-10")) < 0);
        QVERIFY(Ordering::naturalCompare(QStringLiteral("rack-10"), QStringLiteral("rack-9")) > 0);
        QVERIFY(Ordering::naturalCompare(QStringLiteral("a"), QStringLiteral("b")) < 0);
        QCOMPARE(Ordering::naturalCompare(QStringLiteral("zone-01"), QStringLiteral("zone-1")), 0);
    }

    // What an operator sees before anything runs: `lockstep-cli plan` prints the waves the order made,
    // the order and the lock.
    void cliPlanShowsTheOrder()
    {
        QTemporaryDir dir;
        QFile runbook(dir.filePath(QStringLiteral("search.yaml")));
        QVERIFY(runbook.open(QIODevice::WriteOnly));
        runbook.write(kRunbook.toUtf8());
        runbook.close();
        QFile inventory(dir.filePath(QStringLiteral("inventory.yaml")));
        QVERIFY(inventory.open(QIODevice::WriteOnly));
        inventory.write(R"(products:
  - id: search
instances:
  - {name: es-master-1, product: search, version: 7.1.0, tags: [cluster:logs, zone:a, role:master]}
  - {name: es-data-c1, product: search, version: 7.1.0, tags: [cluster:logs, zone:c]}
  - {name: es-data-a1, product: search, version: 7.1.0, tags: [cluster:logs, zone:a]}
  - {name: es-data-b1, product: search, version: 7.1.0, tags: [cluster:logs, zone:b]}
)");
        inventory.close();
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LOCKSTEP_DATABASE"), dir.filePath(QStringLiteral("lockstep.db")));
        cli.setProcessEnvironment(env);
        cli.start(test::cliPath(), {QStringLiteral("plan"), QStringLiteral("--runbook"), runbook.fileName(), QStringLiteral("--inventory"),
                                    inventory.fileName(), QStringLiteral("--product"), QStringLiteral("search"),
                                    QStringLiteral("--version"), QStringLiteral("7.2.0")});
        QVERIFY(cli.waitForFinished(60000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        const QString all = out + QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(cli.exitCode() == 0, qPrintable(all));
        QVERIFY2(out.contains(QStringLiteral("  1. zone=a (1): es-data-a1")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("  2. zone=b (1): es-data-b1")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("  3. zone=c (1): es-data-c1")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("  4. tag:role=master (1): es-master-1")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("order: by tag:zone; last tag:role=master; a wave per group\n")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("lock: at most 1 in flight per tag:cluster group, across all runs and consoles: "
                                             "cluster=logs (es-data-a1, es-data-b1, es-data-c1, es-master-1)")),
                 qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestOrdering)
#include "tst_ordering.moc"
