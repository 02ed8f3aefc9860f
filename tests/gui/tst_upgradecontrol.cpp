#include "app/audit/AuditLog.h"
#include "tests/gui/UpgradeTestBase.h"
#include "tests/runbook/TinyHttpServer.h"
#include "tests/support/FreePort.h"
#include "app/notify/Notifier.h"
#include "app/notify/RunNotifications.h"
#include "ui/upgrade/OperatorPrompt.h"
#include "ui/upgrade/ProgressPage.h"
#include "ui/upgrade/RollbackCountdown.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// Records what the console would have shown on the desktop.
class RecordingNotifier : public Notifier
{
public:
    void notify(const QString &title, const QString &message) override { notes << title + QStringLiteral(" | ") + message; }
    QStringList notes;
};

// A canary whose second step fails (the health endpoint never answers 418), then the rest after an
// approval: for skip (with a reason) and for an approval while nobody watches.
const char *kFailingStepRunbook = R"(runbook: gui-failing-step
product: webwaka-platform
strategy:
  waves: [{count: 1, name: canary}, {percent: 100}]
  between_waves: {observe: 100ms, then: approve}
  on_failure: pause
steps:
  - id: upgrade
    http: "POST {{instance.api}}/instances/{{instance.name}}/upgrade"
    body: {version: "{{version}}"}
    expect: {status: [202]}
  - id: teapot-check
    title: A check that always fails
    http: "GET {{instance.url}}/health"
    expect: {status: [418]}
  - id: healthy
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 10s
    poll_interval: 100ms
)";

} // namespace

// The operator's side of a failing run on real widgets against lockstep-fleetsim: the countdown before
// an automatic rollback (cancel pauses, nobody rolls back), desktop notifications only while the operator
// looks elsewhere, a product webhook received by a real HTTP server on 127.0.0.1, a skip with a reason
// and a rollback of one instance.
class TestUpgradeControl : public UpgradeTestBase
{
    Q_OBJECT

    TinyHttpServer m_hook;
    RecordingNotifier m_notifier;

    QList<QJsonObject> hookPayloads() const
    {
        QList<QJsonObject> out;
        for (const TinyHttpServer::Request &r : m_hook.requests())
            out << QJsonDocument::fromJson(r.body).object();
        return out;
    }

    QJsonObject hookEvent(const QString &event) const
    {
        for (const QJsonObject &o : hookPayloads())
            if (o.value(QStringLiteral("event")).toString() == event)
                return o;
        return {};
    }

    void startRun(const QStringList &names, const QString &version, const QString &runbook)
    {
        selectInFleet(names);
        action("actionStartUpgrade")->trigger();
        chooseVersion(version);
        chooseRunbook(runbook);
        QTest::mouseClick(find<QPushButton>("planCreateRun"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ChecklistTab));
    }

    void lookElsewhere()
    {
        QApplication::setActiveWindow(m_console.window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_console.window.get()));
        QVERIFY(!m_console.window->upgradeWindow()->isActiveWindow());
    }

    void lookAtTheUpgrade()
    {
        QApplication::setActiveWindow(m_console.window->upgradeWindow());
        QVERIFY(QTest::qWaitForWindowActive(m_console.window->upgradeWindow()));
    }

    void selectInstance(const QString &name)
    {
        auto *grid = find<QTableView>("progressGrid");
        auto *model = static_cast<ProgressModel *>(grid->model());
        grid->setCurrentIndex(model->index(model->rowOf(name), ProgressModel::InstanceColumn));
    }

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
        // Several named operators on one store: names asserted for the test (recorded as "asserted").
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        const QString failure = startSession();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.discovered(), 20000);
        Settings::instance().set(settings::productWebhook(QStringLiteral("webwaka-platform")),
                                 QString::fromLatin1(m_hook.url("/hooks/T000/B000/secret")));
        // Long enough that only the operator ends it.
        Settings::instance().set(settings::rollbackCountdownSeconds, 600);
        m_console.window->upgradeWindow()->notifications()->setNotifier(&m_notifier);
    }

    void cleanupTestCase()
    {
        m_console.close();
    }

    void failedGateCountsDownAndCancelPauses()
    {
        const QStringList names{QStringLiteral("platform-prod-2"), QStringLiteral("platform-prod-3")};
        const QString before = m_console.versionInTable(names.first());
        startRun(names, QStringLiteral("1.5.1"), m_runbook);
        signOff(QStringLiteral("stakeholders"), QStringLiteral("alice"), QStringLiteral("ok"));
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("alice"), QStringLiteral("ok"));
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("bob"), QStringLiteral("ok"));
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("checklistStart")->isEnabled(), 15000);
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ProgressTab));
        lookElsewhere();

        // The canary's gate fails: the policy rolls back, but first counts down, visibly.
        auto *countdown = find<RollbackCountdown>("rollbackCountdown");
        QTRY_VERIFY2_WITH_TIMEOUT(countdown->isCounting(), qPrintable(runStateName(run()->state()) + QStringLiteral(": ") + run()->note()), 60000);
        QVERIFY(countdown->isVisible());
        QCOMPARE(run()->state(), RunState::RollingBack);
        QVERIFY(run()->rollbackDeadline().isValid());
        QVERIFY2(countdown->text().contains(QStringLiteral("gates failed after wave 1"))
                     && countdown->text().contains(QStringLiteral("platform-prod-2: 1.5.1 → ") + before)
                     && countdown->text().contains(QStringLiteral("Automatic rollback in")),
                 qPrintable(countdown->text()));
        QVERIFY(cellState(names.first()).startsWith(QStringLiteral("succeeded")));

        // The operator looked elsewhere: a desktop notification, and the product's webhook was told.
        QTRY_VERIFY(!m_notifier.notes.isEmpty());
        QVERIFY2(m_notifier.notes.first().contains(QStringLiteral("gate error-rate failed"))
                     && m_notifier.notes.first().contains(QStringLiteral("rolls back in 600 s")),
                 qPrintable(m_notifier.notes.first()));
        QTRY_VERIFY(!hookEvent(QStringLiteral("gate.failed")).isEmpty());
        const TinyHttpServer::Request request = m_hook.requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/hooks/T000/B000/secret"));
        QCOMPARE(request.headers.value("content-type"), QByteArray("application/json"));
        const QJsonObject hook = hookEvent(QStringLiteral("gate.failed"));
        QCOMPARE(hook.value(QStringLiteral("run_id")).toInteger(), run()->runId());
        QCOMPARE(hook.value(QStringLiteral("product")).toString(), QStringLiteral("webwaka-platform"));
        QVERIFY(hook.value(QStringLiteral("text")).toString().contains(QStringLiteral("error-rate")));
        QCOMPARE(hook.value(QStringLiteral("instances")).toArray().first().toString(), names.first());
        const QJsonObject versions = hook.value(QStringLiteral("versions")).toObject();
        QCOMPARE(versions.value(QStringLiteral("target")).toString(), QStringLiteral("1.5.1"));
        QCOMPARE(versions.value(QStringLiteral("current")).toObject().value(names.first()).toString(), before);

        lookAtTheUpgrade();
        snap(QStringLiteral("upgrade-countdown.png"));

        // Cancel: nothing is rolled back, the run waits for the operator, and the audit log says who.
        QTest::mouseClick(find<QPushButton>("rollbackCancel"), Qt::LeftButton);
        QCOMPARE(run()->state(), RunState::Paused);
        QVERIFY(!countdown->isVisible());
        QVERIFY(run()->note().contains(QStringLiteral("cancelled by alice")));
        QVERIFY(find<MessageWidget>("progressMessage")->text().contains(QStringLiteral("rollback was cancelled")));
        QTest::qWait(500);
        QVERIFY(cellState(names.first()).startsWith(QStringLiteral("succeeded")));
        QCOMPARE(m_sim.get(QStringLiteral("/api/instances/") + names.first()).json().toObject().value(QStringLiteral("version")).toString(),
                 QStringLiteral("1.5.1"));
        const QStringList audited = auditActions(run()->runId());
        QVERIFY2(audited.contains(QStringLiteral("rollback.scheduled:lockstep")) && audited.contains(QStringLiteral("rollback.cancelled:alice"))
                     && !audited.contains(QStringLiteral("rollback.started:lockstep")),
                 qPrintable(audited.join(QLatin1Char(' '))));

        // The operator rolls back the canary alone; the question names it and its versions.
        selectInstance(names.first());
        QVERIFY(action("actionRollbackInstance")->isEnabled());
        OperatorPrompt::setNextAnswer(true, QStringLiteral("the canary's error rate is too high"));
        action("actionRollbackInstance")->trigger();
        QVERIFY2(OperatorPrompt::lastQuestion().contains(QStringLiteral("platform-prod-2: 1.5.1 → ") + before),
                 qPrintable(OperatorPrompt::lastQuestion()));
        QTRY_VERIFY_WITH_TIMEOUT(cellState(names.first()).startsWith(QStringLiteral("rolled-back")), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.versionInTable(names.first()), before, 15000);
        QVERIFY(auditActions(run()->runId()).contains(QStringLiteral("rollback.requested:alice")));

        OperatorPrompt::setNextAnswer(true, QStringLiteral("done here"));
        action("actionAbortRun")->trigger();
        QTRY_COMPARE(run()->state(), RunState::Aborted);
    }

    void approvalWhileWatchingNotifiesOnlyTheWebhook()
    {
        const int notesBefore = int(m_notifier.notes.size());
        startRun({QStringLiteral("platform-staging-1"), QStringLiteral("platform-staging-2")}, QStringLiteral("1.5.0"), m_runbook);
        signOff(QStringLiteral("stakeholders"), QStringLiteral("alice"), QStringLiteral("ok"));
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("alice"), QStringLiteral("ok"));
        signOff(QStringLiteral("rollback-plan"), QStringLiteral("bob"), QStringLiteral("ok"));
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("checklistStart")->isEnabled(), 15000);
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);
        lookAtTheUpgrade();
        QTRY_VERIFY_WITH_TIMEOUT(action("actionApproveWave")->isEnabled(), 30000);
        QTRY_VERIFY(!hookEvent(QStringLiteral("approval.needed")).isEmpty());
        const QJsonObject hook = hookEvent(QStringLiteral("approval.needed"));
        QCOMPARE(hook.value(QStringLiteral("run_id")).toInteger(), run()->runId());
        QCOMPARE(hook.value(QStringLiteral("instances")).toArray().first().toString(), QStringLiteral("platform-staging-2"));
        QVERIFY2(hook.value(QStringLiteral("text")).toString().contains(QStringLiteral("approval needed for wave 2")),
                 qPrintable(hook.value(QStringLiteral("text")).toString()));
        // The operator was looking at the window: no desktop notification.
        QCOMPARE(int(m_notifier.notes.size()), notesBefore);

        OperatorPrompt::setNextAnswer(true);
        action("actionApproveWave")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::Succeeded, 30000);
    }

    void skipWithReasonAndAFailingWebhook()
    {
        // Nothing listens on this port: the webhook fails, the console says so, the run goes on.
        Settings::instance().set(settings::productWebhook(QStringLiteral("webwaka-platform")),
                                 QStringLiteral("http://127.0.0.1:%1/hooks/secret").arg(freePort()));
        const QString runbook = writeFile(m_dir, QStringLiteral("gui-failing-step.yaml"), kFailingStepRunbook);
        startRun({QStringLiteral("platform-prod-1"), QStringLiteral("platform-prod-4")}, QStringLiteral("1.5.0"), runbook);
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("checklistStart")->isEnabled(), 15000);
        QTest::mouseClick(find<QPushButton>("checklistStart"), Qt::LeftButton);

        auto *model = static_cast<ProgressModel *>(find<QTableView>("progressGrid")->model());
        const QString canary = model->instanceAt(0);
        QTRY_COMPARE_WITH_TIMEOUT(model->cellStatus(canary, QStringLiteral("teapot-check")), ProgressModel::CellStatus::Failed, 20000);
        QTRY_COMPARE(run()->progress(canary).state, InstanceState::Failed);
        selectInstance(canary);
        QVERIFY(action("actionSkipStep")->isEnabled());
        // Cancelled (no reason): nothing happens.
        OperatorPrompt::setNextAnswer(false);
        action("actionSkipStep")->trigger();
        QCOMPARE(run()->progress(canary).state, InstanceState::Failed);
        OperatorPrompt::setNextAnswer(true, QStringLiteral("the teapot check is known broken"));
        action("actionSkipStep")->trigger();
        QVERIFY2(OperatorPrompt::lastQuestion().contains(QStringLiteral("teapot-check")) && OperatorPrompt::lastQuestion().contains(canary),
                 qPrintable(OperatorPrompt::lastQuestion()));
        QCOMPARE(model->cellStatus(canary, QStringLiteral("teapot-check")), ProgressModel::CellStatus::Skipped);
        QVERIFY(auditActions(run()->runId()).contains(QStringLiteral("step.skipped:alice")));
        // The failure spent the wave's budget and paused the run: the operator resumes it.
        QCOMPARE(run()->state(), RunState::Paused);
        action("actionResumeRun")->trigger();

        QTRY_VERIFY2_WITH_TIMEOUT(action("actionApproveWave")->isEnabled(), qPrintable(run()->note()), 30000);
        QCOMPARE(model->cellStatus(canary, QStringLiteral("healthy")), ProgressModel::CellStatus::Succeeded);
        QTRY_VERIFY_WITH_TIMEOUT(find<MessageWidget>("upgradeMessage")->text().contains(QStringLiteral("was not told")), 15000);
        const QString message = find<MessageWidget>("upgradeMessage")->text();
        QVERIFY2(message.contains(QStringLiteral("http://127.0.0.1:")) && !message.contains(QStringLiteral("secret")), qPrintable(message));
        QCOMPARE(run()->state(), RunState::AwaitingApproval);
        OperatorPrompt::setNextAnswer(true, QStringLiteral("enough"));
        action("actionAbortRun")->trigger();
        QTRY_COMPARE(run()->state(), RunState::Aborted);
    }
};

QTEST_MAIN(TestUpgradeControl)
#include "tst_upgradecontrol.moc"
