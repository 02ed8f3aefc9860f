#include "app/core/Settings.h"
#include "app/engine/Checklist.h"
#include "app/engine/RunExecutor.h"
#include "tests/gui/UpgradeTestBase.h"
#include "tests/support/TestPaths.h"
#include "ui/audit/AuditEventModel.h"
#include "ui/common/MessageWidget.h"
#include "ui/fleet/FleetPage.h"
#include "ui/report/ReportPage.h"
#include "ui/runs/RunListModel.h"
#include "ui/upgrade/GatePanel.h"
#include "ui/upgrade/OperatorPrompt.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QRadioButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// The GUI test upgrade with a manual step whose prompt names the instance and the version.
QByteArray manualRunbook()
{
    QByteArray text(kGuiRunbook);
    text.replace("runbook: gui-platform-upgrade", "runbook: gui-manual-upgrade");
    text.replace("  - id: healthy\n",
                 "  - id: smoke-by-hand\n"
                 "    title: Smoke test by hand\n"
                 "    manual: \"Open {{instance.name}} and check the footer says {{version}}\"\n"
                 "  - id: healthy\n");
    return text;
}

} // namespace

// The operator's screens say what is true: the plan page starts from what the fleet shows and says why a
// version or runbook does not fit in its own words, the checklist raises no failure without a failed
// check, a manual step's prompt is rendered and its banner goes once answered, gate rows are final when
// the run ends, the audit table names the step, and every run has its report (picker, Runs, CLI PDF).
class TestUpgradeScreens : public UpgradeTestBase
{
    Q_OBJECT

    QString m_manualRunbook;
    qint64 m_goodRun = 0;

    QString message(const char *name) const { return find<MessageWidget>(name)->text(); }

    void startUpgrade(const QStringList &names, const QString &version, const QString &runbook)
    {
        selectInFleet(names);
        action("actionStartUpgrade")->trigger();
        chooseVersion(version);
        chooseRunbook(runbook);
        QTest::mouseClick(find<QPushButton>("planCreateRun"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ChecklistTab));
    }

    void signAll()
    {
        signOff(QStringLiteral("stakeholders"), QStringLiteral("alice"), QStringLiteral("ok"));
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("alice"), QStringLiteral("ok"));
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("bob"), QStringLiteral("ok"));
    }

    static bool noCliWords(const QString &text) { return !text.contains(QStringLiteral("--")); }

    // The newest version in the list that may be picked and is not a breaking release.
    QString newestNonBreaking() const
    {
        auto *combo = find<QComboBox>("planVersion");
        auto *items = qobject_cast<QStandardItemModel *>(combo->model());
        for (int i = 0; i < combo->count(); ++i)
            if (items->item(i)->isEnabled() && !combo->itemText(i).contains(QStringLiteral("breaking"))
                && !combo->itemText(i).contains(QStringLiteral("not allowed")))
                return combo->itemData(i, Qt::UserRole + 1).toString();
        return {};
    }

private slots:
    void initTestCase()
    {
        const QString failure = startSession();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.discovered(), 20000);
        m_manualRunbook = writeFile(m_dir, QStringLiteral("gui-manual-upgrade.yaml"), manualRunbook().constData());
        Settings::instance().set(settings::rollbackCountdownSeconds, 1);
    }

    void cleanupTestCase() { m_console.close(); }
    void cleanup() { m_console.window->fleetPage()->filterEdit()->clear(); }

    void planStartsFromTheFleetFilterWithTheProductsRunbook()
    {
        // Nothing selected, the filter narrows the fleet to graph-api: that is what gets planned.
        auto *filter = m_console.window->fleetPage()->filterEdit();
        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("product:graph-api env:staging"));
        m_console.window->fleetPage()->view()->clearSelection();
        action("actionStartUpgrade")->trigger();
        QTRY_VERIFY(m_console.window->upgradeWindow()->isVisible());
        QVERIFY(find<QRadioButton>("planScopeSelected")->isChecked());
        QCOMPARE(find<QRadioButton>("planScopeSelected")->text(), QStringLiteral("Instances the fleet filter shows"));
        QVERIFY2(find<QLabel>("planScopeSummary")->text().contains(QStringLiteral("graph-staging")), qPrintable(find<QLabel>("planScopeSummary")->text()));
        QCOMPARE(find<QComboBox>("planProduct")->currentText(), QStringLiteral("graph-api"));
        QCOMPARE(find<QComboBox>("planRunbook")->currentText(), QStringLiteral("graph-api-version-bump (bundled)"));
        // Only the product's runbooks are offered.
        QCOMPARE(find<QComboBox>("planRunbook")->count(), 1);
        // The newest version the channel allows without a breaking change, not the breaking major on top.
        auto *version = find<QComboBox>("planVersion");
        QVERIFY(version->itemText(0).contains(QStringLiteral("breaking")));
        QVERIFY(!newestNonBreaking().isEmpty());
        QCOMPARE(version->currentData(Qt::UserRole + 1).toString(), newestNonBreaking());

        // Another product: its runbook comes with it.
        QTest::mouseClick(find<QRadioButton>("planScopeProduct"), Qt::LeftButton);
        find<QComboBox>("planProduct")->setCurrentText(QStringLiteral("webwaka-platform"));
        QCOMPARE(find<QComboBox>("planRunbook")->currentText(), QStringLiteral("platform-instance-upgrade (bundled)"));
        QCOMPARE(version->currentData(Qt::UserRole + 1).toString(), QStringLiteral("1.5.1"));
        // The bundled platform runbook needs a window: said with the page's own control, no CLI flag.
        QVERIFY2(message("planMessage").contains(QStringLiteral("maintenance window")), qPrintable(message("planMessage")));
        QVERIFY2(noCliWords(message("planMessage")), qPrintable(message("planMessage")));
        emit find<MessageWidget>("planMessage")->linkActivated(QStringLiteral("window"));
        QVERIFY(find<QCheckBox>("planWindowNow")->isChecked());
        QTRY_VERIFY2(find<QPushButton>("planCreateRun")->isEnabled(), qPrintable(message("planMessage")));
        find<QCheckBox>("planWindowNow")->setChecked(false);
        filter->clear();
    }

    void noAllowedTargetSaysWhyPerInstanceAndOffersTheOverride()
    {
        selectInFleet({QStringLiteral("graph-prod-4")});
        action("actionStartUpgrade")->trigger();
        QTRY_VERIFY(!find<QPushButton>("planCreateRun")->isEnabled());
        const QString why = message("planMessage");
        QVERIFY2(why.contains(QStringLiteral("graph-prod-4")) && why.contains(QStringLiteral("frozen"), Qt::CaseInsensitive), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("href=\"override\"")), qPrintable(why));
        QVERIFY2(noCliWords(why), qPrintable(why));
        emit find<MessageWidget>("planMessage")->linkActivated(QStringLiteral("override"));
        QVERIFY(find<QCheckBox>("planOverride")->isChecked());
        QVERIFY(find<QLineEdit>("planOverrideReason")->isEnabled());
        QTest::mouseClick(find<QCheckBox>("planOverride"), Qt::LeftButton);
    }

    void aRunbookThatDoesNotFitPointsAtTheBundledOne()
    {
        selectInFleet({QStringLiteral("platform-staging-1")});
        action("actionStartUpgrade")->trigger();
        chooseVersion(QStringLiteral("1.5.0"));
        // A graph-api runbook for a platform instance: the page names the platform's bundled runbook.
        FileDialog::setNextFileName(QStringLiteral(LOCKSTEP_SOURCE_DIR "/tests/runbook/valid/graph-api-version-bump.yaml"));
        QTest::mouseClick(find<QPushButton>("planBrowseRunbook"), Qt::LeftButton);
        QTRY_VERIFY(message("planMessage").contains(QStringLiteral("platform-instance-upgrade")));
        QVERIFY2(!message("planMessage").contains(QStringLiteral("applies_to")), qPrintable(message("planMessage")));
        QVERIFY(!find<QPushButton>("planCreateRun")->isEnabled());
    }

    void aGoodRunSaysOnlyWhatIsTrue()
    {
        const QStringList names{QStringLiteral("platform-staging-1"), QStringLiteral("platform-staging-2")};
        startUpgrade(names, QStringLiteral("1.5.0"), m_manualRunbook);
        // The automated check passes while sign-offs are still missing: no failure banner.
        auto *checklist = static_cast<ChecklistModel *>(find<QTableView>("checklistTable")->model());
        QTRY_COMPARE_WITH_TIMEOUT(checklist->index(checklist->rowOf(QStringLiteral("healthy-before")), ChecklistModel::Check).data().toString(),
                                  QStringLiteral("✔ passed"), 15000);
        QTRY_VERIFY(!run()->checklist()->isRunning());
        QVERIFY2(!message("checklistMessage").contains(QStringLiteral("failed")), qPrintable(message("checklistMessage")));
        QVERIFY(!find<MessageWidget>("checklistMessage")->isVisible());
        signAll();
        QTRY_VERIFY(find<QPushButton>("checklistStart")->isEnabled());
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);

        // The canary's manual step: its prompt rendered for the instance and the version.
        QTRY_VERIFY_WITH_TIMEOUT(message("progressMessage").contains(QStringLiteral("Waiting for you")), 30000);
        const QString prompt = message("progressMessage");
        QVERIFY2(prompt.contains(QStringLiteral("Open platform-staging-1 and check the footer says 1.5.0")), qPrintable(prompt));
        QVERIFY2(!prompt.contains(QStringLiteral("{{")), qPrintable(prompt));
        OperatorPrompt::setNextAnswer(true, QStringLiteral("footer reads 1.5.0"));
        action("actionConfirmManual")->trigger();
        // Answered: the banner goes.
        QTRY_VERIFY2(!message("progressMessage").contains(QStringLiteral("Waiting for you")), qPrintable(message("progressMessage")));

        QTRY_VERIFY_WITH_TIMEOUT(action("actionApproveWave")->isEnabled(), 30000);
        OperatorPrompt::setNextAnswer(true);
        action("actionApproveWave")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(message("progressMessage").contains(QStringLiteral("Waiting for you"))
                                     && message("progressMessage").contains(QStringLiteral("platform-staging-2")), 30000);
        OperatorPrompt::setNextAnswer(true, QStringLiteral("footer reads 1.5.0"));
        find<QTableView>("progressGrid")->setCurrentIndex(find<QTableView>("progressGrid")->model()->index(1, 0));
        action("actionConfirmManual")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::Succeeded, 60000);
        m_goodRun = run()->runId();

        // The gate rows are final: nothing says it is still measuring.
        auto *gates = find<QTableWidget>("gateTable");
        for (int r = 0; r < gates->rowCount(); ++r)
            QVERIFY2(!gates->item(r, GatePanel::StateColumn)->text().contains(QStringLiteral("measuring")),
                     qPrintable(gates->item(r, GatePanel::StateColumn)->text()));

        // Every step.finished row of the audit table names its step.
        m_console.window->upgradeWindow()->showAudit();
        auto *audit = static_cast<AuditEventModel *>(static_cast<QSortFilterProxyModel *>(find<QTableView>("auditTable")->model())->sourceModel());
        int finished = 0;
        for (int r = 0; r < audit->rowCount(); ++r) {
            if (audit->index(r, AuditEventModel::Action).data().toString() != QLatin1String("step.finished"))
                continue;
            ++finished;
            QVERIFY2(!audit->index(r, AuditEventModel::Step).data().toString().isEmpty(), qPrintable(audit->events().at(r).evidence));
        }
        QVERIFY(finished >= 8);
    }

    void aRunEndingMidGateLeavesNoGateMeasuring()
    {
        // The bad release: its gate fails, the run rolls back and ends; rows say how they ended.
        startUpgrade({QStringLiteral("platform-prod-2"), QStringLiteral("platform-prod-3")}, QStringLiteral("1.5.1"), m_runbook);
        signAll();
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("checklistStart")->isEnabled(), 15000);
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::RolledBack, 90000);
        auto *gates = find<QTableWidget>("gateTable");
        for (int r = 0; r < gates->rowCount(); ++r)
            QVERIFY2(!gates->item(r, GatePanel::StateColumn)->text().startsWith(QStringLiteral("measuring")),
                     qPrintable(gates->item(r, GatePanel::StateColumn)->text()));
    }

    void anAbortWhileGatesMeasureEndsTheirRows()
    {
        startUpgrade({QStringLiteral("platform-prod-1"), QStringLiteral("platform-prod-4")}, QStringLiteral("1.5.0"), m_runbook);
        signAll();
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("checklistStart")->isEnabled(), 15000);
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);
        auto *gates = find<QTableWidget>("gateTable");
        // The canary is done and its gate measures.
        QTRY_VERIFY2_WITH_TIMEOUT(gates->item(0, GatePanel::StateColumn)->text().startsWith(QStringLiteral("measuring")),
                                  qPrintable(gates->item(0, GatePanel::StateColumn)->text()), 60000);
        OperatorPrompt::setNextAnswer(true, QStringLiteral("stop for the test"));
        action("actionAbortRun")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run()->state()), 30000);
        const QString state = gates->item(0, GatePanel::StateColumn)->text();
        QVERIFY2(!state.startsWith(QStringLiteral("measuring")), qPrintable(state));
        QVERIFY2(state.contains(QStringLiteral("aborted")) || state.contains(QStringLiteral("✘")) || state.contains(QStringLiteral("✔")),
                 qPrintable(state));
    }

    void aVersionRolledBackBeforeIsFlagged()
    {
        selectInFleet({QStringLiteral("platform-prod-2")});
        action("actionStartUpgrade")->trigger();
        auto *combo = find<QComboBox>("planVersion");
        int rolledBack = -1;
        for (int i = 0; i < combo->count(); ++i)
            if (combo->itemData(i, Qt::UserRole + 1).toString() == QLatin1String("1.5.1"))
                rolledBack = i;
        QVERIFY(rolledBack >= 0);
        QVERIFY2(combo->itemText(rolledBack).contains(QStringLiteral("rolled back before")), qPrintable(combo->itemText(rolledBack)));
        // It is no longer what the page offers first.
        QCOMPARE(combo->currentData(Qt::UserRole + 1).toString(), QStringLiteral("1.5.0"));
        chooseVersion(QStringLiteral("1.5.1"));
        chooseRunbook(m_runbook);
        QVERIFY2(message("planMessage").contains(QStringLiteral("rolled back before")), qPrintable(message("planMessage")));
    }

    void reportOfAnEarlierRun()
    {
        // The current run is the aborted one; the good run before it has its report too.
        QVERIFY(m_goodRun > 0 && run()->runId() != m_goodRun);
        UpgradeWindow *w = m_console.window->upgradeWindow();
        w->tabs()->setCurrentIndex(UpgradeWindow::ReportTab);
        auto *picker = find<QComboBox>("reportRun");
        QVERIFY(picker->count() >= 2);
        QCOMPARE(picker->currentData().toLongLong(), run()->runId());
        picker->setCurrentIndex(picker->findData(m_goodRun));
        QString preview = find<QTextBrowser>("reportPreview")->toPlainText();
        QVERIFY2(preview.contains(QStringLiteral("Run %1: gui-manual-upgrade → 1.5.0").arg(m_goodRun)), qPrintable(preview.left(300)));
        QVERIFY(preview.contains(QStringLiteral("succeeded")));
        QVERIFY(preview.contains(QStringLiteral("smoke-by-hand")));
        QVERIFY(preview.contains(QStringLiteral("footer reads 1.5.0")));

        // From the Runs page: the selected run's report.
        w->showRuns();
        auto *runs = find<QTableView>("runsTable");
        for (int r = 0; r < runs->model()->rowCount(); ++r)
            if (runs->model()->index(r, 0).data(RunListModel::RunIdRole).toLongLong() == m_goodRun)
                runs->selectRow(r);
        QTest::mouseClick(find<QPushButton>("runsReport"), Qt::LeftButton);
        QTRY_COMPARE(w->tabs()->currentIndex(), int(UpgradeWindow::ReportTab));
        QCOMPARE(picker->currentData().toLongLong(), m_goodRun);

        // And from the command line, as PDF, read back with pdftotext.
        const QString pdf = m_dir.filePath(QStringLiteral("run-%1.pdf").arg(m_goodRun));
        QProcess cli;
        cli.start(test::cliPath(), {QStringLiteral("report"), QString::number(m_goodRun), QStringLiteral("--pdf"), pdf,
                                    QStringLiteral("--database"), m_dir.filePath(QStringLiteral("lockstep.db"))});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        QVERIFY2(!pdftotext.isEmpty(), "pdftotext is missing: install the Debian package poppler-utils");
        QProcess text;
        text.start(pdftotext, {pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(30000));
        const QString body = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(body.contains(QStringLiteral("Run %1: gui-manual-upgrade").arg(m_goodRun)), qPrintable(body.left(400)));
        QVERIFY(body.contains(QStringLiteral("succeeded")));
        QVERIFY(body.contains(QStringLiteral("smoke-by-hand")));
        QVERIFY(body.contains(QStringLiteral("platform-staging-2")));
    }
};

QTEST_MAIN(TestUpgradeScreens)
#include "tst_upgradescreens.moc"
