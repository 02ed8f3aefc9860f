#include "app/core/Settings.h"
#include "models/Clock.h"
#include "models/itemmodels/FleetModel.h"
#include "tests/gui/DemoFleet.h"
#include "tests/support/TestPaths.h"
#include "ui/MainWindow.h"
#include "ui/fleet/FleetController.h"
#include "ui/fleet/FleetPage.h"
#include "ui/fleet/FleetView.h"
#include "ui/inventory/InMemoryInventoryService.h"

#include <QDir>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;

// Renders the main window with the demo fleet to a PNG. With LOCKSTEP_UPDATE_SCREENSHOTS=1 the image
// replaces docs/screenshots/*.png in the source tree; otherwise it goes to a temporary directory.
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
    }

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
        InMemoryInventoryService inventory(test::demoInstances(24), test::demoReleases());
        MainWindow window(&inventory);
        window.resize(1440, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // A believable moment of a poll: most healthy, one down, one unhealthy.
        const QDateTime now = Clock::instance().now();
        int i = 0;
        for (const FleetModel::Row &row : window.fleetModel()->rows()) {
            const QString &name = row.instance.name;
            Health health = Health::Healthy;
            QString error;
            if (i == 6) {
                health = Health::Down;
                error = QStringLiteral("connection refused");
            } else if (i == 13) {
                health = Health::Unhealthy;
                error = QStringLiteral("/health returned 503");
            }
            window.fleetController()->applyStatus(name, health, {}, health == Health::Down ? now.addSecs(-47) : now.addSecs(-(i % 4)), error);
            ++i;
        }
        window.fleetModel()->flushUpdates();
        window.fleetController()->notePollCompleted(now.addSecs(-2));
        QVERIFY(window.fleetPage()->view()->selectName(QStringLiteral("graph-prod-eu-1")));
        QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("detailsTitle"))->text(), QStringLiteral("graph-prod-eu-1"));

        auto *status = window.findChild<QLabel *>(QStringLiteral("pollStatus"));
        QTRY_VERIFY2(status->text().contains(QStringLiteral("last poll 2 s ago")), qPrintable(status->text()));

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
        QApplication::setPalette(original);
    }

private:
    static QPalette darkPalette()
    {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2e, 0x33));
        p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Base, QColor(0x1f, 0x22, 0x26));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x29, 0x2e));
        p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Button, QColor(0x35, 0x39, 0x3f));
        p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb5));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x39, 0x3f));
        p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xf0));
        p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x95, 0x9c));
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x85, 0x8c));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x85, 0x8c));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x85, 0x8c));
        return p;
    }

    QTemporaryDir m_temp;
    QString m_outputDir;
};

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
