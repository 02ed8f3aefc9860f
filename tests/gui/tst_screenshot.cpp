#include "app/core/Logging.h"
#include "app/core/Settings.h"
#include "models/itemmodels/FleetModel.h"
#include "tests/gui/FleetSimInventory.h"
#include "ui/inventory/InMemoryInventoryService.h"
#include "tests/support/FleetSim.h"
#include "tests/support/TestPaths.h"
#include "ui/MainWindow.h"
#include "ui/fleet/FleetDiscovery.h"
#include "ui/fleet/FleetPage.h"
#include "ui/fleet/FleetView.h"

#include <QDir>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace std::chrono_literals;

// Renders the main window on the fleetsim demo fleet, polled for real, to PNGs (light and dark).
// With LOCKSTEP_UPDATE_SCREENSHOTS=1 they replace docs/screenshots/*.png in the source tree;
// otherwise they go to a temporary directory.
class TestScreenshot : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        Settings::createTemporary();
        if (qEnvironmentVariableIntValue("LOCKSTEP_UPDATE_SCREENSHOTS") == 1) {
            m_outputDir = test::sourceDir() + QStringLiteral("/docs/screenshots");
        } else {
            QVERIFY(m_temp.isValid());
            m_outputDir = m_temp.path();
        }
        QVERIFY(QDir().mkpath(m_outputDir));
        // The log panel shows what the real log says.
        Logging::Options options;
        options.directory = m_temp.path();
        options.console = false;
        QVERIFY(Logging::init(options).ok());
        if (const QString failure = m_sim.start({QStringLiteral("--demo"), QStringLiteral("--seed"), QStringLiteral("42"),
                                                 QStringLiteral("--inject"), QStringLiteral("realtime-prod-3=down")});
            !failure.isEmpty())
            QFAIL(qPrintable(failure));
    }

    void cleanupTestCase() { Logging::shutdown(); }

    void mainWindow_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << QStringLiteral("main-window.png") << false;
        QTest::newRow("dark") << QStringLiteral("main-window-dark.png") << true;
    }

    void mainWindow()
    {
        QFETCH(QString, file);
        QFETCH(bool, dark);
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(darkPalette());
        auto loaded = test::loadFleetSimInventory(m_sim);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        InMemoryInventoryService inventory(loaded->instances, {});
        inventory.setProducts(loaded->products);
        MainWindow window(&inventory);
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        FleetDiscovery discovery(window.fleetController());
        discovery.start(1000ms);

        FleetModel *fleet = window.fleetModel();
        auto settled = [fleet] {
            bool anyPending = false;
            for (const FleetModel::Row &row : fleet->rows()) {
                if (row.instance.health == Health::Unknown)
                    return false;
                anyPending |= !row.pending.isEmpty();
            }
            return anyPending;   // feeds read as well
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 20000);
        QVERIFY(window.fleetPage()->view()->selectName(QStringLiteral("graph-prod-2")));
        QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("detailsTitle"))->text(), QStringLiteral("graph-prod-2"));
        auto *status = window.findChild<QLabel *>(QStringLiteral("pollStatus"));
        QTRY_VERIFY2(status->text().contains(QStringLiteral("1 down")), qPrintable(status->text()));

        // Let pending layout requests (status bar, splitter) run before the picture is taken.
        QCoreApplication::processEvents();
        const QImage image = window.grab().toImage();
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
        // Not blank: a real rendering has text, badges and rows, so many distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 50, qPrintable(QStringLiteral("only %1 colours").arg(colours.size())));
        const QString path = m_outputDir + QLatin1Char('/') + file;
        QVERIFY2(image.save(path), qPrintable(path));
        qInfo().noquote() << "screenshot written to" << path;
        discovery.stop();
        QApplication::setPalette(original);
    }

private:
    static QPalette darkPalette()
    {
        QPalette p;
        const QColor text(0xe6, 0xe6, 0xe6), muted(0x80, 0x85, 0x8c);
        p.setColor(QPalette::Window, QColor(0x2b, 0x2e, 0x33));
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, QColor(0x1f, 0x22, 0x26));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x29, 0x2e));
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, QColor(0x35, 0x39, 0x3f));
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb5));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x39, 0x3f));
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xf0));
        p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x95, 0x9c));
        p.setColor(QPalette::Disabled, QPalette::Text, muted);
        p.setColor(QPalette::Disabled, QPalette::WindowText, muted);
        p.setColor(QPalette::Disabled, QPalette::ButtonText, muted);
        return p;
    }

    QTemporaryDir m_temp;
    QString m_outputDir;
    test::FleetSim m_sim;
};

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
