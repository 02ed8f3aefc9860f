#include "app/core/Settings.h"
#include "app/engine/RunExecutor.h"
#include "tests/gui/UpgradeFixture.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageWidget.h"
#include "ui/fleet/FleetPage.h"
#include "ui/fleet/FleetView.h"
#include "ui/runs/RunListModel.h"
#include "ui/upgrade/ChecklistModel.h"
#include "ui/upgrade/OperatorPrompt.h"
#include "ui/upgrade/ProgressModel.h"
#include "ui/upgrade/ProgressPage.h"
#include "ui/upgrade/UpgradeController.h"
#include "ui/report/SaveFileDialog.h"
#include "ui/audit/AuditEventModel.h"

#include <QDir>
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
#include <QTreeWidget>

using namespace lockstep;
using namespace lockstep::test;

// The guided upgrade clicked through on real widgets against a running lockstep-fleetsim: the
// fleet's poller, the engine, its transports and gates all real.
class TestUpgrade : public QObject
{
    Q_OBJECT

    template<typename T>
    T *find(const char *name) const
    {
        T *w = m_console.window->upgradeWindow()->findChild<T *>(QLatin1String(name));
        if (!w)
            w = m_console.window->findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no %s", name);
        return w;
    }
    QAction *action(const char *name) const { return find<QAction>(name); }

    void selectInFleet(const QStringList &names)
    {
        FleetView *view = m_console.window->fleetPage()->view();
        view->clearSelection();
        for (const QString &name : names) {
            QModelIndex index;
            for (int row = 0; row < view->model()->rowCount(); ++row)
                if (view->model()->index(row, 0).data(FleetModel::NameRole).toString() == name)
                    index = view->model()->index(row, 0);
            QVERIFY2(index.isValid(), qPrintable(name));
            view->scrollTo(index);
            QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, view->visualRect(index).center());
        }
        QCOMPARE(m_console.window->fleetPage()->selectedNames().size(), names.size());
    }

    void chooseVersion(const QString &version)
    {
        auto *combo = find<QComboBox>("planVersion");
        int index = -1;
        for (int i = 0; i < combo->count(); ++i)
            if (combo->itemData(i, Qt::UserRole + 1).toString() == version)
                index = i;
        QVERIFY2(index >= 0, qPrintable(version));
        QVERIFY(qobject_cast<QStandardItemModel *>(combo->model())->item(index)->isEnabled());
        combo->setCurrentIndex(index);
    }

    void chooseRunbook(const QString &path)
    {
        FileDialog::setNextFileName(path);
        QTest::mouseClick(find<QPushButton>("planBrowseRunbook"), Qt::LeftButton);
        QTRY_VERIFY2(find<QPushButton>("planCreateRun")->isEnabled(), qPrintable(find<MessageWidget>("planMessage")->text()));
    }

    void signOff(const QString &item, const QString &operatorName, const QString &comment)
    {
        auto *table = find<QTableView>("checklistTable");
        const int row = static_cast<ChecklistModel *>(table->model())->rowOf(item);
        QVERIFY(row >= 0);
        table->selectRow(row);
        auto *op = find<QLineEdit>("checklistOperator");
        op->clear();
        QTest::keyClicks(op, operatorName);
        // A refused sign-off keeps its comment for a second try; this one starts afresh.
        find<QLineEdit>("checklistComment")->clear();
        QTest::keyClicks(find<QLineEdit>("checklistComment"), comment);
        QTest::mouseClick(find<QPushButton>("checklistSignOff"), Qt::LeftButton);
    }

    // The upgrade window as a PNG: into docs/screenshots with LOCKSTEP_UPDATE_SCREENSHOTS=1, else a
    // temporary directory (so the rendering is exercised on every run).
    void snap(const QString &file)
    {
        UpgradeWindow *w = m_console.window->upgradeWindow();
        QCoreApplication::processEvents();
        const QImage image = w->grab().toImage();
        QVERIFY(!image.isNull());
        const QString dir = qEnvironmentVariableIntValue("LOCKSTEP_UPDATE_SCREENSHOTS") == 1
            ? QStringLiteral(LOCKSTEP_SOURCE_DIR "/docs/screenshots")
            : m_dir.path();
        QVERIFY(image.save(dir + QLatin1Char('/') + file));
    }

    RunExecutor *run() const { return m_console.window->upgradeWindow()->controller()->run(); }

    QString cellState(const QString &instance) const
    {
        auto *grid = find<QTableView>("progressGrid");
        auto *model = static_cast<ProgressModel *>(grid->model());
        return model->index(model->rowOf(instance), ProgressModel::StateColumn).data().toString();
    }

    FleetSim m_sim;
    QTemporaryDir m_dir;
    Console m_console;
    QString m_runbook;
    QString m_slowRunbook;

private slots:
    void initTestCase()
    {
        Settings::createTemporary();
        qputenv("LOCKSTEP_OPERATOR", "alice");
        if (const QString failure = m_sim.start({QStringLiteral("--demo"), QStringLiteral("--seed"), QStringLiteral("3"),
                                                 QStringLiteral("--upgrade-ms"), QStringLiteral("200")});
            !failure.isEmpty())
            QFAIL(qPrintable(failure));
        m_runbook = writeFile(m_dir, QStringLiteral("gui-platform-upgrade.yaml"), kGuiRunbook);
        m_slowRunbook = writeFile(m_dir, QStringLiteral("gui-slow-upgrade.yaml"), kSlowRunbook);
        const QString failure = m_console.open(m_sim, m_dir.filePath(QStringLiteral("lockstep.db")));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.discovered(), 20000);
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

        QTest::mouseClick(find<QCheckBox>("planOverride"), Qt::LeftButton);
        QTest::keyClicks(find<QLineEdit>("planOverrideReason"), QStringLiteral("CVE fix approved by the CAB"));
        QVERIFY(items->item(0)->isEnabled());
        chooseVersion(combo->itemData(0, Qt::UserRole + 1).toString());
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
        QTRY_VERIFY_WITH_TIMEOUT(action("actionApproveWave")->isEnabled(), 30000);
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
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::RolledBack, 60000);
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
        QTest::mouseClick(find<QPushButton>("auditVerify"), Qt::LeftButton);
        QVERIFY2(find<MessageWidget>("auditMessage")->text().contains(QStringLiteral("intact")), qPrintable(find<MessageWidget>("auditMessage")->text()));
        find<QLineEdit>("auditFilter")->clear();
        snap(QStringLiteral("audit.png"));
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
        QFile h(html);
        QVERIFY(h.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(h.readAll());
        QVERIFY(text.contains(QStringLiteral("data:image/png;base64,")));
        QVERIFY(text.contains(QStringLiteral("gates failed after wave 1")));

        const QString pdf = qEnvironmentVariableIntValue("LOCKSTEP_UPDATE_SCREENSHOTS") == 1
            ? QDir::temp().filePath(QStringLiteral("lockstep-report-sample.pdf"))
            : m_dir.filePath(QStringLiteral("report.pdf"));
        SaveFileDialog::setNextFileName(pdf);
        QTest::mouseClick(find<QPushButton>("reportExportPdf"), Qt::LeftButton);
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QVERIFY(p.read(5) == "%PDF-");
        QVERIFY(p.size() > 10000);
        QVERIFY(find<MessageWidget>("reportMessage")->text().contains(QStringLiteral("Report written")));
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
        int row = -1;
        for (int r = 0; r < runs->model()->rowCount(); ++r)
            if (runs->model()->index(r, 0).data(RunListModel::RunIdRole).toLongLong() == runId)
                row = r;
        QVERIFY(row >= 0);
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
