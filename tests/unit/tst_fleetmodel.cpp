#include "models/Clock.h"
#include "models/itemmodels/FleetFilterProxyModel.h"
#include "models/itemmodels/FleetModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace lockstep;

namespace {

Instance makeInstance(const QString &name, const QString &product, const QString &env, const QString &version,
                      UpdateChannel channel = UpdateChannel::ManualApproval, const QStringList &tags = {})
{
    Instance in;
    in.name = name;
    in.product = product;
    in.environment = env;
    in.currentVersion = version;
    in.channel = channel;
    in.tags = tags;
    in.state = QStringLiteral("active");
    return in;
}

Release makeRelease(const QString &product, const QString &version, bool security = false, bool breaking = false)
{
    Release r;
    r.product = product;
    r.version = version;
    r.security = security;
    r.breaking = breaking;
    return r;
}

QList<Instance> smallFleet()
{
    return {
        makeInstance(QStringLiteral("api-prod-1"), QStringLiteral("graph-api"), QStringLiteral("prod"), QStringLiteral("1.10.0")),
        makeInstance(QStringLiteral("api-prod-2"), QStringLiteral("graph-api"), QStringLiteral("prod"), QStringLiteral("1.9.0")),
        makeInstance(QStringLiteral("api-stg-1"), QStringLiteral("graph-api"), QStringLiteral("staging"), QStringLiteral("1.2.0"),
                     UpdateChannel::AutoUpdate, {QStringLiteral("canary")}),
        makeInstance(QStringLiteral("platform-eu"), QStringLiteral("webwaka-platform"), QStringLiteral("prod"),
                     QStringLiteral("2.3.1"), UpdateChannel::Frozen),
    };
}

QStringList column(QAbstractItemModel &model, int col)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, col).data().toString();
    return out;
}

} // namespace

class TestFleetModel : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_clock = std::make_unique<ManualClock>(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
        Clock::setInstance(m_clock.get());
    }
    void cleanup() { Clock::setInstance(nullptr); }

    void passesModelTester()
    {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        FleetFilterProxyModel proxy(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(FleetModel::Version);
        model.setInstances(smallFleet());
        model.setReleases({makeRelease(QStringLiteral("graph-api"), QStringLiteral("1.11.0"))});
        model.upsertInstance(makeInstance(QStringLiteral("new-one"), QStringLiteral("graph-api"), QStringLiteral("dev"),
                                          QStringLiteral("0.1.0")));
        model.queueStatus(QStringLiteral("api-prod-1"), Health::Healthy, QStringLiteral("1.11.0"), m_clock->now(), {});
        model.flushUpdates();
        proxy.setFilterText(QStringLiteral("env:prod"));
        model.removeInstance(QStringLiteral("api-prod-2"));
        proxy.setFilterText({});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(proxy.rowCount(), 4);
    }

    void pendingFollowsChannel()
    {
        FleetModel model;
        model.setInstances(smallFleet());
        model.setReleases({
            makeRelease(QStringLiteral("graph-api"), QStringLiteral("2.0.0")),
            makeRelease(QStringLiteral("graph-api"), QStringLiteral("2.1.0-rc.1")),
            makeRelease(QStringLiteral("graph-api"), QStringLiteral("1.10.1")),
            makeRelease(QStringLiteral("webwaka-platform"), QStringLiteral("3.0.0"), true),
            makeRelease(QStringLiteral("webwaka-platform"), QStringLiteral("2.4.0"), true),
            makeRelease(QStringLiteral("webwaka-platform"), QStringLiteral("2.3.5")),
            makeRelease(QStringLiteral("webwaka-platform"), QStringLiteral("2.3.4"), true),
        });
        const int prod1 = model.rowOf(QStringLiteral("api-prod-1"));
        QCOMPARE(model.index(prod1, FleetModel::Pending).data().toString(), QStringLiteral("2.0.0"));
        QCOMPARE(model.index(prod1, FleetModel::Change).data().toString(), QStringLiteral("major"));
        // Frozen takes only security patches of its line.
        const int frozen = model.rowOf(QStringLiteral("platform-eu"));
        QCOMPARE(model.index(frozen, FleetModel::Pending).data().toString(), QStringLiteral("2.3.4"));
        QCOMPARE(model.index(frozen, FleetModel::Change).data().toString(), QStringLiteral("patch"));
        QVERIFY(model.index(frozen, FleetModel::Channel).data().toString().startsWith(QStringLiteral("frozen")));
    }

    void versionsSortBySemVerPrecedence()
    {
        FleetModel model;
        model.setInstances(smallFleet());
        FleetFilterProxyModel proxy(&model);
        proxy.sort(FleetModel::Version, Qt::AscendingOrder);
        // As text "1.10.0" < "1.2.0" < "1.9.0"; by precedence 1.2.0 < 1.9.0 < 1.10.0.
        QCOMPARE(column(proxy, FleetModel::Version),
                 (QStringList{QStringLiteral("1.2.0"), QStringLiteral("1.9.0"), QStringLiteral("1.10.0"), QStringLiteral("2.3.1")}));
        proxy.sort(FleetModel::Version, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, FleetModel::Version).data().toString(), QStringLiteral("2.3.1"));
    }

    void filterWords_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("names");
        const QString p1 = QStringLiteral("api-prod-1"), p2 = QStringLiteral("api-prod-2"),
                      s1 = QStringLiteral("api-stg-1"), eu = QStringLiteral("platform-eu");
        QTest::newRow("empty") << QString() << QStringList{p1, p2, s1, eu};
        QTest::newRow("free text name") << QStringLiteral("prod-") << QStringList{p1, p2};
        QTest::newRow("free text product") << QStringLiteral("WEBWAKA") << QStringList{eu};
        QTest::newRow("env key") << QStringLiteral("env:prod") << QStringList{p1, p2, eu};
        QTest::newRow("two words") << QStringLiteral("env:prod product:graph-api") << QStringList{p1, p2};
        QTest::newRow("tag") << QStringLiteral("tag:canary") << QStringList{s1};
        QTest::newRow("tag as free text") << QStringLiteral("canary") << QStringList{s1};
        QTest::newRow("version prefix") << QStringLiteral("version:1.") << QStringList{p1, p2, s1};
        QTest::newRow("negated") << QStringLiteral("-env:prod") << QStringList{s1};
        QTest::newRow("channel") << QStringLiteral("channel:frozen") << QStringList{eu};
        QTest::newRow("unfinished key") << QStringLiteral("env:") << QStringList{p1, p2, s1, eu};
        QTest::newRow("no match") << QStringLiteral("nothing-like-this") << QStringList{};
    }
    void filterWords()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, names);
        FleetModel model;
        model.setInstances(smallFleet());
        FleetFilterProxyModel proxy(&model);
        proxy.sort(FleetModel::Name);
        proxy.setFilterText(filter);
        QCOMPARE(column(proxy, FleetModel::Name), names);
    }

    void statusUpdatesAreBatched()
    {
        FleetModel model;
        model.setInstances(smallFleet());
        model.setBatchInterval(40);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy applied(&model, &FleetModel::statusBatchApplied);
        const QDateTime now = m_clock->now();
        for (const Instance &in : smallFleet())
            model.queueStatus(in.name, Health::Healthy, in.currentVersion, now, {});
        QCOMPARE(changed.count(), 0);   // nothing until the batch tick
        QVERIFY(applied.wait(2000));
        QCOMPARE(changed.count(), 1);   // all four rows in one contiguous range
        m_clock->advance(3000);
        QCOMPARE(model.index(0, FleetModel::HealthColumn).data().toString(), QStringLiteral("healthy · 3 s ago"));
    }

    void versionChangeRecomputesPending()
    {
        FleetModel model;
        model.setInstances(smallFleet());
        model.setReleases({makeRelease(QStringLiteral("graph-api"), QStringLiteral("1.10.1"))});
        const int row = model.rowOf(QStringLiteral("api-prod-1"));
        QCOMPARE(model.index(row, FleetModel::Pending).data().toString(), QStringLiteral("1.10.1"));
        model.queueStatus(QStringLiteral("api-prod-1"), Health::Healthy, QStringLiteral("1.10.1"), m_clock->now(), {});
        model.flushUpdates();
        QCOMPARE(model.index(row, FleetModel::Version).data().toString(), QStringLiteral("1.10.1"));
        QCOMPARE(model.index(row, FleetModel::Pending).data().toString(), QString());
        // A down instance reports no version: the last known one stays.
        model.queueStatus(QStringLiteral("api-prod-1"), Health::Down, QString(), {}, QStringLiteral("connection refused"));
        model.flushUpdates();
        QCOMPARE(model.index(row, FleetModel::Version).data().toString(), QStringLiteral("1.10.1"));
        QCOMPARE(model.index(row, FleetModel::HealthColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("connection refused"));
    }

    void healthSortsProblemsFirst()
    {
        FleetModel model;
        model.setInstances(smallFleet());
        model.queueStatus(QStringLiteral("api-prod-1"), Health::Healthy, {}, m_clock->now(), {});
        model.queueStatus(QStringLiteral("api-stg-1"), Health::Down, {}, {}, {});
        model.flushUpdates();
        FleetFilterProxyModel proxy(&model);
        proxy.sort(FleetModel::HealthColumn);
        QCOMPARE(proxy.index(0, FleetModel::Name).data().toString(), QStringLiteral("api-stg-1"));
    }

private:
    std::unique_ptr<ManualClock> m_clock;
};

QTEST_GUILESS_MAIN(TestFleetModel)
#include "tst_fleetmodel.moc"
