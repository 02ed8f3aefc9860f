#include "tests/gui/UpgradeTestBase.h"
#include "app/notify/Notifier.h"
#include "app/notify/RunNotifications.h"
#include "ui/upgrade/OperatorPrompt.h"
#include "ui/upgrade/ProgressPage.h"
#include "ui/upgrade/RollbackCountdown.h"

#include <QLabel>
#include <QListWidget>
#include <QRegularExpression>
#include <QTabWidget>

using namespace lockstep;
using namespace lockstep::test;

namespace {

class RecordingNotifier : public Notifier
{
public:
    void notify(const QString &title, const QString &message) override { notes << title + QStringLiteral(" | ") + message; }
    QStringList notes;
};

// Canary, then the rest; ten minutes of observation between them, an error-rate gate measured every
// 400 ms that a bad release fails; failures roll back.
const char *kObservedRunbook = R"(runbook: gui-observed-upgrade
product: webwaka-platform
strategy:
  waves: [{count: 1, name: canary}, {percent: 100}]
  between_waves: {observe: 10m, then: approve}
  on_failure: rollback
steps:
  - id: upgrade
    http: "POST {{instance.api}}/instances/{{instance.name}}/upgrade"
    body: {version: "{{version}}"}
    expect: {status: [202]}
  - id: healthy
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 10s
    poll_interval: 100ms
gates:
  - id: error-rate
    metric: error_rate
    below: 0.03
    interval: 400ms
    count: 3
    failure_limit: 1
    initial_delay: 1500ms
    no_data: fail
rollback: [restore-previous, healthy]
rollback_steps:
  - id: restore-previous
    http: "POST {{instance.api}}/instances/{{instance.name}}/rollback"
    expect: {status: [202]}
)";

// The same canary with a gate that measures long enough to fail on a bad release before it would pass.
const char *kLongGateRunbook = R"(runbook: gui-long-gate
product: webwaka-platform
strategy:
  waves: [{count: 1, name: canary}, {percent: 100}]
  between_waves: {observe: 10m, then: approve}
  on_failure: rollback
steps:
  - id: upgrade
    http: "POST {{instance.api}}/instances/{{instance.name}}/upgrade"
    body: {version: "{{version}}"}
    expect: {status: [202]}
  - id: healthy
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 10s
    poll_interval: 100ms
gates:
  - id: error-rate
    metric: error_rate
    below: 0.03
    interval: 400ms
    count: 100
    failure_limit: 1
    initial_delay: 1500ms
    no_data: fail
rollback: [restore-previous, healthy]
rollback_steps:
  - id: restore-previous
    http: "POST {{instance.api}}/instances/{{instance.name}}/rollback"
    expect: {status: [202]}
)";

// A smoke test that fails inside the wave; the rollback takes a few seconds (a settle wait) so it can be
// watched.
const char *kFailingSmokeRunbook = R"(runbook: gui-failing-smoke
product: webwaka-platform
strategy:
  waves: [{percent: 100, name: all}]
  on_failure: rollback
steps:
  - id: upgrade
    http: "POST {{instance.api}}/instances/{{instance.name}}/upgrade"
    body: {version: "{{version}}"}
    expect: {status: [202]}
  - id: healthy-again
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 10s
    poll_interval: 100ms
  - id: smoke
    title: Smoke tests
    local: "echo 'checkout flow: 500'; exit 3"
rollback: [restore-previous, settle, healthy]
rollback_steps:
  - id: restore-previous
    http: "POST {{instance.api}}/instances/{{instance.name}}/rollback"
    expect: {status: [202]}
  - id: settle
    wait: 3s
  - id: healthy
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 10s
    poll_interval: 100ms
)";

// Four instances at once, each with a manual step in the middle.
const char *kManualRunbook = R"(runbook: gui-manual-step
product: webwaka-platform
strategy:
  waves: [{percent: 100, name: all}]
  max_parallel: 4
steps:
  - id: upgrade
    http: "POST {{instance.api}}/instances/{{instance.name}}/upgrade"
    body: {version: "{{version}}"}
    expect: {status: [202]}
  - id: configuration
    manual: "Apply the configuration the new version needs"
  - id: healthy
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 10s
    poll_interval: 100ms
)";

} // namespace

// What the operator sees at the moments that matter, on real widgets against lockstep-fleetsim: a failed
// gate acts at once (the countdown appears before the gate measures again), a rollback inside a wave
// shows as it happens, a disabled approval says how long it waits, and waiting manual steps are badged
// and confirmed for every waiting instance with one action.
class TestRunScreens : public UpgradeTestBase
{
    Q_OBJECT

    RecordingNotifier m_notifier;

    void startRun(const QStringList &names, const QString &version, const QString &runbook)
    {
        selectInFleet(names);
        action("actionStartUpgrade")->trigger();
        chooseVersion(version);
        chooseRunbook(runbook);
        QTest::mouseClick(find<QPushButton>("planCreateRun"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ChecklistTab));
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("checklistStart")->isEnabled(), 15000);
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ProgressTab));
    }

    QStringList timeline() const
    {
        QStringList out;
        auto *list = find<QListWidget>("eventTimeline");
        for (int i = 0; i < list->count(); ++i)
            out << list->item(i)->text();
        return out;
    }

    ProgressModel *grid() const { return static_cast<ProgressModel *>(find<QTableView>("progressGrid")->model()); }

    void abortRun()
    {
        OperatorPrompt::setNextAnswer(true, QStringLiteral("done here"));
        action("actionAbortRun")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run()->state()), 20000);
    }

private slots:
    void initTestCase()
    {
        const QString failure = startSession();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.discovered(), 20000);
        Settings::instance().set(settings::rollbackCountdownSeconds, 600);
        m_console.window->upgradeWindow()->notifications()->setNotifier(&m_notifier);
    }

    void cleanup()
    {
        // A failed test leaves its run going; the next one needs the console free.
        if (run() && !isTerminal(run()->state()))
            abortRun();
    }

    void cleanupTestCase()
    {
        m_console.close();
    }

    void manualStepConfirmedForFourInstancesWithOneAction()
    {
        const QStringList names{QStringLiteral("platform-prod-1"), QStringLiteral("platform-prod-2"),
                                QStringLiteral("platform-prod-3"), QStringLiteral("platform-prod-4")};
        startRun(names, QStringLiteral("1.5.0"), writeFile(m_dir, QStringLiteral("manual.yaml"), kManualRunbook));
        // The operator is on the Runs page while the steps come to wait.
        auto *tabs = find<QTabWidget>("upgradeTabs");
        tabs->setCurrentIndex(UpgradeWindow::RunsTab);
        QTRY_COMPARE_WITH_TIMEOUT(find<ProgressPage>("progressPage")->waitingInstances().size(), 4, 20000);
        // Badged where the operator looks: the Progress tab, the window title, a desktop notification.
        QTRY_COMPARE(tabs->tabText(UpgradeWindow::ProgressTab), QStringLiteral("3 · Progress (4 waiting)"));
        QVERIFY2(m_console.window->upgradeWindow()->windowTitle().startsWith(QStringLiteral("(4 waiting)")),
                 qPrintable(m_console.window->upgradeWindow()->windowTitle()));
        QTRY_VERIFY(m_notifier.notes.size() >= 4);
        QVERIFY2(m_notifier.notes.first().contains(QStringLiteral("waits for you"))
                     && m_notifier.notes.first().contains(QStringLiteral("configuration")),
                 qPrintable(m_notifier.notes.first()));
        QVERIFY(find<QLabel>("runStatus")->text().contains(QStringLiteral("4 instances wait for you")));

        tabs->setCurrentIndex(UpgradeWindow::ProgressTab);
        QAction *all = action("actionConfirmManualAll");
        QVERIFY(all->isEnabled());
        QCOMPARE(all->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        // One action, one question naming every waiting instance with its step and prompt.
        OperatorPrompt::setNextAnswer(true, QStringLiteral("configuration applied everywhere"));
        all->trigger();
        for (const QString &name : names)
            QVERIFY2(OperatorPrompt::lastQuestion().contains(name + QStringLiteral(": configuration — Apply the configuration the new version needs")),
                     qPrintable(OperatorPrompt::lastQuestion()));
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::Succeeded, 30000);
        QCOMPARE(tabs->tabText(UpgradeWindow::ProgressTab), QStringLiteral("3 · Progress"));
        QVERIFY(!m_console.window->upgradeWindow()->windowTitle().contains(QStringLiteral("waiting")));
        QVERIFY(!all->isEnabled());
        QVERIFY2(all->toolTip().contains(QStringLiteral("Not now")), qPrintable(all->toolTip()));
        for (const QString &name : names)
            QCOMPARE(grid()->cellStatus(name, QStringLiteral("configuration")), ProgressModel::CellStatus::Succeeded);
    }

    void approveTooltipNamesTheTimeLeft()
    {
        startRun({QStringLiteral("platform-staging-1"), QStringLiteral("platform-staging-2")}, QStringLiteral("1.5.0"),
                 writeFile(m_dir, QStringLiteral("observed.yaml"), kObservedRunbook));
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::Observing, 30000);
        QAction *approve = action("actionApproveWave");
        QVERIFY(!approve->isEnabled());
        // "approval possible in 9:58 — observing wave 1", in the disabled button's tooltip and the status.
        const QRegularExpression wait(QStringLiteral("approval possible in (\\d+):(\\d\\d) — observing wave 1"));
        QTRY_VERIFY2(wait.match(approve->toolTip()).hasMatch(), qPrintable(approve->toolTip()));
        const QRegularExpressionMatch m = wait.match(approve->toolTip());
        const int left = m.captured(1).toInt() * 60 + m.captured(2).toInt();
        QVERIFY2(left > 540 && left <= 600, qPrintable(approve->toolTip()));
        QVERIFY2(wait.match(find<QLabel>("runStatus")->text()).hasMatch(), qPrintable(find<QLabel>("runStatus")->text()));
        // The gates passed long before: still the observation decides, and the tooltip still says so.
        QTRY_VERIFY_WITH_TIMEOUT(run()->observationEnds().isValid() && timeline().join(u'\n').contains(QStringLiteral("gate error-rate")), 20000);
        QVERIFY(wait.match(approve->toolTip()).hasMatch());
        abortRun();
    }

    void betweenWaveGateFailureShowsTheCountdownAtOnce()
    {
        const QStringList names{QStringLiteral("platform-prod-2"), QStringLiteral("platform-prod-3")};
        selectInFleet(names);
        const QString before = m_console.versionInTable(names.first());
        startRun(names, QStringLiteral("1.5.1"), writeFile(m_dir, QStringLiteral("long-gate.yaml"), kLongGateRunbook));
        // The gate's measurements, and how many there were when the countdown appeared.
        int measured = 0, failedAt = -1, countdownAt = -1;
        connect(run(), &RunExecutor::gateMeasured, this, [&](const QString &, const GateMeasurement &m) {
            ++measured;
            if (failedAt < 0 && m.verdict == GateMeasurement::Verdict::Fail)
                failedAt = measured;
        });
        auto *countdown = find<RollbackCountdown>("rollbackCountdown");
        connect(run(), &RunExecutor::rollbackScheduled, this, [&] {
            if (countdown->isVisible())
                countdownAt = measured;
        });
        QTRY_VERIFY2_WITH_TIMEOUT(countdown->isCounting(), qPrintable(run()->note()), 60000);
        // Within one measurement interval of the failure: before the gate measured again, with nearly
        // all of the ten minutes of observation (and 97 measurements) still to go.
        QVERIFY(failedAt > 0);
        QCOMPARE(countdownAt, failedAt);
        QVERIFY(measured < 100);
        QCOMPARE(run()->state(), RunState::RollingBack);
        const QString text = countdown->text();
        QVERIFY2(text.contains(QStringLiteral("gate error-rate")) && text.contains(QStringLiteral("failure limit 1 reached"))
                     && text.contains(QStringLiteral("platform-prod-2: 1.5.1 → ") + before),
                 qPrintable(text));
        QVERIFY(find<QLabel>("runStatus")->text().contains(QStringLiteral("rolling-back")));
        QVERIFY(action("actionApproveWave")->toolTip().contains(QStringLiteral("rolling-back")));
        QTest::mouseClick(find<QPushButton>("rollbackNow"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::RolledBack, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.versionInTable(names.first()), before, 15000);
    }

    void inWaveFailureShowsItsRollbackLive()
    {
        const QString name = QStringLiteral("platform-prod-1");
        selectInFleet({name});
        const QString before = m_console.versionInTable(name);
        startRun({name}, QStringLiteral("1.5.1"), writeFile(m_dir, QStringLiteral("failing-smoke.yaml"), kFailingSmokeRunbook));
        // While the rollback runs: the header says so, the rollback steps have columns of their own and
        // the one running shows, the instance says where it goes, the timeline follows.
        auto *status = find<QLabel>("runStatus");
        QTRY_VERIFY2_WITH_TIMEOUT(grid()->rollbackCellStatus(name, QStringLiteral("settle")) == ProgressModel::CellStatus::Running,
                                  qPrintable(status->text() + u'\n' + timeline().join(u'\n')), 30000);
        QVERIFY2(status->text().contains(QStringLiteral("rolling back ") + name), qPrintable(status->text()));
        QVERIFY2(status->text().contains(QStringLiteral("rolling-back")), qPrintable(status->text()));
        QCOMPARE(grid()->cellStatus(name, QStringLiteral("smoke")), ProgressModel::CellStatus::Failed);
        QCOMPARE(grid()->rollbackCellStatus(name, QStringLiteral("restore-previous")), ProgressModel::CellStatus::Succeeded);
        QCOMPARE(grid()->rollbackSteps(), (QStringList{QStringLiteral("restore-previous"), QStringLiteral("settle")}));
        QCOMPARE(grid()->headerData(ProgressModel::FirstStepColumn + 3, Qt::Horizontal).toString(),
                 QStringLiteral("↩ restore-previous"));
        QVERIFY2(cellState(name).startsWith(QStringLiteral("rolling-back 1.5.1 → ") + before), qPrintable(cellState(name)));
        const QString events = timeline().join(u'\n');
        QVERIFY2(events.contains(name + QStringLiteral(" rolls back 1.5.1 → ") + before)
                     && events.contains(name + QStringLiteral(" settle started (rollback)")),
                 qPrintable(events));
        snap(QStringLiteral("upgrade-rollback.png"));
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::RolledBack, 30000);
        QCOMPARE(grid()->rollbackCellStatus(name, QStringLiteral("healthy")), ProgressModel::CellStatus::Succeeded);
        QVERIFY(timeline().join(u'\n').contains(name + QStringLiteral(" rolled back to ") + before));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.versionInTable(name), before, 15000);
    }
};

QTEST_MAIN(TestRunScreens)
#include "tst_runscreens.moc"
