#include "app/core/Settings.h"
#include "app/ssh/HostKeyInfo.h"
#include "tests/gui/TranslationFile.h"
#include "ui/MainWindow.h"
#include "ui/common/MessageWidget.h"
#include "ui/inventory/InMemoryInventoryService.h"
#include "ui/inventory/InstanceDialog.h"
#include "ui/monitoring/MonitoringView.h"
#include "ui/ssh/ConnectionTestDialog.h"
#include "ui/ssh/HostKeyScanDialog.h"
#include "ui/ssh/HostKeyTrustDialog.h"
#include "ui/ssh/PassphraseDialog.h"
#include "ui/ssh/SshConsole.h"
#include "ui/audit/AuditEventModel.h"
#include "ui/audit/AuditPage.h"
#include "ui/report/ReportPage.h"
#include "ui/runs/RunsPage.h"
#include "ui/upgrade/ChecklistPage.h"
#include "ui/upgrade/PlanPage.h"
#include "ui/upgrade/ProgressPage.h"
#include "ui/upgrade/UpgradeWindow.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>

using namespace lockstep;
using namespace lockstep::test;

// The German translation is complete and is what a German locale gets:
// - every tr() string of the sources has German (lupdate runs on a copy of lockstep_de.ts, so a new
//   string fails here even before anyone ran the lockstep_lupdate target), and each translation keeps
//   its source's placeholders, accelerator, "…" and markup;
// - with the translator main.cpp loads, each area of the console shows German: fleet, upgrade pages,
//   runs, audit, report, monitoring, SSH dialogs, notifications;
// - German does not break the layouts: no accelerator twice in a menu or page, no button narrower than
//   its text. The windows are rendered to PNGs (into LOCKSTEP_TRANSLATION_SHOTS if set, to look at).
class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        Settings::createTemporary();
        // The same lookup main.cpp does, on the .qm lrelease built for the application.
        QVERIFY(m_translator.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("lockstep"), QStringLiteral("_"),
                                  QStringLiteral(LOCKSTEP_QM_DIR)));
        QVERIFY(QCoreApplication::installTranslator(&m_translator));
        QVERIFY(m_shots.isValid());
        m_shotDir = qEnvironmentVariable("LOCKSTEP_TRANSLATION_SHOTS", m_shots.path());
        QVERIFY(QDir().mkpath(m_shotDir));
    }

    void cleanupTestCase() { QCoreApplication::removeTranslator(&m_translator); }

    void everySourceStringHasGerman()
    {
        // lupdate on a copy: what the lockstep_lupdate target would produce, without touching the source tree.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("lockstep_de.ts"));
        QVERIFY(QFile::copy(QStringLiteral(LOCKSTEP_TS_FILE), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(LOCKSTEP_LUPDATE),
                      {QStringLiteral("@" LOCKSTEP_LUPDATE_SOURCES), QStringLiteral("-ts"), copy, QStringLiteral("-no-obsolete"),
                       QStringLiteral("-locations"), QStringLiteral("absolute")});
        QVERIFY2(lupdate.waitForFinished(60000), qPrintable(QStringLiteral(LOCKSTEP_LUPDATE " did not finish: ") + lupdate.errorString()));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());

        const auto committed = TranslationFile::read(QStringLiteral(LOCKSTEP_TS_FILE));
        QVERIFY2(committed, qPrintable(committed ? QString() : committed.error().toString()));
        const auto current = TranslationFile::read(copy);
        QVERIFY2(current, qPrintable(current ? QString() : current.error().toString()));
        QVERIFY2(current->messages.size() > 400, qPrintable(QString::number(current->messages.size())));

        QStringList missing;
        for (const TranslationFile::Message &m : current->messages) {
            if (m.isFinished())
                continue;
            const bool known = committed->find(m.context, m.source) != nullptr;
            missing << QStringLiteral("  %1 [%2] \"%3\"%4")
                           .arg(sourceLocation(dir.path(), m), m.context, m.source,
                                known ? QStringLiteral(" (unfinished in lockstep_de.ts)")
                                      : QStringLiteral(" (not in lockstep_de.ts yet)"));
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("%1 user-visible string(s) have no German translation. Run `cmake --build build "
                                           "--target lockstep_lupdate`, translate them in translations/lockstep_de.ts "
                                           "(docs/gui.md, \"Translation\"), then run tst_translations again:\n%2")
                                .arg(missing.size())
                                .arg(missing.join(QLatin1Char('\n')))));
    }

    void translationsKeepTheirSourcesShape()
    {
        const auto ts = TranslationFile::read(QStringLiteral(LOCKSTEP_TS_FILE));
        QVERIFY2(ts, qPrintable(ts ? QString() : ts.error().toString()));
        QStringList problems;
        for (const TranslationFile::Message &m : ts->messages)
            if (const QString p = m.shapeProblem(); m.isFinished() && !p.isEmpty())
                problems << QStringLiteral("  %1 [%2] \"%3\": %4").arg(sourceLocation(QFileInfo(QStringLiteral(LOCKSTEP_TS_FILE)).path(), m),
                                                                       m.context, m.source, p);
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("translations/lockstep_de.ts:\n") + problems.join(QLatin1Char('\n'))));
    }

    void germanMainWindow()
    {
        InMemoryInventoryService inventory;
        MainWindow window(&inventory);
        QStringList menus;
        for (QAction *action : window.menuBar()->actions())
            menus << action->text();
        QCOMPARE(menus, (QStringList{QStringLiteral("&Datei"), QStringLiteral("F&lotte"), QStringLiteral("&Upgrade"),
                                     QStringLiteral("&Ansicht")}));
        QCOMPARE(action(&window, "actionStartUpgrade")->text(), QStringLiteral("Upgrade &starten…"));
        QCOMPARE(action(&window, "actionTestSshConnection")->text(), QStringLiteral("SSH-Verbindung &testen…"));
        QCOMPARE(action(&window, "actionScanHostKeys")->text(), QStringLiteral("SSH-Hostschlüssel &prüfen…"));
        QCOMPARE(action(&window, "actionShowAudit")->text(), QStringLiteral("&Audit-Log"));
        QCOMPARE(action(&window, "actionShowMonitoring")->text(), QStringLiteral("&Überwachung"));
        auto *table = window.findChild<QTableView *>(QStringLiteral("fleetTable"));
        QCOMPARE(table->model()->headerData(6, Qt::Horizontal).toString(), QStringLiteral("Zustand"));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("pollStatus"))->text(),
                 QStringLiteral("0 Instanzen · 0 gesund · 0 ausgefallen · noch nicht abgefragt"));
        QVERIFY(window.findChild<QLineEdit *>(QStringLiteral("fleetFilter"))->placeholderText().startsWith(QStringLiteral("Filter (Strg+F): Name")));
        // The monitoring window
        MonitoringView *monitoring = window.monitoringView();
        QCOMPARE(monitoring->windowTitle(), QStringLiteral("Überwachung — Lockstep"));
        auto *range = monitoring->findChild<QComboBox *>(QStringLiteral("monitorRange"));
        QVERIFY(range->findText(QStringLiteral("Letzte Stunde")) >= 0);
        checkAccelerators(monitoring->objectName(), monitoring);
        for (QMenu *menu : window.menuBar()->findChildren<QMenu *>())
            checkAccelerators(menu->title(), menu->actions());
        checkAccelerators(QStringLiteral("menu bar"), window.menuBar()->actions());
    }

    void germanUpgradePages()
    {
        UpgradeWindow window;
        QCOMPARE(window.windowTitle(), QStringLiteral("Upgrade — Lockstep"));
        QStringList tabs;
        for (int i = 0; i < window.tabs()->count(); ++i)
            tabs << window.tabs()->tabText(i);
        QCOMPARE(tabs, (QStringList{QStringLiteral("1 · Plan"), QStringLiteral("2 · Checkliste"), QStringLiteral("3 · Fortschritt"),
                                    QStringLiteral("Läufe"), QStringLiteral("Audit"), QStringLiteral("Bericht")}));
        // Plan
        QCOMPARE(button(&window, "planCreateRun")->text(), QStringLiteral("Lauf &anlegen"));
        QCOMPARE(window.findChild<QCheckBox *>(QStringLiteral("planOverride"))->text(), QStringLiteral("Kanalrichtlinie übersteuern"));
        QCOMPARE(window.findChild<QRadioButton *>(QStringLiteral("planScopeProduct"))->text(), QStringLiteral("Alle ausstehenden des Produkts"));
        // Checklist
        QCOMPARE(button(&window, "checklistSignOff")->text(), QStringLiteral("&Abzeichnen"));
        QCOMPARE(button(&window, "checklistStart")->text(), QStringLiteral("Upgrade s&tarten"));
        auto *checklist = window.findChild<QTableView *>(QStringLiteral("checklistTable"));
        QCOMPARE(checklist->model()->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Abzeichnungen"));
        // Progress: the run's toolbar, its tabs and the gates
        ProgressPage *progress = window.progressPage();
        QCOMPARE(action(progress, "actionApproveWave")->text(), QStringLiteral("Welle &freigeben"));
        QCOMPARE(action(progress, "actionRollbackWave")->text(), QStringLiteral("Rollback: We&lle…"));
        QCOMPARE(action(progress, "actionEmergencyRollback")->text(), QStringLiteral("&Notfall-Rollback…"));
        auto *progressTabs = progress->findChild<QTabWidget *>(QStringLiteral("progressTabs"));
        QCOMPARE(progressTabs->tabText(1), QStringLiteral("Zeitverlauf"));
        QCOMPARE(button(progress, "rollbackCancel")->text(), QStringLiteral("Rollback &abbrechen"));
        auto *gates = progress->findChild<QTableWidget *>(QStringLiteral("gateTable"));
        QCOMPARE(gates->horizontalHeaderItem(3)->text(), QStringLiteral("Schwellwert"));
        QCOMPARE(progress->findChild<QLabel *>(QStringLiteral("outputTitle"))->text(),
                 QStringLiteral("Wählen Sie einen Schritt im Raster aus, um seine Ausgabe zu sehen."));
        // Runs
        RunsPage *runs = window.runsPage();
        QCOMPARE(button(runs, "runsOpen")->text(), QStringLiteral("&Öffnen"));
        QCOMPARE(runs->findChild<QTableView *>(QStringLiteral("runsTable"))->model()->headerData(5, Qt::Horizontal).toString(),
                 QStringLiteral("Status"));
        QCOMPARE(runs->findChild<QLineEdit *>(QStringLiteral("runsFilter"))->placeholderText(),
                 QStringLiteral("Läufe filtern (Runbook, Produkt, Version, Operator, Status …)"));
        // Audit
        QCOMPARE(button(window.auditPage(), "auditVerify")->text(), QStringLiteral("Kette &prüfen"));
        QCOMPARE(window.auditPage()->findChild<QTableView *>(QStringLiteral("auditTable"))->model()->headerData(AuditEventModel::Reason, Qt::Horizontal).toString(),
                 QStringLiteral("Begründung"));
        // Report
        QCOMPARE(button(window.reportPage(), "reportExportPdf")->text(), QStringLiteral("&PDF exportieren…"));

        for (QWidget *page : {static_cast<QWidget *>(window.planPage()), static_cast<QWidget *>(window.checklistPage()),
                              static_cast<QWidget *>(progress), static_cast<QWidget *>(runs),
                              static_cast<QWidget *>(window.auditPage()), static_cast<QWidget *>(window.reportPage())})
            checkAccelerators(page->objectName(), page);
    }

    void germanSshDialogs()
    {
        SshConsole console;
        // Nothing listens on port 1: the test fails fast and says so in German.
        ConnectionTestDialog test(&console, QStringLiteral("graph-prod-1"), QStringLiteral("ops@127.0.0.1:1"), SshOptions{});
        QCOMPARE(test.windowTitle(), QStringLiteral("SSH-Verbindungstest: graph-prod-1"));
        QCOMPARE(button(&test, "connectionTestAgain")->text(), QStringLiteral("&Erneut testen"));
        test.start();
        QTRY_VERIFY_WITH_TIMEOUT(!test.isRunning(), 20000);
        QVERIFY2(test.message()->text().startsWith(QStringLiteral("Verbindung fehlgeschlagen: ")), qPrintable(test.message()->text()));
        checkAccelerators(test.objectName(), &test);

        HostKeyInfo key;
        key.target = QStringLiteral("ops@db-prod-1.example.org");
        key.host = QStringLiteral("db-prod-1.example.org");
        key.keyType = QStringLiteral("ssh-ed25519");
        key.fingerprint = QStringLiteral("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
        key.knownHostsFile = QDir::home().filePath(QStringLiteral(".ssh/known_hosts"));
        HostKeyTrustDialog trust(&console, QStringLiteral("db-prod-1"), key.target, SshOptions{}, key);
        QCOMPARE(trust.windowTitle(), QStringLiteral("Hostschlüssel von db-prod-1.example.org vertrauen"));
        QCOMPARE(button(&trust, "hostKeyTrustConfirm")->text(), QStringLiteral("&Vertrauen und in known_hosts eintragen"));
        checkAccelerators(trust.objectName(), &trust);

        PassphraseDialog passphrase(QStringLiteral("/home/ops/.ssh/id_ed25519"));
        QCOMPARE(passphrase.windowTitle(), QStringLiteral("Passphrase des SSH-Schlüssels"));
        QCOMPARE(button(&passphrase, "passphraseOk")->text(), QStringLiteral("Entsperren"));

        HostKeyScanDialog scan(&console, {{QStringLiteral("graph-prod-1"), QStringLiteral("ops@127.0.0.1:1"), SshOptions{}}});
        QCOMPARE(scan.table()->horizontalHeaderItem(HostKeyScanDialog::FingerprintColumn)->text(), QStringLiteral("Fingerabdruck"));
        QCOMPARE(scan.table()->item(0, HostKeyScanDialog::StateColumn)->text(), QStringLiteral("nicht geprüft"));
        scan.scan();
        QTRY_VERIFY_WITH_TIMEOUT(!scan.isBusy(), 20000);
        QCOMPARE(scan.table()->item(0, HostKeyScanDialog::StateColumn)->text(), QStringLiteral("nicht erreichbar"));
        QVERIFY2(scan.message()->text().startsWith(QStringLiteral("0 vertrauenswürdig, 0 nicht vertrauenswürdig, 0 geändert, 1 nicht erreichbar.")),
                 qPrintable(scan.message()->text()));
        checkAccelerators(scan.objectName(), &scan);

        // The instance dialog holds the SSH settings: one accelerator set for both.
        InstanceDialog instance(Instance{}, {}, {QStringLiteral("graph")}, [](const Instance &, const QString &) { return okStatus(); });
        checkAccelerators(instance.objectName(), &instance);
        QCOMPARE(instance.findChild<QCheckBox *>(QStringLiteral("sshReadConfig"))->text(), QStringLiteral("ssh_confi&g lesen"));
    }

    // Strings shown outside the widgets above (notifications, run messages, durations), by context.
    void germanStringsOfEveryArea_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("german");
        auto row = [](const char *context, const char *source, const char *german) {
            QTest::newRow(source) << QString::fromUtf8(context) << QString::fromUtf8(source) << QString::fromUtf8(german);
        };
        row("lockstep::FleetPage", "%1 of %2", "%1 von %2");
        row("lockstep::InstanceDetailsPanel", "Newer releases", "Neuere Releases");
        row("lockstep::PlanPage", "%1 waves, at most %2 at a time, %3, observe %4", "%1 Wellen, höchstens %2 gleichzeitig, %3, %4 beobachten");
        row("lockstep::ChecklistPage", "Everything required is done.", "Alles Erforderliche ist erledigt.");
        row("lockstep::ProgressPage", "Wave %1 waits for your approval: %2 <a href=\"approve\">Approve</a> · <a href=\"gates\">Gates</a>",
            "Welle %1 wartet auf Ihre Freigabe: %2 <a href=\"approve\">Freigeben</a> · <a href=\"gates\">Gates</a>");
        row("lockstep::GatePanel", "Gate %1 passed: %2", "Gate %1 bestanden: %2");
        row("lockstep::RollbackCountdown", "%1\nAutomatic rollback in %2 s.", "%1\nAutomatisches Rollback in %2 s.");
        row("lockstep::RunsPage", "Run %1 cannot be recovered: %2", "Lauf %1 kann nicht wiederhergestellt werden: %2");
        row("lockstep::AuditPage", "Audit log exported to %1.", "Audit-Log nach %1 exportiert.");
        row("lockstep::ReportPage", "Report written to %1.", "Bericht nach %1 geschrieben.");
        row("lockstep::HostKeyScanDialog", "A CHANGED key may mean an attack: check those hosts before the window.",
            "Ein GEÄNDERTER Schlüssel kann auf einen Angriff hindeuten: Prüfen Sie diese Hosts vor dem Wartungsfenster.");
        row("lockstep::RunMarkers", "approved by %1", "freigegeben von %1");
        row("LiveGateState", "waiting for data", "wartet auf Daten");
        row("lockstep::RunNotifications", "Run %1: approval needed", "Lauf %1: Freigabe nötig");
        row("lockstep::WebhookSender", "the server answered HTTP %1", "der Server antwortete mit HTTP %1");
        row("upgrade", "%1 instances: %2", "%1 Instanzen: %2");
        row("main", "The store could not be opened, changes are not kept: %1",
            "Die Datenbank konnte nicht geöffnet werden, Änderungen werden nicht gespeichert: %1");
    }

    void germanStringsOfEveryArea()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(QString, german);
        QCOMPARE(QCoreApplication::translate(context.toUtf8().constData(), source.toUtf8().constData()), german);
    }

    void pluralsFollowTheCount()
    {
        const char *context = "lockstep::HostKeyScanDialog";
        QCOMPARE(QCoreApplication::translate(context, "Scanning %n host(s)…", nullptr, 1), QStringLiteral("Prüfe 1 Host…"));
        QCOMPARE(QCoreApplication::translate(context, "Scanning %n host(s)…", nullptr, 12), QStringLiteral("Prüfe 12 Hosts…"));
    }

    // German is longer than English: every button and tab of the main window, the upgrade pages and the
    // SSH dialogs still shows its whole text at the windows' usual sizes; the PNGs show the rest.
    void germanTextFits()
    {
        InMemoryInventoryService inventory;
        MainWindow main(&inventory);
        main.resize(1440, 900);
        main.show();
        QVERIFY(QTest::qWaitForWindowExposed(&main));
        checkFits(&main);
        shoot(&main, QStringLiteral("de-main-window.png"));

        UpgradeWindow *upgrade = main.upgradeWindow();
        // At the size it opens with.
        upgrade->show();
        QVERIFY(QTest::qWaitForWindowExposed(upgrade));
        const QStringList pages{QStringLiteral("plan"), QStringLiteral("checklist"), QStringLiteral("progress"),
                                QStringLiteral("runs"), QStringLiteral("audit"), QStringLiteral("report")};
        for (int i = 0; i < pages.size(); ++i) {
            upgrade->tabs()->setTabEnabled(i, true);
            upgrade->tabs()->setCurrentIndex(i);
            checkFits(upgrade->tabs()->currentWidget());
            shoot(upgrade, QStringLiteral("de-upgrade-%1.png").arg(pages.at(i)));
        }
        // The run's actions, the emergency rollback last, all stay on the toolbar (none behind its "»").
        auto *runActions = upgrade->findChild<QToolBar *>(QStringLiteral("runToolBar"));
        QVERIFY(runActions);
        upgrade->tabs()->setCurrentIndex(UpgradeWindow::ProgressTab);
        QCoreApplication::processEvents();
        auto *overflow = runActions->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
        QStringList widths;
        for (QAction *a : runActions->actions())
            if (QWidget *w = runActions->widgetForAction(a))
                widths << QStringLiteral("%1 %2 px").arg(a->text()).arg(w->sizeHint().width());
        QVERIFY2(!overflow || !overflow->isVisible(),
                 qPrintable(QStringLiteral("the run toolbar (%1 px) overflows: ").arg(runActions->width()) + widths.join(QStringLiteral(", "))));

        MonitoringView *monitoring = main.monitoringView();
        monitoring->show();
        QVERIFY(QTest::qWaitForWindowExposed(monitoring));
        checkFits(monitoring);
        shoot(monitoring, QStringLiteral("de-monitoring.png"));
        monitoring->hide();

        SshConsole console;
        ConnectionTestDialog test(&console, QStringLiteral("graph-prod-1"), QStringLiteral("ops@127.0.0.1:1"), SshOptions{});
        test.show();
        test.start();
        QTRY_VERIFY_WITH_TIMEOUT(!test.isRunning(), 20000);
        checkFits(&test);
        shoot(&test, QStringLiteral("de-ssh-connection-test.png"));

        HostKeyInfo key;
        key.target = QStringLiteral("ops@db-prod-1.example.org");
        key.host = QStringLiteral("db-prod-1.example.org");
        key.keyType = QStringLiteral("ssh-ed25519");
        key.fingerprint = QStringLiteral("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
        key.knownHostsFile = QStringLiteral("/home/ops/.ssh/known_hosts");
        HostKeyTrustDialog trust(&console, QStringLiteral("db-prod-1"), key.target, SshOptions{}, key);
        trust.show();
        checkFits(&trust);
        shoot(&trust, QStringLiteral("de-ssh-trust.png"));

        HostKeyScanDialog scan(&console, {{QStringLiteral("graph-prod-1"), QStringLiteral("ops@127.0.0.1:1"), SshOptions{}},
                                          {QStringLiteral("graph-prod-2"), QStringLiteral("ops@127.0.0.1:2"), SshOptions{}}});
        scan.show();
        scan.scan();
        QTRY_VERIFY_WITH_TIMEOUT(!scan.isBusy(), 20000);
        checkFits(&scan);
        shoot(&scan, QStringLiteral("de-ssh-host-key-scan.png"));

        PassphraseDialog passphrase(QStringLiteral("/home/ops/.ssh/id_ed25519"));
        passphrase.show();
        checkFits(&passphrase);
        shoot(&passphrase, QStringLiteral("de-ssh-passphrase.png"));

        InstanceDialog instance(Instance{}, {}, {QStringLiteral("graph")}, [](const Instance &, const QString &) { return okStatus(); });
        instance.show();
        checkFits(&instance);
        shoot(&instance, QStringLiteral("de-instance-dialog.png"));
    }

private:
    static QAction *action(QObject *root, const char *name)
    {
        auto *found = root->findChild<QAction *>(QLatin1String(name));
        if (!found)
            qFatal("no action %s", name);
        return found;
    }

    static QAbstractButton *button(QObject *root, const char *name)
    {
        auto *found = root->findChild<QAbstractButton *>(QLatin1String(name));
        if (!found)
            qFatal("no button %s", name);
        return found;
    }

    // The letter after a single '&', lower case; none for "&&" or no '&'.
    static QChar mnemonic(const QString &text)
    {
        for (qsizetype i = 0; i + 1 < text.size(); ++i) {
            if (text.at(i) != QLatin1Char('&'))
                continue;
            if (text.at(i + 1) == QLatin1Char('&')) {
                ++i;
                continue;
            }
            return text.at(i + 1).toLower();
        }
        return {};
    }

    static void checkAccelerators(const QString &where, const QList<QAction *> &actions)
    {
        QHash<QChar, QString> seen;
        for (QAction *a : actions) {
            const QChar m = mnemonic(a->text());
            if (m.isNull())
                continue;
            QVERIFY2(!seen.contains(m), qPrintable(QStringLiteral("%1: \"%2\" and \"%3\" share Alt+%4")
                                                       .arg(where, seen.value(m), a->text(), m)));
            seen.insert(m, a->text());
        }
    }

    // Buttons and labels with a buddy of one page or dialog (those of hidden tabs belong to their own page).
    static void checkAccelerators(const QString &where, QWidget *root)
    {
        QHash<QChar, QString> seen;
        auto add = [&](const QString &text) {
            const QChar m = mnemonic(text);
            if (m.isNull())
                return true;
            if (seen.contains(m)) {
                qWarning().noquote() << QStringLiteral("%1: \"%2\" and \"%3\" share Alt+%4").arg(where, seen.value(m), text, m);
                return false;
            }
            seen.insert(m, text);
            return true;
        };
        bool ok = true;
        for (QAbstractButton *b : root->findChildren<QAbstractButton *>())
            ok &= add(b->text());
        for (QLabel *l : root->findChildren<QLabel *>())
            if (l->buddy())
                ok &= add(l->text());
        QVERIFY2(ok, qPrintable(where + QStringLiteral(": an accelerator is used twice (see the warnings above)")));
    }

    // Every visible button, check box and tab shows its whole text.
    static void checkFits(QWidget *root)
    {
        QCoreApplication::processEvents();
        QStringList cut;
        for (QAbstractButton *b : root->findChildren<QAbstractButton *>()) {
            if (!b->isVisibleTo(root) || b->text().isEmpty() || qobject_cast<QToolButton *>(b))
                continue;
            if (b->width() < b->minimumSizeHint().width())
                cut << QStringLiteral("%1 \"%2\": %3 px wide, needs %4").arg(b->objectName(), b->text()).arg(b->width()).arg(b->minimumSizeHint().width());
        }
        QVERIFY2(cut.isEmpty(), qPrintable(QStringLiteral("cut off in %1:\n  ").arg(root->objectName()) + cut.join(QStringLiteral("\n  "))));
    }

    void shoot(QWidget *widget, const QString &file)
    {
        QCoreApplication::processEvents();
        const QImage image = widget->grab().toImage();
        QVERIFY(!image.isNull());
        const QString path = m_shotDir + QLatin1Char('/') + file;
        QVERIFY2(image.save(path), qPrintable(path));
    }

    static QString sourceLocation(const QString &tsDir, const TranslationFile::Message &m)
    {
        if (m.locations.isEmpty())
            return QStringLiteral("(no location)");
        // "../../work/lockstep/ui/x.cpp:12", relative to the copy: shown relative to the source tree.
        const QString first = m.locations.first();
        const qsizetype colon = first.lastIndexOf(QLatin1Char(':'));
        const QString file = QDir::cleanPath(QDir(tsDir).absoluteFilePath(first.left(colon)));
        return QDir(QStringLiteral(LOCKSTEP_SOURCE_DIR)).relativeFilePath(file) + first.mid(colon);
    }

    QTranslator m_translator;
    QTemporaryDir m_shots;
    QString m_shotDir;
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
