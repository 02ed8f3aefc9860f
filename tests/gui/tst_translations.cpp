#include "app/core/Settings.h"
#include "ui/MainWindow.h"
#include "ui/inventory/InMemoryInventoryService.h"

#include <QMenuBar>
#include <QLabel>
#include <QTableView>
#include <QTest>
#include <QTranslator>

using namespace lockstep;

// The German translation is complete for the main window and is what a German locale gets.
class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { Settings::createTemporary(); }

    void germanMainWindow()
    {
        QTranslator translator;
        // The same lookup main.cpp does, on the .qm lrelease built for the application.
        QVERIFY(translator.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("lockstep"), QStringLiteral("_"),
                                QStringLiteral(LOCKSTEP_QM_DIR)));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        InMemoryInventoryService inventory;
        MainWindow window(&inventory);
        QStringList menus;
        for (QAction *action : window.menuBar()->actions())
            menus << action->text();
        QCOMPARE(menus, (QStringList{QStringLiteral("&Datei"), QStringLiteral("F&lotte"), QStringLiteral("&Upgrade"),
                                     QStringLiteral("&Ansicht")}));
        auto *startUpgrade = window.findChild<QAction *>(QStringLiteral("actionStartUpgrade"));
        QVERIFY(startUpgrade);
        QCOMPARE(startUpgrade->text(), QStringLiteral("Upgrade &starten…"));
        QCOMPARE(window.findChild<QAction *>(QStringLiteral("actionTestSshConnection"))->text(),
                 QStringLiteral("SSH-Verbindung &testen…"));
        QCOMPARE(window.findChild<QAction *>(QStringLiteral("actionScanHostKeys"))->text(),
                 QStringLiteral("SSH-Hostschlüssel &prüfen…"));
        auto *monitoring = window.findChild<QAction *>(QStringLiteral("actionShowMonitoring"));
        QVERIFY(monitoring);
        QCOMPARE(monitoring->text(), QStringLiteral("&Überwachung"));
        auto *table = window.findChild<QTableView *>(QStringLiteral("fleetTable"));
        QCOMPARE(table->model()->headerData(6, Qt::Horizontal).toString(), QStringLiteral("Zustand"));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("pollStatus"))->text(),
                 QStringLiteral("0 Instanzen · 0 gesund · 0 ausgefallen · noch nicht abgefragt"));
        QCoreApplication::removeTranslator(&translator);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
