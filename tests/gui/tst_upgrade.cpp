#include "app/core/Settings.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/runbook/RunbookLoader.h"
#include "models/ChannelPolicy.h"
#include "models/itemmodels/FleetModel.h"
#include "tests/gui/UpgradeTestBase.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageWidget.h"
#include "ui/fleet/FleetPage.h"
#include "ui/fleet/FleetView.h"
#include "ui/runs/RunListModel.h"
#include "ui/upgrade/ChecklistModel.h"
#include "ui/upgrade/OperatorPrompt.h"
#include "ui/upgrade/ProgressModel.h"
#include "ui/upgrade/ProgressPage.h"
#include "ui/upgrade/RollbackCountdown.h"
#include "ui/runs/RunsPage.h"
#include "models/store/RunRepository.h"
#include "app/session/ConsoleSession.h"
#include "ui/report/SaveFileDialog.h"
#include "ui/audit/AuditEventModel.h"

#include <QDir>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTextBrowser>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QTreeWidget>

using namespace lockstep;
using namespace lockstep::test;

// The guided upgrade clicked through on real widgets against a running lockstep-fleetsim: the
// fleet's poller, the engine, its transports and gates all real.
class TestUpgrade : public UpgradeTestBase
{
    Q_OBJECT

    int rowOfRun(qint64 runId) const
    {
        auto *runs = find<QTableView>("runsTable");
        for (int r = 0; r < runs->model()->rowCount(); ++r)
            if (runs->model()->index(r, 0).data(RunListModel::RunIdRole).toLongLong() == runId)
                return r;
        return -1;
    }

private slots:
    void initTestCase()
    {
        // Several named operators on one store: names asserted for the test (recorded as "asserted").
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        const QString failure = startSession();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.discovered(), 20000);
        // Nobody cancels here: the countdown runs out and the engine rolls back by itself.
        Settings::instance().set(settings::rollbackCountdownSeconds, 2);
    }

    void cleanupTestCase()
    {
        m_console.close();
    }

    void versionsTheChannelForbidsSayWhy()
    {
        // graph-prod-4 is frozen: nothing is selectable until an override with a reason is given.
        selectInFleet({QStringLiteral("graph-prod-4")});
        action("actionStartUpgrade")->trigger();
        QTRY_VERIFY(m_console.window->upgradeWindow()->isVisible());
        auto *combo = find<QComboBox>("planVersion");
        auto *items = qobject_cast<QStandardItemModel *>(combo->model());
        QVERIFY(combo->count() > 0);
        for (int i = 0; i < combo->count(); ++i) {
            QVERIFY2(!items->item(i)->isEnabled(), qPrintable(combo->itemText(i)));
            QVERIFY2(combo->itemText(i).contains(QStringLiteral("not allowed: graph-prod-4"))
                         && combo->itemText(i).contains(QStringLiteral("frozen"), Qt::CaseInsensitive),
                     qPrintable(combo->itemText(i)));
        }
        QVERIFY(!find<QPushButton>("planCreateRun")->isEnabled());

        // The plan page and the planner (so lockstep-cli plan/run --override) say the same words, from
        // the one channel policy, about a release no override makes allowed.
        FleetModel *fleet = m_console.window->fleetModel();
        const Instance frozen = fleet->rowAt(fleet->rowOf(QStringLiteral("graph-prod-4"))).instance;
        const QList<Release> releases = fleet->releasesOf(frozen.product);
        const int minor = combo->findData(QStringLiteral("3.8.0"), Qt::UserRole + 1);
        QVERIFY(minor >= 0);
        const QString words = ChannelPolicy::explain(frozen, ChannelPolicy::decide(frozen, releases, QStringLiteral("3.8.0")));
        QVERIFY2(combo->itemText(minor).contains(QStringLiteral("not allowed: ") + words), qPrintable(combo->itemText(minor)));
        PlanRequest request;
        request.runbooks = {*RunbookLoader::loadFile(QStringLiteral(LOCKSTEP_SOURCE_DIR "/tests/runbook/valid/graph-api-version-bump.yaml"))};
        request.instances = {frozen};
        request.targetVersion = QStringLiteral("3.8.0");
        request.releases = releases;
        request.params.insert(QStringLiteral("previous_sha"), QStringLiteral("abc123"));
        for (const PolicyOverride::Kind kind : {PolicyOverride::Kind::Frozen, PolicyOverride::Kind::Pinned})
            request.overrides << PolicyOverride{kind, frozen.name, QStringLiteral("CVE fix approved by the CAB"), QStringLiteral("alice")};
        request.overrides << PolicyOverride{PolicyOverride::Kind::MaintenanceWindow, {}, QStringLiteral("CVE fix approved by the CAB"),
                                            QStringLiteral("alice")};
        const auto refused = Planner::plan(request, QDateTime::currentDateTimeUtc());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message, QStringLiteral("refused by policy: ") + words);

        // With an override and its reason only the security patch of the frozen line becomes selectable.
        QTest::mouseClick(find<QCheckBox>("planOverride"), Qt::LeftButton);
        QTest::keyClicks(find<QLineEdit>("planOverrideReason"), QStringLiteral("CVE fix approved by the CAB"));
        const int patch = combo->findData(QStringLiteral("3.7.1"), Qt::UserRole + 1);
        QVERIFY(patch >= 0);
        for (int i = 0; i < combo->count(); ++i)
            QVERIFY2(items->item(i)->isEnabled() == (i == patch), qPrintable(combo->itemText(i)));
        chooseVersion(QStringLiteral("3.7.1"));
        QTest::keyClicks(find<QLineEdit>("planParams"), QStringLiteral("previous_sha=abc123"));
        chooseRunbook(QStringLiteral(LOCKSTEP_SOURCE_DIR "/tests/runbook/valid/graph-api-version-bump.yaml"));
        const auto overrides = find<QTreeWidget>("planPreview")->findItems(QStringLiteral("Override"), Qt::MatchExactly);
        QVERIFY(!overrides.isEmpty());
        QVERIFY2(overrides.first()->text(1).contains(QStringLiteral("CVE fix approved by the CAB")), qPrintable(overrides.first()->text(1)));
        QTest::mouseClick(find<QCheckBox>("planOverride"), Qt::LeftButton);
        find<QLineEdit>("planParams")->clear();
        find<QLineEdit>("planOverrideReason")->clear();
    }

    void wholeGuidedUpgrade()
    {
        const QStringList names{QStringLiteral("platform-staging-1"), QStringLiteral("platform-staging-2"), QStringLiteral("platform-prod-1")};
        selectInFleet(names);
        QApplication::setActiveWindow(m_console.window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_console.window.get()));
        QTest::keyClick(m_console.window.get(), Qt::Key_U, Qt::ControlModifier);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::PlanTab));
        QVERIFY(find<QLabel>("planScopeSummary")->text().contains(QStringLiteral("3 instances")));
        chooseVersion(QStringLiteral("1.5.0"));
        chooseRunbook(m_runbook);

        // The plan names the waves' instances, the steps with their expected durations and the rollback.
        auto *preview = find<QTreeWidget>("planPreview");
        const QTreeWidgetItem *waves = preview->findItems(QStringLiteral("Waves"), Qt::MatchExactly).value(0);
        QVERIFY(waves);
        QCOMPARE(waves->childCount(), 2);
        QCOMPARE(waves->child(0)->text(1), QStringLiteral("platform-staging-1"));
        QCOMPARE(waves->child(1)->text(1), QStringLiteral("platform-staging-2, platform-prod-1"));
        const QTreeWidgetItem *steps = preview->findItems(QStringLiteral("Steps"), Qt::MatchExactly).value(0);
        QCOMPARE(steps->childCount(), 4);
        QCOMPARE(steps->child(1)->text(2), QStringLiteral("1.0 s"));
        const QTreeWidgetItem *rollback = preview->findItems(QStringLiteral("Rollback"), Qt::MatchExactly).value(0);
        QCOMPARE(rollback->childCount(), 3);
        QVERIFY(!preview->findItems(QStringLiteral("Maintenance window"), Qt::MatchExactly).isEmpty());
        snap(QStringLiteral("upgrade-plan.png"));

        QTest::mouseClick(find<QPushButton>("planCreateRun"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ChecklistTab));
        QVERIFY(run());
        auto *checklist = static_cast<ChecklistModel *>(find<QTableView>("checklistTable")->model());
        QAbstractItemModelTester tester(checklist, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *start = find<QPushButton>("checklistStart");
        QVERIFY(!start->isEnabled());
        // The automated check runs by itself and shows its evidence.
        QTRY_COMPARE_WITH_TIMEOUT(checklist->index(checklist->rowOf(QStringLiteral("healthy-before")), ChecklistModel::Check).data().toString(),
                                  QStringLiteral("✔ passed"), 15000);
        find<QTableView>("checklistTable")->selectRow(checklist->rowOf(QStringLiteral("healthy-before")));
        QTRY_VERIFY(find<QPlainTextEdit>("checklistEvidence")->toPlainText().contains(QStringLiteral("platform-prod-1")));
        QVERIFY(!start->isEnabled());

        signOff(QStringLiteral("stakeholders"), QStringLiteral("alice"), QStringLiteral("mail sent to #ops"));
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("alice"), QStringLiteral("reviewed"));
        QVERIFY(!start->isEnabled());
        // Four eyes: the same operator twice does not count.
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("alice"), QStringLiteral("again"));
        QCOMPARE(find<MessageWidget>("checklistMessage")->type(), MessageWidget::Type::Error);
        QVERIFY(!start->isEnabled());
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("bob"), QStringLiteral("second pair of eyes"));
        const QString signs = checklist->index(checklist->rowOf(QStringLiteral("rollback-plan")), ChecklistModel::SignOffs).data().toString();
        QVERIFY2(signs.contains(QStringLiteral("alice (reviewed)")) && signs.contains(QStringLiteral("bob (second pair of eyes)")), qPrintable(signs));
        QTRY_VERIFY(start->isEnabled());
        snap(QStringLiteral("upgrade-checklist.png"));
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ProgressTab));

        auto *grid = find<QTableView>("progressGrid");
        QAbstractItemModelTester gridTester(grid->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The canary runs, its gate measures, then the next wave waits for an approval.
        QTRY_VERIFY2_WITH_TIMEOUT(action("actionApproveWave")->isEnabled(), qPrintable(runStateName(run()->state()) + QStringLiteral(": ") + run()->note()), 30000);
        QVERIFY(cellState(QStringLiteral("platform-staging-1")).startsWith(QStringLiteral("succeeded")));
        QVERIFY(cellState(QStringLiteral("platform-prod-1")).startsWith(QStringLiteral("pending")));
        QVERIFY(find<MessageWidget>("progressMessage")->text().contains(QStringLiteral("waits for your approval")));
        auto *gates = find<QTableWidget>("gateTable");
        QVERIFY2(gates->item(0, 5)->text().contains(QStringLiteral("passed")), qPrintable(gates->item(0, 5)->text()));
        QVERIFY(gates->item(0, 2)->text() != QStringLiteral("–"));
        grid->setCurrentIndex(grid->model()->index(0, ProgressModel::FirstStepColumn + 2));
        snap(QStringLiteral("upgrade-progress.png"));
        find<QTabWidget>("progressTabs")->setCurrentIndex(2);
        snap(QStringLiteral("upgrade-gates.png"));
        find<QTabWidget>("progressTabs")->setCurrentIndex(0);

        OperatorPrompt::setNextAnswer(true);
        QApplication::setActiveWindow(m_console.window->upgradeWindow());
        QVERIFY(QTest::qWaitForWindowActive(m_console.window->upgradeWindow()));
        QTest::keyClick(find<QWidget>("progressPage"), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY2(OperatorPrompt::lastQuestion().contains(QStringLiteral("platform-prod-1: ")), qPrintable(OperatorPrompt::lastQuestion()));
        QVERIFY(OperatorPrompt::lastQuestion().contains(QStringLiteral("→ 1.5.0")));
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::Succeeded, 30000);
        QTRY_VERIFY(find<QLabel>("runStatus")->text().contains(QStringLiteral("succeeded")));
        for (const QString &name : names) {
            QVERIFY(cellState(name).contains(QStringLiteral("→ 1.5.0")));
            QTRY_COMPARE_WITH_TIMEOUT(m_console.versionInTable(name), QStringLiteral("1.5.0"), 10000);
        }
        // Output of a finished step stays readable.
        grid->setCurrentIndex(grid->model()->index(0, ProgressModel::FirstStepColumn + 1));
        QTRY_VERIFY(!find<QPlainTextEdit>("outputView")->toPlainText().isEmpty());
    }

    void badVersionRollsBack()
    {
        const QStringList names{QStringLiteral("platform-prod-2"), QStringLiteral("platform-prod-3")};
        const QString before = m_console.versionInTable(names.first());
        selectInFleet(names);
        action("actionStartUpgrade")->trigger();
        chooseVersion(QStringLiteral("1.5.1"));
        chooseRunbook(m_runbook);
        QTest::mouseClick(find<QPushButton>("planCreateRun"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ChecklistTab));
        signOff(QStringLiteral("stakeholders"), QStringLiteral("alice"), QStringLiteral("ok"));
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("alice"), QStringLiteral("ok"));
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("bob"), QStringLiteral("ok"));
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("checklistStart")->isEnabled(), 15000);
        QSignalSpy countdown(run(), &RunExecutor::rollbackScheduled);
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);

        // The countdown is shown, runs out with nobody there, and the rollback runs.
        QTRY_COMPARE_WITH_TIMEOUT(countdown.size(), 1, 60000);
        QVERIFY(find<RollbackCountdown>("rollbackCountdown")->isVisible());
        QVERIFY(find<RollbackCountdown>("rollbackCountdown")->text().contains(QStringLiteral("platform-prod-2: 1.5.1 → ") + before));
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::RolledBack, 60000);
        QVERIFY(!find<RollbackCountdown>("rollbackCountdown")->isVisible());
        auto *gates = find<QTableWidget>("gateTable");
        QVERIFY2(gates->item(0, 5)->text().contains(QStringLiteral("failed")), qPrintable(gates->item(0, 5)->text()));
        QVERIFY(gates->item(0, 4)->text().endsWith(QStringLiteral(" of 1")));
        QVERIFY2(find<QLabel>("gateVerdict")->text().contains(QStringLiteral("rolls the upgraded instances back")),
                 qPrintable(find<QLabel>("gateVerdict")->text()));
        QVERIFY(cellState(names.first()).startsWith(QStringLiteral("rolled-back")));
        bool timelineSaysWhy = false;
        auto *timeline = find<QListWidget>("eventTimeline");
        for (int i = 0; i < timeline->count(); ++i)
            timelineSaysWhy |= timeline->item(i)->text().contains(QStringLiteral("gates failed after wave 1"));
        QVERIFY(timelineSaysWhy);
        // The fleet table learns the old version from the instances themselves.
        QTRY_COMPARE_WITH_TIMEOUT(m_console.versionInTable(names.first()), before, 15000);

        // The audit view says why, and its chain verifies.
        action("actionShowAudit")->trigger();
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::AuditTab));
        auto *runFilter = find<QLineEdit>("auditRun");
        QTest::keyClicks(runFilter, QString::number(run()->runId()));
        QTest::keyClick(runFilter, Qt::Key_Return);
        auto *audit = static_cast<AuditEventModel *>(static_cast<QSortFilterProxyModel *>(find<QTableView>("auditTable")->model())->sourceModel());
        QAbstractItemModelTester tester(audit, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(audit->rowCount() > 5);
        bool rollbackWithReason = false;
        for (const AuditEvent &e : audit->events()) {
            QCOMPARE(e.runId, QString::number(run()->runId()));
            rollbackWithReason |= e.instance == names.first() && e.action.startsWith(QStringLiteral("rollback"))
                                  && e.reason.contains(QStringLiteral("gates failed after wave 1"));
        }
        QVERIFY(rollbackWithReason);
        QTest::keyClicks(find<QLineEdit>("auditFilter"), QStringLiteral("gates failed"));
        QVERIFY(find<QTableView>("auditTable")->model()->rowCount() >= 1);
        // Verified on a worker: the verdict arrives a moment later.
        QTest::mouseClick(find<QPushButton>("auditVerify"), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(find<MessageWidget>("auditMessage")->text().contains(QStringLiteral("intact")),
                                  qPrintable(find<MessageWidget>("auditMessage")->text()), 30000);
        // The run's end anchored the head (docs/audit.md); Anchor head does it again on demand.
        QVERIFY2(find<MessageWidget>("auditMessage")->text().contains(QStringLiteral("match the witnesses")),
                 qPrintable(find<MessageWidget>("auditMessage")->text()));
        find<QLineEdit>("auditFilter")->clear();
        snap(QStringLiteral("audit.png"));
        QTest::mouseClick(find<QPushButton>("auditAnchor"), Qt::LeftButton);
        QVERIFY2(find<MessageWidget>("auditMessage")->text().contains(QStringLiteral("anchored in file ")),
                 qPrintable(find<MessageWidget>("auditMessage")->text()));
        const QString exported = m_dir.filePath(QStringLiteral("audit.csv"));
        SaveFileDialog::setNextFileName(exported);
        QTest::mouseClick(find<QPushButton>("auditExport"), Qt::LeftButton);
        QVERIFY(QFile(exported).size() > 100);
    }

    void reportOfTheRolledBackRun()
    {
        // The run of badVersionRollsBack is still the current one.
        QCOMPARE(run()->state(), RunState::RolledBack);
        find<QTabWidget>("upgradeTabs")->setCurrentIndex(UpgradeWindow::ReportTab);
        const QString preview = find<QTextBrowser>("reportPreview")->toPlainText();
        QVERIFY2(preview.contains(QStringLiteral("Run %1: gui-platform-upgrade → 1.5.1").arg(run()->runId())), qPrintable(preview.left(300)));
        QVERIFY(preview.contains(QStringLiteral("rolled-back")));
        QVERIFY(preview.contains(QStringLiteral("second pair of eyes")) || preview.contains(QStringLiteral("bob")));
        QVERIFY(preview.contains(QStringLiteral("restore-previous")));
        snap(QStringLiteral("report.png"));

        const QString html = m_dir.filePath(QStringLiteral("report.html"));
        SaveFileDialog::setNextFileName(html);
        QTest::mouseClick(find<QPushButton>("reportExportHtml"), Qt::LeftButton);
        // Written on a worker: done when the page says so.
        QTRY_VERIFY_WITH_TIMEOUT(find<MessageWidget>("reportMessage")->text().contains(QStringLiteral("Report written")), 20000);
        QFile h(html);
        QVERIFY(h.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(h.readAll());
        QVERIFY(text.contains(QStringLiteral("data:image/png;base64,")));
        QVERIFY(text.contains(QStringLiteral("gates failed after wave 1")));

        const QString pdf = qEnvironmentVariableIntValue("LOCKSTEP_UPDATE_SCREENSHOTS") == 1
            ? QDir::temp().filePath(QStringLiteral("lockstep-report-sample.pdf"))
            : m_dir.filePath(QStringLiteral("report.pdf"));
        SaveFileDialog::setNextFileName(pdf);
        find<MessageWidget>("reportMessage")->hideMessage();
        QTest::mouseClick(find<QPushButton>("reportExportPdf"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(find<MessageWidget>("reportMessage")->text().contains(QStringLiteral("Report written to ") + pdf), 20000);
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QVERIFY(p.read(5) == "%PDF-");
        QVERIFY(p.size() > 10000);
        QVERIFY(find<MessageWidget>("reportMessage")->text().contains(QStringLiteral("Report written")));
    }

    void pastRunOpensReadOnlyAsTheGrid()
    {
        // The rolled-back run of badVersionRollsBack, opened from the history.
        const qint64 runId = run()->runId();
        m_console.window->upgradeWindow()->showRuns();
        auto *runs = find<QTableView>("runsTable");
        const int row = rowOfRun(runId);
        QVERIFY(row >= 0);
        QCOMPARE(runs->model()->index(row, RunListModel::State).data().toString(), QStringLiteral("rolled-back"));
        runs->selectRow(row);
        QTest::mouseClick(find<QPushButton>("runsOpen"), Qt::LeftButton);
        ProgressPage *past = m_console.window->upgradeWindow()->pastRunPage();
        QVERIFY(past->isReadOnly());
        QVERIFY(past->isVisible());
        auto *grid = past->findChild<QTableView *>(QStringLiteral("progressGrid"));
        auto *model = past->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 2);
        const QString canary = model->instanceAt(0);
        QCOMPARE(model->cellStatus(canary, QStringLiteral("upgrade")), ProgressModel::CellStatus::Succeeded);
        const QString state = model->index(0, ProgressModel::StateColumn).data().toString();
        QVERIFY2(state.startsWith(QStringLiteral("rolled-back")), qPrintable(state));
        QVERIFY(past->findChild<QLabel *>(QStringLiteral("runStatus"))->text().contains(QStringLiteral("Run %1").arg(runId)));
        // Nothing can be done to it.
        for (QAction *a : past->runActions())
            QVERIFY2(!a->isEnabled(), qPrintable(a->objectName()));
        QVERIFY(!past->findChild<QToolBar *>(QStringLiteral("runToolBar"))->isVisible());
        // Each step's stored output is readable.
        grid->setCurrentIndex(model->index(0, ProgressModel::FirstStepColumn + 1));
        QTRY_VERIFY(!past->findChild<QPlainTextEdit *>(QStringLiteral("outputView"))->toPlainText().isEmpty());
        QVERIFY(past->findChild<QListWidget *>(QStringLiteral("eventTimeline"))->count() > 5);
        snap(QStringLiteral("runs-past.png"));
    }

    void restartMidRunOpensRecovery()
    {
        selectInFleet({QStringLiteral("platform-prod-4")});
        action("actionStartUpgrade")->trigger();
        chooseVersion(QStringLiteral("1.5.0"));
        chooseRunbook(m_slowRunbook);
        QTest::mouseClick(find<QPushButton>("planCreateRun"), Qt::LeftButton);
        QTRY_VERIFY(find<QPushButton>("checklistStart")->isEnabled());
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);
        auto *grid = static_cast<ProgressModel *>(find<QTableView>("progressGrid")->model());
        QTRY_COMPARE_WITH_TIMEOUT(grid->cellStatus(QStringLiteral("platform-prod-4"), QStringLiteral("soak")),
                                  ProgressModel::CellStatus::Running, 15000);
        const qint64 runId = run()->runId();
        // Driven by this console: listed as running.
        m_console.window->upgradeWindow()->showRuns();
        QCOMPARE(find<QTableView>("runsTable")->model()->index(rowOfRun(runId), RunListModel::State).data().toString(),
                 QStringLiteral("running"));

        // The console goes away mid-step; a new one opens on the same store.
        m_console.close();
        const QString failure = m_console.open(m_sim, m_dir.filePath(QStringLiteral("lockstep.db")));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        UpgradeWindow *upgrade = m_console.window->upgradeWindow();
        QTRY_VERIFY(upgrade->isVisible());
        QCOMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::RunsTab));
        const QString message = find<MessageWidget>("runsMessage")->text();
        QVERIFY2(message.contains(QStringLiteral("Run %1").arg(runId)) && message.contains(QStringLiteral("platform-prod-4 soak")),
                 qPrintable(message));

        auto *runs = find<QTableView>("runsTable");
        snap(QStringLiteral("runs.png"));
        QAbstractItemModelTester tester(runs->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int row = rowOfRun(runId);
        QVERIFY(row >= 0);
        // Stored as running, but no console drives it any more.
        QCOMPARE(m_console.window->upgradeWindow()->session()->runtime()->runs().find(runId)->state, RunState::Running);
        QCOMPARE(runs->model()->index(row, RunListModel::State).data().toString(), QStringLiteral("interrupted"));
        QVERIFY(runs->model()->index(row, 0).data(RunListModel::InterruptedRole).toBool());
        runs->selectRow(row);
        QTest::mouseClick(find<QPushButton>("runsOpen"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ProgressTab));
        QCOMPARE(run()->runId(), runId);
        QVERIFY(find<MessageWidget>("progressMessage")->text().contains(QStringLiteral("interrupted")));
        auto *model = static_cast<ProgressModel *>(find<QTableView>("progressGrid")->model());
        QCOMPARE(model->cellStatus(QStringLiteral("platform-prod-4"), QStringLiteral("soak")), ProgressModel::CellStatus::Interrupted);
        QCOMPARE(model->cellStatus(QStringLiteral("platform-prod-4"), QStringLiteral("upgrade")), ProgressModel::CellStatus::Succeeded);

        // The operator resolves it: the soak counts as done, and the run finishes.
        find<QTableView>("progressGrid")->setCurrentIndex(model->index(0, ProgressModel::InstanceColumn));
        QVERIFY(action("actionMarkDone")->isEnabled());
        QVERIFY(action("actionRetryInstance")->isEnabled());
        QVERIFY(action("actionRollbackInstance")->isEnabled());
        OperatorPrompt::setNextAnswer(true, QStringLiteral("soaked long enough before the crash"));
        action("actionMarkDone")->trigger();
        if (run()->state() == RunState::Interrupted || run()->state() == RunState::Paused)
            action("actionResumeRun")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::Succeeded, 15000);
    }
};

QTEST_MAIN(TestUpgrade)
#include "tst_upgrade.moc"
