#include "app/core/Settings.h"
#include "models/itemmodels/FleetModel.h"
#include "tests/gui/FleetSimInventory.h"
#include "ui/inventory/InMemoryInventoryService.h"
#include "tests/support/FleetSim.h"
#include "ui/MainWindow.h"
#include "ui/fleet/FleetDiscovery.h"
#include "ui/fleet/FleetPage.h"
#include "ui/fleet/FleetView.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

using namespace lockstep;
using namespace std::chrono_literals;

// The fleet screen against a running lockstep-fleetsim: the real poller and release feeds drive it.
class TestFleetLive : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        Settings::createTemporary();
        s_previousHandler = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &msg) {
            if (!msg.contains(QLatin1String("does not support propagateSizeHints")))
                s_previousHandler(type, context, msg);
        });
        if (const QString failure = m_sim.start({QStringLiteral("--demo"), QStringLiteral("--seed"), QStringLiteral("42"),
                                                 QStringLiteral("--upgrade-ms"), QStringLiteral("200")});
            !failure.isEmpty())
            QFAIL(qPrintable(failure));
        auto inventory = test::loadFleetSimInventory(m_sim);
        QVERIFY2(inventory.ok(), qPrintable(inventory.ok() ? QString() : inventory.error().toString()));
        QCOMPARE(inventory->instances.size(), 30);
        QCOMPARE(inventory->products.size(), 5);
        m_inventory = std::make_unique<InMemoryInventoryService>(inventory->instances, QList<Release>{});
        m_inventory->setProducts(inventory->products);
        m_window = std::make_unique<MainWindow>(m_inventory.get());
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_tester = std::make_unique<QAbstractItemModelTester>(table()->model(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_discovery = std::make_unique<FleetDiscovery>(m_window->fleetController());
        m_discovery->start(200ms);
    }

    void cleanupTestCase()
    {
        m_discovery.reset();
        m_tester.reset();
        m_window.reset();
    }

    void pollerFillsVersionsAndHealth()
    {
        FleetModel *fleet = m_window->fleetModel();
        auto everyonePolled = [fleet] {
            for (const FleetModel::Row &row : fleet->rows()) {
                if (row.instance.health == Health::Unknown || row.instance.currentVersion.isEmpty())
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(everyonePolled(), 15000);
        // The demo fleet has unhealthy instances on purpose: the summary must count what the table shows.
        int healthy = 0;
        for (const FleetModel::Row &row : fleet->rows())
            healthy += row.instance.health == Health::Healthy;
        QVERIFY(healthy > 20);
        QTRY_VERIFY(find<QLabel>("pollStatus")->text().contains(QStringLiteral("30 instances · %1 healthy").arg(healthy)));
        for (int row = 0; row < fleet->rowCount(); ++row)
            QVERIFY2(SemVer::isValid(fleet->index(row, FleetModel::Version).data().toString()),
                     qPrintable(fleet->index(row, FleetModel::Name).data().toString()));
        QVERIFY(find<QLabel>("pollStatus")->text().contains(QStringLiteral("last poll")));
    }

    void filterThenSelectShowsDetailsWithReleases()
    {
        auto *filter = find<QLineEdit>("fleetFilter");
        filter->setFocus();
        QTest::keyClicks(filter, QStringLiteral("env:prod product:graph"));
        QTRY_COMPARE(table()->model()->rowCount(), 4);
        QTest::keyClick(filter, Qt::Key_Down);
        QTRY_VERIFY(!find<QLabel>("detailsTitle")->text().isEmpty());
        const QString name = find<QLabel>("detailsTitle")->text();
        QVERIFY(name.startsWith(QStringLiteral("graph-prod-")));
        QCOMPARE(find<QLabel>("detailsProduct")->text(), QStringLiteral("graph-api"));
        QCOMPARE(find<QLabel>("detailsState")->text(), QStringLiteral("active"));
        // Feeds were read: the instances behind the newest release list newer releases with notes.
        auto *releases = find<QTableView>("detailsReleases");
        FleetModel *fleet = m_window->fleetModel();
        QTRY_VERIFY_WITH_TIMEOUT(!fleet->releasesOf(QStringLiteral("graph-api")).isEmpty(), 10000);
        const int row = fleet->rowOf(name);
        if (!fleet->rowAt(row).pending.isEmpty()) {
            QTRY_VERIFY(releases->model()->rowCount() > 0);
            QVERIFY(releases->model()->index(0, 0).data(Qt::UserRole + 1).toUrl().isValid());
        }
        filter->clear();
    }

    void downInstanceShowsDownAndComesBack()
    {
        const QString name = QStringLiteral("realtime-prod-2");
        QVERIFY(m_sim.inject(name, QStringLiteral("down")));
        FleetModel *fleet = m_window->fleetModel();
        const int row = fleet->rowOf(name);
        QTRY_VERIFY_WITH_TIMEOUT(fleet->index(row, FleetModel::HealthColumn).data().toString().startsWith(QStringLiteral("down")), 10000);
        QTRY_VERIFY(find<QLabel>("pollStatus")->text().contains(QStringLiteral("1 down")));
        QVERIFY(!fleet->index(row, FleetModel::HealthColumn).data(Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(m_sim.inject(name, QStringLiteral("none")));
        // The poller backs off dead hosts; recovery may take a few intervals.
        QTRY_VERIFY_WITH_TIMEOUT(fleet->index(row, FleetModel::HealthColumn).data().toString().startsWith(QStringLiteral("healthy")), 15000);
    }

    void upgradeShowsNewVersionInTableAndDetails()
    {
        FleetModel *fleet = m_window->fleetModel();
        // Any instance with a pending version: upgrade it through the simulator's API and watch.
        QString name, target;
        for (const FleetModel::Row &row : fleet->rows()) {
            if (!row.pending.isEmpty() && row.instance.health == Health::Healthy) {
                name = row.instance.name;
                target = row.pending;
                break;
            }
        }
        QVERIFY2(!name.isEmpty(), "no instance of the demo fleet has a pending version");
        QVERIFY(m_window->fleetPage()->view()->selectName(name));
        QTRY_COMPARE(find<QLabel>("detailsTitle")->text(), name);
        const auto response = m_sim.post(QStringLiteral("/api/instances/%1/upgrade").arg(name),
                                         QJsonObject{{QStringLiteral("version"), target}});
        QVERIFY2(response.status == 202, response.body.constData());
        const int row = fleet->rowOf(name);
        QTRY_COMPARE_WITH_TIMEOUT(fleet->index(row, FleetModel::Version).data().toString(), target, 15000);
        QTRY_COMPARE(find<QLabel>("detailsVersion")->text(), target);
    }

private:
    static inline QtMessageHandler s_previousHandler = nullptr;

    template<typename T>
    T *find(const char *name) const
    {
        T *widget = m_window->findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no widget called %s", name);
        return widget;
    }
    FleetView *table() const { return find<FleetView>("fleetTable"); }

    test::FleetSim m_sim;
    std::unique_ptr<InMemoryInventoryService> m_inventory;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<FleetDiscovery> m_discovery;
};

QTEST_MAIN(TestFleetLive)
#include "tst_fleetlive.moc"
