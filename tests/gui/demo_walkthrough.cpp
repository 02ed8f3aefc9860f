#include "app/session/ConsoleSettings.h"
#include "app/core/Settings.h"
#include "app/engine/Checklist.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/TimeScale.h"
#include "models/Clock.h"
#include "tests/gui/DemoPeers.h"
#include "tests/gui/UpgradeTestBase.h"
#include "ui/upgrade/OperatorPrompt.h"
#include "ui/upgrade/ProgressPage.h"
#include "ui/upgrade/RollbackCountdown.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QTabWidget>

using namespace lockstep;
using namespace lockstep::test;

// The scripted click-through of the demo (docs/demo-walkthrough.md): run by hand, not by CTest.
//
// The demo's set-up as packaging/run-demo.sh makes it — lockstep-fleetsim --demo with its default
// timings, the platform hosts behind the demo's sshd, the tool shims on PATH, the demo's settings with
// demo/timeScale=20 — and on it the real console, clicked by objectName like an operator would:
//   1. a canary upgrade of all six webwaka-platform instances to 1.5.0 with the bundled runbook: plan,
//      checklist (two checks, six sign-offs), start, the canary's in-wave gate, the observation, the
//      approval, all three waves, the manual configuration step confirmed for each wave at once;
//   2. the same with the bad release 1.5.1: the canary's gate fails and the countdown appears; nobody
//      cancels, the rollback runs, its manual notification step is confirmed.
// It prints when each thing happened and, with LOCKSTEP_UPDATE_SCREENSHOTS=1, writes its screenshots
// (walkthrough-*.png) into docs/screenshots.
class DemoWalkthrough : public UpgradeTestBase
{
    Q_OBJECT

    PeerProcess m_sshd;
    QElapsedTimer m_clock;
    QStringList m_table;       // "| time | what |" rows of the current flow
    int m_timeScale = 20;

    const QStringList m_platform{QStringLiteral("platform-staging-1"), QStringLiteral("platform-staging-2"),
                                 QStringLiteral("platform-prod-1"),    QStringLiteral("platform-prod-2"),
                                 QStringLiteral("platform-prod-3"),    QStringLiteral("platform-prod-4")};

    static QString clock(qint64 ms) { return QStringLiteral("%1:%2.%3").arg(ms / 60000).arg((ms / 1000) % 60, 2, 10, QLatin1Char('0')).arg((ms / 100) % 10); }

    void mark(const QString &what)
    {
        const QString row = QStringLiteral("| %1 | %2 |").arg(clock(m_clock.elapsed()), what);
        m_table << row;
        qInfo("%s", qPrintable(row));
    }

    void startFlow(const QString &title)
    {
        m_table = {QString(), QStringLiteral("%1").arg(title), QString(), QStringLiteral("| wall time | what |"), QStringLiteral("|---|---|")};
        m_clock.start();
    }

    void followRun()
    {
        RunExecutor *r = run();
        connect(r, &RunExecutor::waveStarted, this, [this](int wave, const QString &name) {
            mark(QStringLiteral("wave %1 (%2) started").arg(wave + 1).arg(name));
        });
        connect(r, &RunExecutor::runStateChanged, this, [this](RunState state, const QString &note) {
            if (state == RunState::Observing || state == RunState::AwaitingApproval || state == RunState::RollingBack
                || isTerminal(state))
                mark(QStringLiteral("run %1: %2").arg(runStateName(state), note.left(160)));
        });
        connect(r, &RunExecutor::gateFinished, this, [this](const QString &gate, const GateOutcome &o) {
            mark(QStringLiteral("gate %1 %2").arg(gate, o.state == GateOutcome::State::Passed ? QStringLiteral("passed") : QStringLiteral("did not pass")));
        });
        connect(r, &RunExecutor::manualStepWaiting, this, [this](const QString &instance, const QString &step) {
            mark(QStringLiteral("%1 waits for the operator (%2)").arg(instance, step));
        });
    }

    // Plan and checklist, as the operator clicks them; returns with the run started.
    void planAndSignOff(const QString &version, const QString &planShot, const QString &checklistShot)
    {
        selectInFleet(m_platform);
        action("actionStartUpgrade")->trigger();
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::PlanTab));
        chooseVersion(version);
        if (!find<QCheckBox>("planWindowNow")->isChecked())
            QTest::mouseClick(find<QCheckBox>("planWindowNow"), Qt::LeftButton);
        auto *runbooks = find<QComboBox>("planRunbook");
        const int bundled = runbooks->findData(QStringLiteral(":/runbooks/platform-instance-upgrade.yaml"));
        QVERIFY(bundled >= 0);
        runbooks->setCurrentIndex(bundled);
        QTRY_VERIFY2(find<QPushButton>("planCreateRun")->isEnabled(), qPrintable(find<MessageWidget>("planMessage")->text()));
        shot(planShot);
        mark(QStringLiteral("plan shown (%1 → %2, bundled runbook, window from now)").arg(m_platform.join(QStringLiteral(", ")), version));
        QTest::mouseClick(find<QPushButton>("planCreateRun"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ChecklistTab));
        QVERIFY(run());
        followRun();
        mark(QStringLiteral("run %1 created").arg(run()->runId()));
        for (const ChecklistItemStatus &item : run()->checklist()->items())
            if (item.signoffsRequired >= 1)
                signOff(item.id, QStringLiteral("alice"), QStringLiteral("checked for the demo"));
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("checklistStart")->isEnabled(), 30000);
        mark(QStringLiteral("checklist complete: checks passed, items signed"));
        shot(checklistShot);
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ProgressTab));
        mark(QStringLiteral("started"));
    }

    void confirmWaiting()
    {
        QAction *all = action("actionConfirmManualAll");
        if (!all->isEnabled())
            return;
        OperatorPrompt::setNextAnswer(true, QStringLiteral("done for the demo"));
        all->trigger();
        mark(QStringLiteral("manual step confirmed for all waiting (Ctrl+Shift+C): ") + OperatorPrompt::lastQuestion().section(u'\n', 1).replace(u'\n', QStringLiteral("; ")).left(200));
    }

    void shot(const QString &file)
    {
        if (!file.isEmpty())
            snap(file);
    }

    void printTable()
    {
        for (const QString &row : std::as_const(m_table))
            qInfo("%s", qPrintable(row));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (const QString missing = PeerProcess::missingProgram(QStringLiteral("/usr/sbin/sshd"), QStringLiteral("openssh-server"));
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        bool ok = false;
        if (const int scale = qEnvironmentVariableIntValue("LOCKSTEP_TIME_SCALE", &ok); ok)
            m_timeScale = scale;
        // lockstep-fleetsim as run-demo.sh starts it: the demo fleet, its default timings.
        QStringList simArgs{QStringLiteral("--demo"), QStringLiteral("--seed"), QStringLiteral("42")};
        for (const QString &h : DemoPeers::sshHosts())
            simArgs << QStringLiteral("--ssh") << h + QLatin1Char('=') + h;
        if (const QString failure = m_sim.start(simArgs); !failure.isEmpty())
            QFAIL(qPrintable(failure));
        const QString shims = sourceDir() + QStringLiteral("/tests/shims");
        qputenv("PATH", (shims + QLatin1Char(':') + qEnvironmentVariable("PATH")).toUtf8());
        qputenv("LOCKSTEP_SHIM_STATE", m_dir.filePath(QStringLiteral("shim-state")).toUtf8());
        // Two operators sign at one desktop here: names asserted for the walkthrough (recorded as "asserted").
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        qputenv("LOCKSTEP_TEST_OPERATOR", "alice");
        const QString sshDir = m_dir.filePath(QStringLiteral("ssh"));
        const QString failure = DemoPeers::start(m_sshd,
                                                 QStringList{QStringLiteral("sshd"), sshDir, m_sim.apiUrl().toString(), shims,
                                                             m_dir.filePath(QStringLiteral("shim-state"))} + DemoPeers::sshHosts(),
                                                 sshDir + QStringLiteral("/ports"), true);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QString hosts = m_dir.filePath(QStringLiteral("hosts"));
        QVERIFY(QDir().mkpath(hosts + QStringLiteral("/config")));
        QFile config(hosts + QStringLiteral("/config/config.json"));
        QVERIFY(config.open(QIODevice::WriteOnly) && config.write("{\"release\":\"demo\"}\n") > 0);
        config.close();
        const QString ini = m_dir.filePath(QStringLiteral("lockstep.ini"));
        QVERIFY(DemoPeers::writeSettings(ini, {QStringLiteral("ssh/configFile=%1/ssh_config").arg(sshDir),
                                               QStringLiteral("ssh/knownHostsFile=%1/known_hosts").arg(sshDir),
                                               QStringLiteral("demo/timeScale=%1").arg(m_timeScale),
                                               QStringLiteral("runbooks/platform-instance-upgrade/params=config_dir=%1/config").arg(hosts)}));
        Settings::open(ini);
        QCOMPARE(ConsoleSettings::timeScale(), m_timeScale);
        const QString opened = m_console.open(m_sim, m_dir.filePath(QStringLiteral("lockstep.db")), ConsoleSettings::engineOptions());
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.discovered(), 20000);
        qInfo("demo time scale x%d; console scrapes every %lld ms", m_timeScale,
              qlonglong(ConsoleSettings::engineOptions().scrapeInterval.count()));
    }

    void cleanupTestCase()
    {
        m_console.close();
        m_sshd.stop();
    }

    void canaryUpgradeOfThePlatform()
    {
        startFlow(QStringLiteral("### A canary upgrade of webwaka-platform to 1.5.0 (six instances, three waves)"));
        planAndSignOff(QStringLiteral("1.5.0"), QStringLiteral("walkthrough-plan.png"), QStringLiteral("walkthrough-checklist.png"));
        auto *grid = static_cast<ProgressModel *>(find<QTableView>("progressGrid")->model());
        bool canaryShot = false, observingShot = false, approvalShot = false, watchShot = false;
        int approvals = 0;
        while (!isTerminal(run()->state()) && m_clock.elapsed() < 300000) {
            confirmWaiting();
            if (!canaryShot && grid->cellStatus(grid->instanceAt(0), QStringLiteral("monitor")) == ProgressModel::CellStatus::Running) {
                canaryShot = true;
                find<QTabWidget>("progressTabs")->setCurrentIndex(2);
                mark(QStringLiteral("canary's in-wave gate (monitor) measuring"));
                shot(QStringLiteral("walkthrough-canary.png"));
            }
            if (!observingShot && run()->state() == RunState::Observing && m_clock.elapsed() > 0
                && find<QLabel>("runStatus")->text().contains(QStringLiteral("approval possible in"))) {
                observingShot = true;
                for (const QString &part : find<QLabel>("runStatus")->text().split(QStringLiteral(" · ")))
                    if (part.contains(QStringLiteral("approval possible")))
                        mark(QStringLiteral("status line: ") + part);
                mark(QStringLiteral("greyed Approve says: ") + action("actionApproveWave")->toolTip().section(u'\n', -1));
                shot(QStringLiteral("walkthrough-observing.png"));
            }
            // The runbook's 24 h watch after the last wave (2 minutes at the demo's time scale): once its
            // gates have measured a while, the operator ends it early with a reason (Ctrl+Shift+F).
            if (run()->state() == RunState::Watching
                && Clock::instance().now().msecsTo(run()->watchEnds()) < TimeScale::kDemoWatch.count() - 15000) {
                if (!watchShot) {
                    watchShot = true;
                    for (const QString &part : find<QLabel>("runStatus")->text().split(QStringLiteral(" · ")))
                        if (part.contains(QStringLiteral("watching")))
                            mark(QStringLiteral("status line: ") + part);
                    shot(QStringLiteral("walkthrough-watch.png"));
                }
                OperatorPrompt::setNextAnswer(true, QStringLiteral("the demo has seen the watch"));
                action("actionEndWatch")->trigger();
                mark(QStringLiteral("ended the watch early (Ctrl+Shift+F)"));
            }
            if (action("actionApproveWave")->isEnabled()) {
                if (!approvalShot) {
                    approvalShot = true;
                    shot(QStringLiteral("walkthrough-approval.png"));
                }
                OperatorPrompt::setNextAnswer(true);
                action("actionApproveWave")->trigger();
                mark(QStringLiteral("approved wave %1 (Ctrl+Enter)").arg(++approvals + 1));
            }
            QTest::qWait(100);
        }
        printTable();
        QVERIFY2(run()->state() == RunState::Succeeded, qPrintable(runStateName(run()->state()) + QStringLiteral(": ") + run()->note()));
        QVERIFY2(m_clock.elapsed() < 300000, "the canary upgrade took more than five minutes");
        for (const QString &name : m_platform)
            QTRY_COMPARE_WITH_TIMEOUT(m_console.versionInTable(name), QStringLiteral("1.5.0"), 20000);
        mark(QStringLiteral("fleet table shows 1.5.0 on all six"));
        find<QTabWidget>("progressTabs")->setCurrentIndex(1);
        shot(QStringLiteral("walkthrough-done.png"));
        printTable();
    }

    void badReleaseCountsDownAtOnce()
    {
        startFlow(QStringLiteral("### The same with the bad release 1.5.1"));
        planAndSignOff(QStringLiteral("1.5.1"), {}, {});
        qint64 failedAt = -1, countdownAt = -1;
        connect(run(), &RunExecutor::gateMeasured, this, [&](const QString &gate, const GateMeasurement &m) {
            if (failedAt < 0 && m.verdict == GateMeasurement::Verdict::Fail) {
                failedAt = m_clock.elapsed();
                mark(QStringLiteral("gate %1 measures a failure: %2").arg(gate, m.reason));
            }
        });
        auto *countdown = find<RollbackCountdown>("rollbackCountdown");
        connect(run(), &RunExecutor::rollbackScheduled, this, [&] {
            if (countdown->isVisible())
                countdownAt = m_clock.elapsed();
            mark(QStringLiteral("countdown shown"));
        });
        while (!countdown->isCounting() && !isTerminal(run()->state()) && m_clock.elapsed() < 300000) {
            confirmWaiting();
            QTest::qWait(50);
        }
        QVERIFY2(countdown->isCounting(), qPrintable(run()->note()));
        const GateSpec *monitor = nullptr;
        for (const GateSpec &g : run()->plan().runbook.gates)
            if (g.id == QLatin1String("error_rate"))
                monitor = &g;
        QVERIFY(monitor);
        mark(QStringLiteral("countdown %1 ms after the failing measurement (gate interval %2 ms)")
                 .arg(countdownAt - failedAt)
                 .arg(monitor->interval.count()));
        QVERIFY(failedAt >= 0 && countdownAt >= failedAt);
        QVERIFY(countdownAt - failedAt <= monitor->interval.count());
        find<QTabWidget>("progressTabs")->setCurrentIndex(2);
        shot(QStringLiteral("walkthrough-countdown.png"));
        // Nobody cancels: the engine's own timer starts the rollback; its last step asks the operator.
        while (!isTerminal(run()->state()) && m_clock.elapsed() < 300000) {
            confirmWaiting();
            QTest::qWait(100);
        }
        printTable();
        QCOMPARE(run()->state(), RunState::RolledBack);
        find<QTabWidget>("progressTabs")->setCurrentIndex(1);
        shot(QStringLiteral("walkthrough-rolledback.png"));
    }
};

QTEST_MAIN(DemoWalkthrough)
#include "demo_walkthrough.moc"
