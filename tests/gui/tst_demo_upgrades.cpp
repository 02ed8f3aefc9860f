#include "app/core/Settings.h"
#include "app/engine/Checklist.h"
#include "app/engine/RunExecutor.h"
#include "tests/e2e/FastRunbook.h"
#include "tests/gui/DemoPeers.h"
#include "tests/gui/UpgradeTestBase.h"
#include "tests/support/FreePort.h"
#include "tests/support/PeerProcess.h"
#include "tests/support/TestPaths.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageWidget.h"
#include "ui/fleet/FleetPage.h"
#include "ui/fleet/FleetView.h"
#include "ui/upgrade/ChecklistModel.h"
#include "ui/upgrade/OperatorPrompt.h"
#include "ui/upgrade/ProgressModel.h"
#include "app/session/ConsoleSession.h"
#include "app/session/ConsoleSettings.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>

using namespace lockstep;
using namespace lockstep::test;


// The demo's set-up (packaging/run-demo.sh): lockstep-fleetsim with graph-api's ssh targets, the tool
// shims first on PATH, the demo's own sshd and Prometheus started by packaging/demo-peers.sh, and the
// console's settings written by it. On that, each of the five bundled upgrades is clicked through in
// the real upgrade window until it succeeds. The runbooks are the bundled files with shortened
// timings (tests/e2e/FastRunbook), so the walk takes a minute instead of hours.
class TestDemoUpgrades : public UpgradeTestBase
{
    Q_OBJECT

    // Plan, checklist, progress: everything an operator clicks, until the run has succeeded. Manual
    // steps are confirmed and wave promotions approved as they come.
    void clickThrough(const QStringList &names, const QString &version, const QString &runbook, const QString &offeredParams)
    {
        selectInFleet(names);
        action("actionStartUpgrade")->trigger();
        QTRY_VERIFY(m_console.window->upgradeWindow()->isVisible());
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::PlanTab));
        chooseVersion(version);
        if (!find<QCheckBox>("planWindowNow")->isChecked())
            QTest::mouseClick(find<QCheckBox>("planWindowNow"), Qt::LeftButton);
        find<QLineEdit>("planParams")->clear();
        chooseRunbook(m_fast.value(runbook));
        // The demo's parameters for this runbook (its directories on the simulated hosts) are offered.
        QCOMPARE(find<QLineEdit>("planParams")->text(), offeredParams);
        QTest::mouseClick(find<QPushButton>("planCreateRun"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ChecklistTab));
        QVERIFY(run());
        QCOMPARE(run()->plan().runbook.id, runbook);

        for (const ChecklistItemStatus &item : run()->checklist()->items()) {
            if (item.signoffsRequired >= 1)
                signOff(item.id, QStringLiteral("alice"), QStringLiteral("checked for the demo"));
            if (item.signoffsRequired >= 2)
                signOff(item.id, QStringLiteral("bob"), QStringLiteral("checked for the demo"));
        }
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("checklistStart")->isEnabled(), 20000);
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ProgressTab));

        auto *grid = find<QTableView>("progressGrid");
        auto *model = static_cast<ProgressModel *>(grid->model());
        QElapsedTimer clock;
        clock.start();
        while (!isTerminal(run()->state()) && clock.elapsed() < 150000) {
            if (action("actionApproveWave")->isEnabled()) {
                OperatorPrompt::setNextAnswer(true);
                action("actionApproveWave")->trigger();
            }
            if (run()->hasRunLevelSteps() && run()->runLevelProgress().state == InstanceState::WaitingForOperator) {
                // A run-level step (before:/after:) waits: its "Run" row above the instances.
                grid->setCurrentIndex(model->index(model->rowOf(QString()), ProgressModel::InstanceColumn));
                QVERIFY(action("actionConfirmManual")->isEnabled());
                OperatorPrompt::setNextAnswer(true, QStringLiteral("done in the demo"));
                action("actionConfirmManual")->trigger();
            }
            for (const QString &name : names) {
                if (run()->progress(name).state != InstanceState::WaitingForOperator)
                    continue;
                grid->setCurrentIndex(model->index(model->rowOf(name), ProgressModel::InstanceColumn));
                QVERIFY(action("actionConfirmManual")->isEnabled());
                OperatorPrompt::setNextAnswer(true, QStringLiteral("done in the demo"));
                action("actionConfirmManual")->trigger();
            }
            QTest::qWait(100);
        }
        QVERIFY2(run()->state() == RunState::Succeeded,
                 qPrintable(QStringLiteral("%1: %2 - %3; %4").arg(runbook, runStateName(run()->state()), run()->note(),
                                                                  find<QLabel>("gateVerdict")->text() + QLatin1Char(' ') + find<MessageWidget>("progressMessage")->text())));
        QTRY_VERIFY(find<QLabel>("runStatus")->text().contains(QStringLiteral("succeeded")));
        for (const QString &name : names)
            QCOMPARE(m_sim.get(QStringLiteral("/api/instances/") + name).json().toObject().value(QStringLiteral("version")).toString(),
                     version);
    }

    // Whether Prometheus answers `query` with a non-empty result.
    static bool prometheusAnswers(const QString &baseUrl, const QString &query)
    {
        QNetworkAccessManager network;
        QUrl url(baseUrl + QStringLiteral("/api/v1/query"));
        url.setQuery(QStringLiteral("query=") + QString::fromLatin1(QUrl::toPercentEncoding(query)), QUrl::StrictMode);
        QNetworkRequest request(url);
        request.setTransferTimeout(5000);
        QNetworkReply *reply = network.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        const QJsonObject data = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("data")).toObject();
        return !data.value(QStringLiteral("result")).toArray().isEmpty();
    }

    PeerProcess m_sshd;
    PeerProcess m_prometheus;
    QMap<QString, QString> m_fast;      // runbook id -> shortened copy

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (const QString missing = PeerProcess::missingProgram(QStringLiteral("/usr/sbin/sshd"), QStringLiteral("openssh-server"));
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        if (const QString missing = PeerProcess::missingProgram(QStringLiteral("/usr/bin/prometheus"), QStringLiteral("prometheus"));
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        QStringList simArgs{QStringLiteral("--demo"), QStringLiteral("--seed"), QStringLiteral("42"), QStringLiteral("--upgrade-ms"),
                            QStringLiteral("300"), QStringLiteral("--backup-ms"), QStringLiteral("100")};
        for (const QString &h : DemoPeers::sshHosts())
            simArgs << QStringLiteral("--ssh") << h + QLatin1Char('=') + h;
        if (const QString failure = m_sim.start(simArgs); !failure.isEmpty())
            QFAIL(qPrintable(failure));

        // The environment run-demo.sh gives the console: shims first, their state, the MongoDB secret.
        const QString shims = sourceDir() + QStringLiteral("/tests/shims");
        qputenv("PATH", (shims + QLatin1Char(':') + qEnvironmentVariable("PATH")).toUtf8());
        qputenv("LOCKSTEP_SHIM_STATE", m_dir.filePath(QStringLiteral("shim-state")).toUtf8());
        qputenv("LOCKSTEP_SECRET_MONGODB_URI", "mongodb://demo:demo@127.0.0.1:27017/msgcenter");
        // Two operators sign at one desktop here: names asserted for the test (recorded as "asserted").
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        qputenv("LOCKSTEP_TEST_OPERATOR", "alice");

        const QString sshDir = m_dir.filePath(QStringLiteral("ssh"));
        QString failure = DemoPeers::start(m_sshd,
                                    QStringList{QStringLiteral("sshd"), sshDir, m_sim.apiUrl().toString(), shims,
                                                m_dir.filePath(QStringLiteral("shim-state"))} + DemoPeers::sshHosts(),
                                    sshDir + QStringLiteral("/ports"), true);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QStringList all;
        for (const QJsonValue &v : m_sim.get(QStringLiteral("/api/instances")).json().toArray())
            all << v.toObject().value(QStringLiteral("name")).toString();
        const QString promDir = m_dir.filePath(QStringLiteral("prometheus"));
        // As often as the console scrapes below: the shortened gates measure over 1.5 s windows.
        qputenv("LOCKSTEP_DEMO_SCRAPE_INTERVAL", "250ms");
        failure = DemoPeers::start(m_prometheus, QStringList{QStringLiteral("prometheus"), promDir, m_sim.baseUrl().toString()} + all,
                            promDir + QStringLiteral("/url"), false);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        // A PromQL gate right after start would find no samples yet: wait until every instance has been
        // scraped a few times (the demo's operator takes longer than that to plan an upgrade).
        const QString prometheusUrl = DemoPeers::readFile(promDir + QStringLiteral("/url"));
        QTRY_VERIFY_WITH_TIMEOUT(prometheusAnswers(prometheusUrl, QStringLiteral("min(count_over_time(up[1m])) >= 4 and count(up == 1) == %1")
                                                                      .arg(all.size())),
                                 30000);

        // The console's settings, written the way run-demo.sh writes them.
        const QString hosts = m_dir.filePath(QStringLiteral("hosts"));
        for (const char *d : {"config", "app", "backups", "infra"})
            QVERIFY(QDir().mkpath(hosts + QLatin1Char('/') + QLatin1String(d)));
        QFile config(hosts + QStringLiteral("/config/config.json"));
        QVERIFY(config.open(QIODevice::WriteOnly) && config.write("{\"release\":\"demo\"}\n") > 0);
        config.close();
        m_params = {
            {QStringLiteral("platform-instance-upgrade"), QStringLiteral("config_dir=%1/config").arg(hosts)},
            {QStringLiteral("graph-api-version-bump"),
             QStringLiteral("app_dir=%1/app, backup_dir=%1/backups, previous_sha=%2")
                 .arg(hosts, QString::fromLatin1(QCryptographicHash::hash("graph-api@3.7.0", QCryptographicHash::Sha1).toHex().left(7)))},
            {QStringLiteral("selfhosted-semver-upgrade"), QStringLiteral("stack_dir=%1/infra, backup_dir=%1/backups").arg(hosts)},
            {QStringLiteral("message-center-k8s-upgrade"),
             QStringLiteral("expected_schema=22, backup_dir=%1/backups").arg(hosts)},
            {QStringLiteral("realtime-server-canary-upgrade"), QString()},
        };
        QStringList lines{QStringLiteral("ssh/configFile=%1/ssh_config").arg(sshDir),
                          QStringLiteral("ssh/knownHostsFile=%1/known_hosts").arg(sshDir),
                          QStringLiteral("metrics/prometheusUrl=") + DemoPeers::readFile(promDir + QStringLiteral("/url"))};
        for (auto it = m_params.cbegin(); it != m_params.cend(); ++it)
            if (!it.value().isEmpty())
                lines << QStringLiteral("runbooks/%1/params=%2").arg(it.key(), it.value());
        const QString ini = m_dir.filePath(QStringLiteral("lockstep.ini"));
        QVERIFY(DemoPeers::writeSettings(ini, lines));
        Settings::open(ini);
        QCOMPARE(Settings::instance().get(settings::runbookParams(QStringLiteral("graph-api-version-bump"))),
                 m_params.value(QStringLiteral("graph-api-version-bump")));

        for (const QString &id : m_params.keys()) {
            QString error;
            m_fast.insert(id, FastRunbook::write(id, m_dir.path(), &error));
            QVERIFY2(!m_fast.value(id).isEmpty(), qPrintable(error));
        }
        // The engine's peers come from the settings, as in the console's main(); scrapes as fast as the
        // shortened gates need.
        EngineRuntime::Options options = ConsoleSettings::engineOptions();
        QCOMPARE(options.prometheusUrl.toString(), DemoPeers::readFile(promDir + QStringLiteral("/url")));
        options.scrapeInterval = std::chrono::milliseconds(250);
        options.gateMinimumWindow = std::chrono::milliseconds(1500);
        const QString opened = m_console.open(m_sim, m_dir.filePath(QStringLiteral("lockstep.db")), options);
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.discovered(), 20000);
        OperatorPrompt::setNextAnswer(true);
    }

    void cleanupTestCase()
    {
        m_console.close();
        m_prometheus.stop();
        m_sshd.stop();
    }

    void graphApiOverTheDemoSshd()
    {
        // Host by host over SSH through the demo's sshd: canary, approval, the rest.
        clickThrough({QStringLiteral("graph-staging-1"), QStringLiteral("graph-staging-2")}, QStringLiteral("3.8.0"),
                     QStringLiteral("graph-api-version-bump"), m_params.value(QStringLiteral("graph-api-version-bump")));
        QCOMPARE(m_sim.get(QStringLiteral("/api/instances/graph-staging-2")).json().toObject().value(QStringLiteral("schemaVersion")).toInt(),
                 13);
    }

    void realtimeServerWithItsPromqlGate()
    {
        clickThrough({QStringLiteral("realtime-staging-1"), QStringLiteral("realtime-staging-2")}, QStringLiteral("2.12.0"),
                     QStringLiteral("realtime-server-canary-upgrade"), QString());
        // The PromQL gate was answered by the demo's Prometheus and passed.
        auto *gates = find<QTableWidget>("gateTable");
        bool rejectRatePassed = false;
        for (int row = 0; row < gates->rowCount(); ++row)
            rejectRatePassed |= gates->item(row, 0)->text().startsWith(QLatin1String("Control-plane reject rate"))
                                && gates->item(row, 2)->text() != QLatin1String("no data")
                                && gates->item(row, 5)->text().contains(QStringLiteral("passed"));
        QVERIFY(rejectRatePassed);
    }

    void platformOverTheDemoSshd()
    {
        clickThrough({QStringLiteral("platform-staging-1"), QStringLiteral("platform-staging-2")}, QStringLiteral("1.5.0"),
                     QStringLiteral("platform-instance-upgrade"), m_params.value(QStringLiteral("platform-instance-upgrade")));
    }

    void messageCenter()
    {
        clickThrough({QStringLiteral("msgcenter-staging-1"), QStringLiteral("msgcenter-staging-2")}, QStringLiteral("5.3.0"),
                     QStringLiteral("message-center-k8s-upgrade"), m_params.value(QStringLiteral("message-center-k8s-upgrade")));
    }

    void whispa()
    {
        clickThrough({QStringLiteral("whispa-staging-1"), QStringLiteral("whispa-staging-2")}, QStringLiteral("1.9.0"),
                     QStringLiteral("selfhosted-semver-upgrade"), m_params.value(QStringLiteral("selfhosted-semver-upgrade")));
    }

private:
    QMap<QString, QString> m_params;    // runbook id -> the parameters the demo offers
};

QTEST_MAIN(TestDemoUpgrades)
#include "tst_demo_upgrades.moc"
