#include "app/core/Settings.h"
#include "models/Clock.h"
#include "models/itemmodels/FleetFilterProxyModel.h"
#include "models/itemmodels/FleetModel.h"
#include "tests/gui/DemoFleet.h"
#include "ui/MainWindow.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageWidget.h"
#include "ui/common/Theme.h"
#include "ui/fleet/FleetController.h"
#include "ui/fleet/FleetPage.h"
#include "ui/fleet/FleetView.h"
#include "ui/inventory/InMemoryInventoryService.h"
#include "ui/inventory/InstanceDialog.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSplitter>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QThread>

using namespace lockstep;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        Settings::createTemporary();
        // The offscreen platform warns about every dialog it cannot size natively; nothing to act on.
        s_previousHandler = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &msg) {
            if (!msg.contains(QLatin1String("does not support propagateSizeHints")))
                s_previousHandler(type, context, msg);
        });
    }

    void init()
    {
        // Any Qt warning a test did not expect fails it (offscreen size-hint noise is filtered above).
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        m_inventory = std::make_unique<InMemoryInventoryService>(test::demoInstances(24), test::demoReleases());
        m_window = std::make_unique<MainWindow>(m_inventory.get());
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_tester = std::make_unique<QAbstractItemModelTester>(proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_window.reset();
        m_inventory.reset();
    }

    void showsTheFleet()
    {
        QCOMPARE(table()->model()->rowCount(), 24);
        QCOMPARE(find<QLabel>("fleetCount")->text(), QStringLiteral("24 instances"));
        QVERIFY(find<QLabel>("pollStatus")->text().startsWith(QStringLiteral("24 instances · 0 healthy · 0 down")));
    }

    void filterNarrowsTheTable()
    {
        auto *filter = find<QLineEdit>("fleetFilter");
        QTest::keyClicks(filter, QStringLiteral("env:prod product:graph"));
        int expected = 0;
        for (const Instance &in : test::demoInstances(24))
            expected += in.environment == QLatin1String("prod") && in.product == QLatin1String("graph-api");
        QVERIFY(expected > 0);
        QCOMPARE(table()->model()->rowCount(), expected);
        QCOMPARE(find<QLabel>("fleetCount")->text(), QStringLiteral("%1 of 24").arg(expected));
        for (int r = 0; r < table()->model()->rowCount(); ++r)
            QCOMPARE(table()->model()->index(r, FleetModel::Product).data().toString(), QStringLiteral("graph-api"));
        QTest::keyClick(filter, Qt::Key_Escape);
        QCOMPARE(filter->text(), QString());
        QCOMPARE(table()->model()->rowCount(), 24);
    }

    void ctrlFFocusesTheFilter()
    {
        table()->setFocus();
        QVERIFY(table()->hasFocus());
        QTest::keySequence(m_window.get(), QKeySequence::Find);
        QTRY_VERIFY(find<QLineEdit>("fleetFilter")->hasFocus());
    }

    void keyboardSelectionShowsDetails()
    {
        const QString name = QStringLiteral("graph-prod-eu-1");
        auto *filter = find<QLineEdit>("fleetFilter");
        filter->setFocus();
        QTest::keyClicks(filter, name);
        QCOMPARE(table()->model()->rowCount(), 1);
        QTest::keyClick(filter, Qt::Key_Down);   // into the table, first row selected
        QTRY_VERIFY(table()->hasFocus());
        QTRY_COMPARE(find<QLabel>("detailsTitle")->text(), name);
        QCOMPARE(find<QLabel>("detailsProduct")->text(), QStringLiteral("graph-api"));
        auto *releases = find<QTableView>("detailsReleases");
        QAbstractItemModelTester releaseTester(releases->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(releases->model()->rowCount() > 0);
        QCOMPARE(releases->model()->index(0, 0).data().toString(), QStringLiteral("2.0.0"));   // newest first
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("actionEditInstance"))->isEnabled());
    }

    void multiSelectionSummarisesDetails()
    {
        table()->setFocus();
        table()->selectRow(0);
        QTest::keyClick(table(), Qt::Key_Down, Qt::ShiftModifier);
        QTest::keyClick(table(), Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(m_window->fleetPage()->selectedNames().size(), 3);
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("actionRemoveInstances"))->isEnabled());
    }

    void copyGivesSelectedNames()
    {
        table()->setFocus();
        table()->selectRow(0);
        QTest::keyClick(table(), Qt::Key_Down, Qt::ShiftModifier);
        QTest::keySequence(table(), QKeySequence::Copy);
        const QStringList names = m_window->fleetPage()->selectedNames();
        QCOMPARE(names.size(), 2);
        QCOMPARE(QGuiApplication::clipboard()->text(), names.join(QLatin1Char('\n')));
    }

    void liveStatusReachesTableDetailsAndStatusBar()
    {
        const QString name = QStringLiteral("graph-prod-eu-1");
        QVERIFY(m_window->fleetPage()->view()->selectName(name));
        m_window->fleetController()->applyStatus(name, Health::Healthy, QStringLiteral("2.0.0"),
                                                 Clock::instance().now(), {});
        m_window->fleetController()->notePollCompleted(Clock::instance().now());
        const int row = m_window->fleetModel()->rowOf(name);
        QTRY_VERIFY(m_window->fleetModel()->index(row, FleetModel::HealthColumn).data().toString()
                        .startsWith(QStringLiteral("healthy · ")));
        QTRY_COMPARE(find<QLabel>("detailsVersion")->text(), QStringLiteral("2.0.0"));
        QCOMPARE(find<QLabel>("detailsPending")->text(), QStringLiteral("up to date"));
        // The version learnt by polling is kept in the inventory.
        const auto stored = m_inventory->instances();
        QVERIFY(std::any_of(stored->cbegin(), stored->cend(), [&](const Instance &in) {
            return in.name == name && in.currentVersion == QLatin1String("2.0.0");
        }));
        QTRY_VERIFY(find<QLabel>("pollStatus")->text().contains(QStringLiteral("1 healthy")));
        QVERIFY(find<QLabel>("pollStatus")->text().contains(QStringLiteral("last poll 0 s ago")));
    }

    void addInstanceValidatesInline()
    {
        m_window->findChild<QAction *>(QStringLiteral("actionAddInstance"))->trigger();
        auto *dialog = m_window->findChild<InstanceDialog *>(QStringLiteral("instanceDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("instanceDialogOk"));
        QTest::mouseClick(ok, Qt::LeftButton);
        auto *message = dialog->findChild<MessageWidget *>(QStringLiteral("instanceDialogMessage"));
        QVERIFY(message->isVisible());
        QVERIFY(message->text().contains(QStringLiteral("Name is required")));
        QVERIFY(dialog->isVisible());

        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("instanceName")), QStringLiteral("graph-prod-eu-1"));
        dialog->findChild<QComboBox *>(QStringLiteral("instanceProduct"))->setCurrentText(QStringLiteral("graph-api"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("instanceVersion")), QStringLiteral("1.x"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("instanceBaseUrl")), QStringLiteral("ftp://nope"));
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(message->text().contains(QStringLiteral("already exists")));
        QVERIFY(message->text().contains(QStringLiteral("not a semantic version")));
        QVERIFY(message->text().contains(QStringLiteral("not an http://")));

        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("instanceName"));
        name->clear();
        QTest::keyClicks(name, QStringLiteral("graph-prod-eu-9"));
        auto *version = dialog->findChild<QLineEdit *>(QStringLiteral("instanceVersion"));
        version->clear();
        QTest::keyClicks(version, QStringLiteral("1.9.0"));
        auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("instanceBaseUrl"));
        url->clear();
        QTest::keyClicks(url, QStringLiteral("http://127.0.0.1:9/i/graph-prod-eu-9"));
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(!dialog->isVisible());

        QCOMPARE(m_window->fleetModel()->rowCount(), 25);
        QCOMPARE(m_inventory->instances()->size(), 25);
        QCOMPARE(m_window->fleetPage()->view()->currentName(), QStringLiteral("graph-prod-eu-9"));
        QVERIFY(find<MessageWidget>("fleetMessage")->text().contains(QStringLiteral("Added graph-prod-eu-9")));
        const int row = m_window->fleetModel()->rowOf(QStringLiteral("graph-prod-eu-9"));
        QCOMPARE(m_window->fleetModel()->index(row, FleetModel::Pending).data().toString(), QStringLiteral("2.0.0"));
    }

    void editRenamesInPlace()
    {
        QVERIFY(m_window->fleetPage()->view()->selectName(QStringLiteral("graph-prod-eu-1")));
        table()->setFocus();
        QTest::keyClick(table(), Qt::Key_Return);
        auto *dialog = m_window->findChild<InstanceDialog *>(QStringLiteral("instanceDialog"));
        QVERIFY(dialog);
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("instanceName"));
        QCOMPARE(name->text(), QStringLiteral("graph-prod-eu-1"));
        name->clear();
        QTest::keyClicks(name, QStringLiteral("graph-prod-eu-renamed"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("instanceDialogOk")), Qt::LeftButton);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(m_window->fleetModel()->rowCount(), 24);
        QCOMPARE(m_window->fleetModel()->rowOf(QStringLiteral("graph-prod-eu-1")), -1);
        QVERIFY(m_window->fleetModel()->rowOf(QStringLiteral("graph-prod-eu-renamed")) >= 0);
    }

    void removeIsUndoable()
    {
        QVERIFY(m_window->fleetPage()->view()->selectName(QStringLiteral("graph-prod-eu-1")));
        table()->setFocus();
        QTest::keyClick(table(), Qt::Key_Delete);
        QCOMPARE(m_window->fleetModel()->rowCount(), 23);
        QCOMPARE(m_inventory->instances()->size(), 23);
        auto *message = find<MessageWidget>("fleetMessage");
        QVERIFY(message->text().contains(QStringLiteral("Removed graph-prod-eu-1")));
        emit message->linkActivated(QStringLiteral("undo"));
        QCOMPARE(m_window->fleetModel()->rowCount(), 24);
        QVERIFY(m_window->fleetModel()->rowOf(QStringLiteral("graph-prod-eu-1")) >= 0);
    }

    void failedImportChangesNothingAndSaysWhere()
    {
        m_inventory->setImporter([](const QString &path) -> Result<QList<Instance>> {
            return Error{QStringLiteral("unknown key 'hots'"), path + QStringLiteral(":3:1"),
                         QStringLiteral("did you mean 'hosts'?")};
        });
        FileDialog::setNextFileName(QStringLiteral("/tmp/broken-inventory.yaml"));
        // The failure is logged as well as shown.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("Nothing was imported from broken-inventory.yaml")));
        m_window->findChild<QAction *>(QStringLiteral("actionImportInventory"))->trigger();
        auto *message = find<MessageWidget>("fleetMessage");
        // Read on a worker: the error arrives a moment later.
        QTRY_COMPARE(message->type(), MessageWidget::Type::Error);
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(QStringLiteral("/tmp/broken-inventory.yaml:3:1")), qPrintable(message->text()));
        QVERIFY(message->text().contains(QStringLiteral("Nothing was imported")));
        QCOMPARE(m_window->fleetModel()->rowCount(), 24);
    }

    void importAddsInstances()
    {
        m_inventory->setImporter([](const QString &) -> Result<QList<Instance>> {
            Instance in;
            in.name = QStringLiteral("imported-1");
            in.product = QStringLiteral("graph-api");
            in.environment = QStringLiteral("staging");
            in.currentVersion = QStringLiteral("1.9.1");
            return QList<Instance>{in};
        });
        FileDialog::setNextFileName(QStringLiteral("/tmp/inventory.ini"));
        QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_I));
        // The file is read on a worker thread; the window says so meanwhile.
        QTRY_COMPARE(m_window->fleetModel()->rowCount(), 25);
        QVERIFY(find<MessageWidget>("fleetMessage")->text().contains(QStringLiteral("Imported 1 instance")));
        // Cancelling the file dialog does nothing.
        FileDialog::setNextFileName({});
        m_window->findChild<QAction *>(QStringLiteral("actionImportInventory"))->trigger();
        QCOMPARE(m_window->fleetModel()->rowCount(), 25);
    }

    void importReadsTheFileOffTheGuiThread()
    {
        // The importer holds until the test lets it go: meanwhile the window keeps handling events.
        auto gate = std::make_shared<QSemaphore>();
        auto readOn = std::make_shared<QThread *>(nullptr);
        m_inventory->setImporter([gate, readOn](const QString &) -> Result<QList<Instance>> {
            *readOn = QThread::currentThread();
            gate->acquire();
            Instance in;
            in.name = QStringLiteral("imported-late");
            in.product = QStringLiteral("graph-api");
            in.environment = QStringLiteral("staging");
            return QList<Instance>{in};
        });
        const int before = m_window->fleetModel()->rowCount();
        FileDialog::setNextFileName(QStringLiteral("/tmp/slow-inventory.yaml"));
        m_window->findChild<QAction *>(QStringLiteral("actionImportInventory"))->trigger();
        // The status bar shows the import with Cancel; a timer keeps ticking while the file is read.
        auto *progress = find<QWidget>("importProgress");
        QVERIFY(progress->isVisible());
        QVERIFY(progress->findChild<QLabel *>(QStringLiteral("taskText"))->text().contains(QStringLiteral("Importing slow-inventory.yaml")));
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10);
        QTRY_VERIFY(ticks >= 5);
        QCOMPARE(m_window->fleetModel()->rowCount(), before);
        gate->release();
        QTRY_COMPARE(m_window->fleetModel()->rowCount(), before + 1);
        QVERIFY(*readOn && *readOn != QThread::currentThread());
        QVERIFY(find<MessageWidget>("fleetMessage")->text().contains(QStringLiteral("Imported 1 instance")));
        QTRY_VERIFY(!progress->isVisible());
    }

    void cancelledImportImportsNothing()
    {
        auto gate = std::make_shared<QSemaphore>();
        m_inventory->setImporter([gate](const QString &) -> Result<QList<Instance>> {
            gate->acquire();
            Instance in;
            in.name = QStringLiteral("imported-never");
            in.product = QStringLiteral("graph-api");
            in.environment = QStringLiteral("staging");
            return QList<Instance>{in};
        });
        const int before = m_window->fleetModel()->rowCount();
        FileDialog::setNextFileName(QStringLiteral("/tmp/cancelled-inventory.yaml"));
        m_window->findChild<QAction *>(QStringLiteral("actionImportInventory"))->trigger();
        auto *progress = find<QWidget>("importProgress");
        QVERIFY(progress->isVisible());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("Nothing was imported from cancelled-inventory.yaml")));
        QTest::mouseClick(progress->findChild<QPushButton *>(QStringLiteral("taskCancel")), Qt::LeftButton);
        gate->release();
        QTRY_VERIFY(!progress->isVisible());
        auto *message = find<MessageWidget>("fleetMessage");
        QTRY_VERIFY2(message->text().contains(QStringLiteral("import cancelled")), qPrintable(message->text()));
        QCOMPARE(m_window->fleetModel()->rowCount(), before);
        QCOMPARE(m_window->fleetModel()->rowOf(QStringLiteral("imported-never")), -1);
    }

    void versionColumnSortsBySemVer()
    {
        table()->sortByColumn(FleetModel::Version, Qt::AscendingOrder);
        QString previous;
        for (int r = 0; r < table()->model()->rowCount(); ++r) {
            const QString v = table()->model()->index(r, FleetModel::Version).data().toString();
            if (!previous.isEmpty())
                QVERIFY2(*SemVer::parse(previous) <= *SemVer::parse(v), qPrintable(previous + QStringLiteral(" > ") + v));
            previous = v;
        }
    }

    void followsASystemSwitchToDark()
    {
        QTest::ignoreMessage(QtWarningMsg, "something failed");
        m_window->showError(QStringLiteral("something failed"));
        auto *message = find<MessageWidget>("fleetMessage");
        QVERIFY(!Theme::isDark(message->palette()));
        const QPalette original = QApplication::palette();
        QPalette dark = original;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2e, 0x33));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1f, 0x22, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        QApplication::setPalette(dark);
        // The error bar switches to its dark variant without a restart.
        QTRY_COMPARE(message->palette().color(QPalette::Window), Theme::background(Theme::Tone::Bad, true));
        QApplication::setPalette(original);
        QTRY_COMPARE(message->palette().color(QPalette::Window), Theme::background(Theme::Tone::Bad, false));
    }

    void windowAndSplitterStateAreKept()
    {
        auto *splitter = find<QSplitter>("fleetSplitter");
        splitter->setSizes({700, 500});
        const QList<int> sizes = splitter->sizes();
        m_window->close();
        m_window = std::make_unique<MainWindow>(m_inventory.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QCOMPARE(find<QSplitter>("fleetSplitter")->sizes(), sizes);
        m_tester.reset();
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
    QAbstractItemModel *proxy() const { return table()->model(); }

    std::unique_ptr<InMemoryInventoryService> m_inventory;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
