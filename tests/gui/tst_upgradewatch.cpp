#include "app/audit/AuditLog.h"
#include "tests/gui/UpgradeTestBase.h"
#include "ui/upgrade/GatePanel.h"
#include "ui/upgrade/OperatorPrompt.h"

#include <QLabel>
#include <QTabWidget>

using namespace lockstep;
using namespace lockstep::test;

// The post-rollout watch on real widgets against lockstep-fleetsim: after the last wave the progress
// page shows the watch with its time left, the gates keep measuring on their tab, and the operator ends
// the watch early with a reason through the "End watch" action; the audit log names them.
class TestUpgradeWatch : public UpgradeTestBase
{
    Q_OBJECT

    QStringList auditActions(qint64 runId) const
    {
        AuditFilter filter;
        filter.runId = QString::number(runId);
        QStringList out;
        if (auto events = m_console.window->upgradeWindow()->session()->auditLog()->query(filter))
            for (const AuditEvent &e : *events)
                out << e.action + QLatin1Char(':') + e.operatorName;
        return out;
    }

private slots:
    void initTestCase()
    {
        const QString failure = startSession();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.discovered(), 20000);
    }

    void cleanupTestCase()
    {
        m_console.close();
    }

    void watchShowsTimeLeftAndEndsEarlyWithAReason()
    {
        // The GUI runbook with an hour's watch after its last wave.
        const QByteArray watched = QByteArray(kGuiRunbook) + "watch:\n  for: 1h\n  on_failure: rollback\n";
        const QString runbook = writeFile(m_dir, QStringLiteral("gui-watched-upgrade.yaml"), watched.constData());
        selectInFleet({QStringLiteral("platform-staging-1"), QStringLiteral("platform-staging-2")});
        action("actionStartUpgrade")->trigger();
        chooseVersion(QStringLiteral("1.5.0"));
        chooseRunbook(runbook);
        QTest::mouseClick(find<QPushButton>("planCreateRun"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ChecklistTab));
        signOff(QStringLiteral("stakeholders"), QStringLiteral("alice"), QStringLiteral("ok"));
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("alice"), QStringLiteral("ok"));
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("bob"), QStringLiteral("ok"));
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("checklistStart")->isEnabled(), 15000);
        QVERIFY(!action("actionEndWatch")->isVisible());
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(action("actionApproveWave")->isEnabled(), 30000);
        OperatorPrompt::setNextAnswer(true);
        action("actionApproveWave")->trigger();

        // The last wave's gates, then the watch: its time left in the status line and on the gates' tab.
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::Watching, 30000);
        QTRY_VERIFY2_WITH_TIMEOUT(find<QLabel>("runStatus")->text().contains(QStringLiteral("watching: 59:")),
                                  qPrintable(find<QLabel>("runStatus")->text()), 5000);
        QCOMPARE(find<QTabWidget>("progressTabs")->currentWidget(), find<GatePanel>("gatePanel"));
        const QString verdict = find<QLabel>("gateVerdict")->text();
        QVERIFY2(verdict.contains(QStringLiteral("Watching after the rollout")) && verdict.contains(QStringLiteral("error-rate")),
                 qPrintable(verdict));
        QVERIFY(action("actionEndWatch")->isVisible());
        QVERIFY(action("actionEndWatch")->isEnabled());
        QVERIFY(action("actionRollbackAll")->isEnabled());   // rollback stays one action
        QCOMPARE(action("actionEndWatch")->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
        // The gates keep measuring: the chart gets points during the watch.
        QCOMPARE(find<GatePanel>("gatePanel")->rows().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(find<GatePanel>("gatePanel")->rows().first().last().startsWith(QStringLiteral("measuring")), 10000);
        snap(QStringLiteral("upgrade-watch.png"));

        // Cancelled (no reason): the watch goes on.
        OperatorPrompt::setNextAnswer(false);
        action("actionEndWatch")->trigger();
        QCOMPARE(run()->state(), RunState::Watching);
        OperatorPrompt::setNextAnswer(true, QStringLiteral("metrics flat; the change freeze starts"));
        action("actionEndWatch")->trigger();
        QVERIFY2(OperatorPrompt::lastQuestion().contains(QStringLiteral(" 59:")), qPrintable(OperatorPrompt::lastQuestion()));
        QTRY_COMPARE(run()->state(), RunState::Succeeded);
        QVERIFY(!action("actionEndWatch")->isVisible());
        QVERIFY(auditActions(run()->runId()).contains(QStringLiteral("watch.ended-early:alice")));
    }
};

QTEST_MAIN(TestUpgradeWatch)
#include "tst_upgradewatch.moc"
