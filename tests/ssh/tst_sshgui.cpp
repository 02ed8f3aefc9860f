#include "app/audit/AuditLog.h"
#include "app/core/Settings.h"
#include "models/store/Database.h"
#include "tests/support/FreePort.h"
#include "tests/support/Sshd.h"
#include "tests/support/TestPaths.h"
#include "ui/MainWindow.h"
#include "ui/common/MessageWidget.h"
#include "ui/fleet/FleetPage.h"
#include "ui/fleet/FleetView.h"
#include "ui/inventory/InMemoryInventoryService.h"
#include "ui/inventory/InstanceDialog.h"
#include "ui/inventory/StoreInventoryService.h"
#include "ui/ssh/ConnectionTestDialog.h"
#include "ui/ssh/HostKeyScanDialog.h"
#include "ui/ssh/HostKeyTrustDialog.h"
#include "ui/ssh/PassphraseDialog.h"
#include "ui/ssh/PassphrasePrompt.h"
#include "ui/ssh/SshConsole.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;
using Outcome = SshConnectionReport::Outcome;

// The GUI's SSH: the connection test, trusting a key (known_hosts + audit), the passphrase prompt and
// the fleet's host-key scan, with real widgets (offscreen) against a real sshd.
class TestSshGui : public QObject
{
    Q_OBJECT

private:
    template<typename T>
    static T *find(QWidget *parent, const char *name)
    {
        T *child = parent->findChild<T *>(QLatin1String(name));
        if (!child)
            qWarning("no %s", name);
        return child;
    }

    static QByteArray contents(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QByteArray changedLine() const
    {
        const QString impostor = m_sshd.generateKey(QStringLiteral("impostor"));
        const QList<QByteArray> parts = contents(impostor + QStringLiteral(".pub")).split(' ');
        return QStringLiteral("[127.0.0.1]:%1 ").arg(m_sshd.port()).toUtf8() + parts.value(0) + ' ' + parts.value(1) + '\n';
    }

    QList<AuditEvent> trustEvents() const
    {
        QList<AuditEvent> trusted;
        const auto events = m_auditLog->query();
        if (events) {
            for (const AuditEvent &event : *events)
                if (event.action == QLatin1String("hostkey.trusted"))
                    trusted << event;
        }
        return trusted;
    }

    // Into docs/screenshots with LOCKSTEP_UPDATE_SCREENSHOTS=1, else a temporary directory (the rendering
    // is exercised on every run).
    void snap(QWidget *widget, const QString &file)
    {
        QCoreApplication::processEvents();
        const QImage image = widget->grab().toImage();
        QVERIFY(!image.isNull());
        const QString dir = qEnvironmentVariableIntValue("LOCKSTEP_UPDATE_SCREENSHOTS") == 1
            ? sourceDir() + QStringLiteral("/docs/screenshots")
            : m_dir.path();
        QVERIFY(image.save(dir + QLatin1Char('/') + file));
    }

    static bool waitIdle(ConnectionTestDialog &dialog)
    {
        return QTest::qWaitFor([&] { return !dialog.isRunning(); }, 20000);
    }

    static inline QtMessageHandler s_previousHandler = nullptr;
    Sshd m_sshd;
    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<AuditLog> m_auditLog;
    std::unique_ptr<SshConsole> m_console;

private slots:
    void initTestCase()
    {
        Settings::createTemporary();
        // The offscreen platform warns about every dialog it cannot size natively; nothing to act on.
        s_previousHandler = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &msg) {
            if (!msg.contains(QLatin1String("does not support propagateSizeHints")))
                s_previousHandler(type, context, msg);
        });
        const QString missing = Sshd::missingPrograms();
        if (!missing.isEmpty())
            QFAIL(qPrintable(missing));
        qunsetenv("SSH_AUTH_SOCK");
        qunsetenv("LOCKSTEP_SSH_PASSPHRASE");
        const QString error = m_sshd.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const Status opened = m_db.open(m_dir.filePath(QStringLiteral("store.db")));
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toString()));
        m_auditLog = std::make_unique<AuditLog>(m_db);
        m_console = std::make_unique<SshConsole>();
        m_console->setBaseOptions(m_sshd.clientOptions());
        m_console->setAuditLog([this] { return m_auditLog.get(); });
        m_console->setOperatorName(QStringLiteral("alice"));
    }

    void connectionTestShowsFingerprintAndAuthMethod()
    {
        ConnectionTestDialog dialog(m_console.get(), QStringLiteral("web-1"), m_sshd.target(), m_console->options());
        dialog.show();
        dialog.start();
        QVERIFY(dialog.isRunning());     // the GUI thread is not blocked while it connects
        QVERIFY(waitIdle(dialog));
        QVERIFY2(dialog.report().connected(), qPrintable(dialog.message()->text()));
        QCOMPARE(find<QLabel>(&dialog, "connectionTestFingerprint")->text(), m_sshd.hostFingerprint());
        QCOMPARE(find<QLabel>(&dialog, "connectionTestKeyType")->text(), QStringLiteral("ssh-ed25519"));
        QCOMPARE(find<QLabel>(&dialog, "connectionTestAuthMethod")->text(), QStringLiteral("key file %1").arg(m_sshd.clientKey()));
        QCOMPARE(dialog.message()->type(), MessageWidget::Type::Positive);
        QVERIFY(!find<QPushButton>(&dialog, "connectionTestTrust")->isVisible());
        snap(&dialog, QStringLiteral("ssh-connection-test.png"));
    }

    void unknownHostIsTrustedThroughTheDialog()
    {
        SshOptions options = m_console->options();
        options.knownHostsFile = m_sshd.writeFile(QStringLiteral("kh_gui_unknown"), {});
        ConnectionTestDialog dialog(m_console.get(), QStringLiteral("web-2"), m_sshd.target(), options);
        dialog.show();
        dialog.start();
        QVERIFY(waitIdle(dialog));
        QCOMPARE(dialog.report().outcome, Outcome::HostKeyUnknown);
        QCOMPARE(find<QLabel>(&dialog, "connectionTestFingerprint")->text(), m_sshd.hostFingerprint());
        QCOMPARE(find<QLabel>(&dialog, "connectionTestAuthMethod")->text(), QStringLiteral("—"));
        auto *trust = find<QPushButton>(&dialog, "connectionTestTrust");
        QVERIFY(trust->isVisible() && trust->isEnabled());

        QSignalSpy opened(&dialog, &ConnectionTestDialog::trustDialogOpened);
        QTest::mouseClick(trust, Qt::LeftButton);
        QCOMPARE(opened.size(), 1);
        auto *trustDialog = qobject_cast<HostKeyTrustDialog *>(opened.first().first().value<QDialog *>());
        QVERIFY(trustDialog && trustDialog->isVisible());
        QCOMPARE(find<QLabel>(trustDialog, "hostKeyTrustHost")->text(), QStringLiteral("[127.0.0.1]:%1").arg(m_sshd.port()));
        QCOMPARE(find<QLabel>(trustDialog, "hostKeyTrustType")->text(), QStringLiteral("ssh-ed25519"));
        QCOMPARE(find<QLabel>(trustDialog, "hostKeyTrustFingerprint")->text(), m_sshd.hostFingerprint());
        QCOMPARE(find<QLabel>(trustDialog, "hostKeyTrustFile")->text(), options.knownHostsFile);
        snap(trustDialog, QStringLiteral("ssh-trust-dialog.png"));
        QVERIFY(contents(options.knownHostsFile).isEmpty());     // nothing before the operator confirms

        QSignalSpy trusted(m_console.get(), &SshConsole::hostKeyTrusted);
        QTest::mouseClick(find<QPushButton>(trustDialog, "hostKeyTrustConfirm"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(trusted.size(), 1, 20000);
        QVERIFY(contents(options.knownHostsFile).startsWith(QStringLiteral("[127.0.0.1]:%1 ssh-ed25519 ").arg(m_sshd.port()).toUtf8()));
        const QList<AuditEvent> events = trustEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().operatorName, QStringLiteral("alice"));
        QCOMPARE(events.first().instance, QStringLiteral("web-2"));
        const QJsonObject evidence = QJsonDocument::fromJson(events.first().evidence.toUtf8()).object();
        QCOMPARE(evidence.value(QStringLiteral("fingerprint")).toString(), m_sshd.hostFingerprint());
        QCOMPARE(evidence.value(QStringLiteral("host")).toString(), QStringLiteral("[127.0.0.1]:%1").arg(m_sshd.port()));
        QVERIFY(m_auditLog->verify()->ok());

        // Trusting runs the test again, and now it gets in.
        QTRY_VERIFY_WITH_TIMEOUT(dialog.report().connected(), 20000);
        QVERIFY2(dialog.report().authMethod.startsWith(QLatin1String("key file")), qPrintable(dialog.report().authMethod));
    }

    void aChangedKeyCannotBeTrustedFromTheTest()
    {
        SshOptions options = m_console->options();
        options.knownHostsFile = m_sshd.writeFile(QStringLiteral("kh_gui_changed"), changedLine());
        ConnectionTestDialog dialog(m_console.get(), QStringLiteral("web-3"), m_sshd.target(), options);
        dialog.show();
        dialog.start();
        QVERIFY(waitIdle(dialog));
        QCOMPARE(dialog.report().outcome, Outcome::HostKeyChanged);
        QVERIFY(!find<QPushButton>(&dialog, "connectionTestTrust")->isVisible());
        QVERIFY2(dialog.message()->text().contains(QLatin1String("ssh-keygen -R")), qPrintable(dialog.message()->text()));
        QCOMPARE(dialog.message()->type(), MessageWidget::Type::Error);
    }

    void anEncryptedKeyIsUnlockedThroughThePrompt()
    {
        const QString passphrase = QStringLiteral("correct horse battery");
        const QString key = m_sshd.generateKey(QStringLiteral("id_encrypted"), passphrase);
        QVERIFY(!key.isEmpty());
        QVERIFY(m_sshd.authorize(key));
        SshOptions options = m_console->options();
        options.identityFiles = {key};

        // The test plays the operator: types the passphrase into the dialog the worker thread asked for.
        QStringList askedFor;
        connect(m_console->passphrasePrompt(), &PassphrasePrompt::asking, this, [&](PassphraseDialog *dialog) {
            askedFor << dialog->identityFile();
            QVERIFY(dialog->isVisible());
            QTest::keyClicks(find<QLineEdit>(dialog, "passphraseEdit"), passphrase);
            QCOMPARE(find<QLineEdit>(dialog, "passphraseEdit")->echoMode(), QLineEdit::Password);
            QTest::mouseClick(find<QPushButton>(dialog, "passphraseOk"), Qt::LeftButton);
        });
        ConnectionTestDialog dialog(m_console.get(), QStringLiteral("web-4"), m_sshd.target(), options);
        dialog.show();
        dialog.start();
        QVERIFY(waitIdle(dialog));
        disconnect(m_console->passphrasePrompt(), &PassphrasePrompt::asking, this, nullptr);
        QVERIFY2(dialog.report().connected(), qPrintable(dialog.message()->text()));
        QCOMPARE(askedFor, QStringList{key});
        QCOMPARE(dialog.report().authMethod, QStringLiteral("key file %1").arg(key));
        QVERIFY(!dialog.message()->text().contains(passphrase));

        // Skipping the key: nothing else is offered, so authentication fails with a clear message.
        connect(m_console->passphrasePrompt(), &PassphrasePrompt::asking, this, [&](PassphraseDialog *prompt) {
            QTest::mouseClick(find<QPushButton>(prompt, "passphraseSkip"), Qt::LeftButton);
        });
        dialog.start();
        QVERIFY(waitIdle(dialog));
        disconnect(m_console->passphrasePrompt(), &PassphrasePrompt::asking, this, nullptr);
        QCOMPARE(dialog.report().outcome, Outcome::AuthenticationFailed);
        QVERIFY2(dialog.message()->text().contains(QLatin1String("authentication")), qPrintable(dialog.message()->text()));
    }

    void scanDialogListsStatesAndTrustsSelected()
    {
        const int before = int(trustEvents().size());
        const auto host = [this](const QString &name, const QString &target, const QByteArray &knownHosts) {
            SshOptions options = m_console->options();
            options.knownHostsFile = m_sshd.writeFile(QStringLiteral("kh_scan_") + name, knownHosts);
            return HostKeySurvey::Host{name, target, options};
        };
        const QString down = QStringLiteral("%1@127.0.0.1:%2").arg(m_sshd.user()).arg(freePort());
        const QByteArray changed = changedLine();
        const QList<HostKeySurvey::Host> hosts{
            host(QStringLiteral("app-1"), m_sshd.target(), m_sshd.knownHostsLine().toUtf8() + '\n'),
            host(QStringLiteral("app-2"), m_sshd.target(), {}),
            host(QStringLiteral("app-3"), m_sshd.target(), changed),
            host(QStringLiteral("app-4"), down, {}),
        };
        HostKeyScanDialog dialog(m_console.get(), hosts);
        dialog.show();
        QSignalSpy scanned(&dialog, &HostKeyScanDialog::scanned);
        dialog.scan();
        QTRY_COMPARE_WITH_TIMEOUT(scanned.size(), 1, 30000);
        QTableWidget *table = dialog.table();
        const auto state = [table](int row) { return table->item(row, HostKeyScanDialog::StateColumn)->text(); };
        QCOMPARE(state(0), QStringLiteral("trusted"));
        QCOMPARE(state(1), QStringLiteral("NOT TRUSTED"));
        QVERIFY2(state(2).startsWith(QLatin1String("CHANGED")), qPrintable(state(2)));
        QVERIFY2(state(3).startsWith(QLatin1String("unreachable")), qPrintable(state(3)));
        const auto detail = [table](int row) { return table->item(row, HostKeyScanDialog::DetailColumn)->text(); };
        QVERIFY2(detail(2).contains(QLatin1String("ssh-keygen -R")), qPrintable(detail(2)));
        QVERIFY2(detail(3).contains(QLatin1String("cannot connect")), qPrintable(detail(3)));
        QCOMPARE(table->item(1, HostKeyScanDialog::FingerprintColumn)->text(), m_sshd.hostFingerprint());
        QCOMPARE(table->item(1, HostKeyScanDialog::KeyTypeColumn)->text(), QStringLiteral("ssh-ed25519"));
        // Only the unknown key can be ticked; a changed one never.
        for (int row : {0, 2, 3})
            QVERIFY(!table->item(row, HostKeyScanDialog::InstanceColumn)->flags().testFlag(Qt::ItemIsUserCheckable));
        QVERIFY(table->item(1, HostKeyScanDialog::InstanceColumn)->flags().testFlag(Qt::ItemIsUserCheckable));
        QCOMPARE(dialog.message()->type(), MessageWidget::Type::Error);     // a changed key is an alarm
        auto *trust = find<QPushButton>(&dialog, "hostKeyScanTrust");
        QVERIFY(!trust->isEnabled());
        table->item(1, HostKeyScanDialog::InstanceColumn)->setCheckState(Qt::Checked);
        QVERIFY(trust->isEnabled());
        snap(&dialog, QStringLiteral("ssh-host-key-scan.png"));

        QSignalSpy done(&dialog, &HostKeyScanDialog::trustFinished);
        QTest::mouseClick(trust, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 30000);
        QCOMPARE(state(1), QStringLiteral("trusted"));
        QVERIFY(contents(hosts.at(1).options.knownHostsFile).startsWith(QStringLiteral("[127.0.0.1]:").toUtf8()));
        QCOMPARE(contents(hosts.at(2).options.knownHostsFile), changed);     // never replaced
        const QList<AuditEvent> events = trustEvents();
        QCOMPARE(int(events.size()), before + 1);
        QCOMPARE(events.last().instance, QStringLiteral("app-2"));
        QVERIFY(m_auditLog->verify()->ok());
    }

    // The main window's Fleet menu: "Test SSH connection…" tests the current instance with its own
    // settings; "Scan SSH host keys…" lists every instance that has an SSH target.
    void mainWindowOpensTheSshDialogs()
    {
        Instance web;
        web.name = QStringLiteral("web-9");
        web.product = QStringLiteral("web");
        web.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/web-9"));
        web.sshTarget = m_sshd.target();
        web.ssh.identityFile = m_sshd.clientKey();      // only this instance's own setting offers the key
        Instance noSsh = web;
        noSsh.name = QStringLiteral("web-10");
        noSsh.sshTarget.clear();
        InMemoryInventoryService inventory({web, noSsh}, {});
        MainWindow window(&inventory);
        SshOptions console = m_sshd.clientOptions();
        console.identityFiles.clear();
        window.sshConsole()->setBaseOptions(console);
        window.show();

        auto *test = window.findChild<QAction *>(QStringLiteral("actionTestSshConnection"));
        QVERIFY(test);
        QVERIFY(window.fleetPage()->view()->selectName(QStringLiteral("web-10")));
        QVERIFY(!test->isEnabled());
        QVERIFY(window.fleetPage()->view()->selectName(QStringLiteral("web-9")));
        QVERIFY(test->isEnabled());
        test->trigger();
        auto *dialog = window.findChild<ConnectionTestDialog *>(QStringLiteral("connectionTestDialog"));
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(QTest::qWaitFor([&] { return !dialog->isRunning(); }, 20000));
        QVERIFY2(dialog->report().connected(), qPrintable(dialog->message()->text()));
        QCOMPARE(dialog->report().authMethod, QStringLiteral("key file %1").arg(m_sshd.clientKey()));
        dialog->close();

        window.findChild<QAction *>(QStringLiteral("actionScanHostKeys"))->trigger();
        auto *scan = window.findChild<HostKeyScanDialog *>(QStringLiteral("hostKeyScanDialog"));
        QVERIFY(scan && scan->isVisible());
        QCOMPARE(scan->table()->rowCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!scan->isBusy(), 20000);
        QCOMPARE(scan->table()->item(0, HostKeyScanDialog::StateColumn)->text(), QStringLiteral("trusted"));
        scan->close();
    }

    // The instance dialog edits host, user, port and the per-instance files; the store keeps them.
    void instanceSshSettingsArePersisted()
    {
        StoreInventoryService inventory(m_db);
        InstanceDialog dialog(Instance{}, {}, {QStringLiteral("edge")},
                              [&](const Instance &in, const QString &previous) { return inventory.saveInstance(in, previous); });
        dialog.show();
        find<QLineEdit>(&dialog, "instanceName")->setText(QStringLiteral("edge-1"));
        find<QComboBox>(&dialog, "instanceProduct")->setCurrentText(QStringLiteral("edge"));
        find<QLineEdit>(&dialog, "instanceBaseUrl")->setText(QStringLiteral("http://127.0.0.1:1/edge-1"));
        find<QLineEdit>(&dialog, "sshHost")->setText(QStringLiteral("127.0.0.1"));
        find<QLineEdit>(&dialog, "sshUser")->setText(QStringLiteral("deploy"));
        find<QSpinBox>(&dialog, "sshPort")->setValue(2222);
        find<QLineEdit>(&dialog, "sshIdentityFile")->setText(QStringLiteral("~/.ssh/deploy_ed25519"));
        find<QLineEdit>(&dialog, "sshKnownHostsFile")->setText(QStringLiteral("/etc/lockstep/known_hosts"));
        find<QCheckBox>(&dialog, "sshReadConfig")->setChecked(false);
        QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join(QLatin1Char(' '))));
        QTest::mouseClick(find<QPushButton>(&dialog, "instanceDialogOk"), Qt::LeftButton);
        QVERIFY2(dialog.result() == QDialog::Accepted, qPrintable(find<MessageWidget>(&dialog, "instanceDialogMessage")->text()));

        const auto stored = inventory.instances();
        QVERIFY(stored);
        const auto it = std::find_if(stored->cbegin(), stored->cend(), [](const Instance &i) { return i.name == QLatin1String("edge-1"); });
        QVERIFY(it != stored->cend());
        QCOMPARE(it->sshTarget, QStringLiteral("deploy@127.0.0.1:2222"));
        QCOMPARE(it->ssh.identityFile, QStringLiteral("~/.ssh/deploy_ed25519"));
        QCOMPARE(it->ssh.knownHostsFile, QStringLiteral("/etc/lockstep/known_hosts"));
        QVERIFY(!it->ssh.readConfig);

        // Editing shows them again, and the options a test or a run uses carry them.
        InstanceDialog again(*it, {QStringLiteral("edge-1")}, {QStringLiteral("edge")}, {});
        QCOMPARE(find<QLineEdit>(&again, "sshUser")->text(), QStringLiteral("deploy"));
        QCOMPARE(find<QSpinBox>(&again, "sshPort")->value(), 2222);
        QVERIFY(!find<QCheckBox>(&again, "sshReadConfig")->isChecked());
        const SshOptions options = m_console->optionsFor(*it);
        QCOMPARE(options.identityFiles.value(options.identityFiles.size() - 1), QDir::homePath() + QStringLiteral("/.ssh/deploy_ed25519"));
        QCOMPARE(options.knownHostsFile, QStringLiteral("/etc/lockstep/known_hosts"));
        QVERIFY(!options.readConfig);

        // A user without a host is refused.
        find<QLineEdit>(&again, "sshHost")->clear();
        QVERIFY(!again.validate().isEmpty());
    }
};

QTEST_MAIN(TestSshGui)
#include "tst_sshgui.moc"
