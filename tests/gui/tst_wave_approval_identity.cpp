// The progress page's wave approval on one desktop (SQLite, the OS account as the operator): it says why
// an approval is refused ("… started this run") and what is still missing ("needs a second operator other
// than …"), copies the request a second operator signs, and takes their SSH-signed approvals pasted into
// it — verified with the real ssh-agent and ssh-keygen — until the rule is met and the wave starts.
#include "app/audit/AuditLog.h"
#include "app/audit/AuditLogSink.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/StoredRunSignOff.h"
#include "app/identity/OperatorIdentity.h"
#include "app/session/ConsoleSession.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "tests/engine/RoundGates.h"
#include "tests/support/SshAgent.h"
#include "ui/common/MessageWidget.h"
#include "ui/upgrade/OperatorPrompt.h"
#include "ui/upgrade/ProgressPage.h"
#include "tests/support/RunbookPlan.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const char *kRunbook = R"(runbook: signed-waves-gui
product: demo
strategy:
  waves:
    - {count: 1, name: canary}
    - {percent: 100, name: rest}
  between_waves:
    then: approve
    approval: {by: 2, exclude_initiator: true}
gates:
  - id: error-rate
    metric: error_rate
    below: 0.01
    interval: 1s
    count: 1
    failure_limit: 1
    no_data: fail
steps:
  - {id: upgrade, local: "true"}
)";

} // namespace

class TestWaveApprovalIdentity : public QObject
{
    Q_OBJECT

private:
    SshAgent m_agent;
    QTemporaryDir m_dir;

    template<typename T>
    T *find(QWidget &page, const char *name) const
    {
        T *w = page.findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no widget %s", name);
        return w;
    }

private slots:
    void initTestCase()
    {
        qunsetenv("LOCKSTEP_TEST_IDENTITIES");
        const QString agent = m_agent.start();
        QVERIFY2(agent.isEmpty(), qPrintable(agent));
        for (const char *name : {"alice", "bob"}) {
            QVERIFY(m_agent.addKey(QLatin1String(name)).isEmpty());
            QVERIFY(m_agent.allow(QLatin1String(name), QLatin1String(name)).isEmpty());
        }
    }

    void showsWhyAndTakesSignedApprovals()
    {
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("lockstep.db"))).ok());
        AuditLog log(db);
        AuditLogSink sink(log);
        EngineRuntime::Options options;
        options.allowedSigners = m_agent.allowedSigners();
        EngineRuntime runtime(db, &sink, options);
        const QString me = runtime.identity().name();

        auto plan = planFromRunbook({kRunbook, QStringLiteral("signed-waves-gui.yaml"),
                                     {QStringLiteral("platform-prod-1"), QStringLiteral("platform-prod-2"), QStringLiteral("platform-prod-3")},
                                     QStringLiteral("1.4.2"), QStringLiteral("1.5.0")});
        QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
        RoundGates gates;
        gates.delayMs = 20;
        EngineServices services = runtime.services();
        services.gates = &gates;
        auto created = RunExecutor::create(*plan, me, services);
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);

        ConsoleSession session;   // no store: the page acts as the console's operator
        ProgressPage page(&session);
        page.resize(1000, 680);
        page.setRun(run.get(), &runtime.runs());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *panel = find<QWidget>(page, "waveApprovalPanel");
        QVERIFY(!panel->isVisible());

        QSignalSpy asked(run.get(), &RunExecutor::approvalNeeded);
        QVERIFY(run->start(me).ok());
        QVERIFY(asked.wait(30000));
        QTRY_VERIFY(panel->isVisible());

        // The OS account started the run: its approval is refused, and the panel says why and who is missing.
        OperatorPrompt::setNextAnswer(true);
        page.findChild<QAction *>(QStringLiteral("actionApproveWave"))->trigger();
        auto *message = find<MessageWidget>(page, "waveApprovalMessage");
        auto *status = find<QLabel>(page, "waveApprovalStatus");
        QTRY_VERIFY2(message->text().contains(QStringLiteral("%1 started this run").arg(me)), qPrintable(message->text()));
        QTRY_VERIFY2(status->text().contains(QStringLiteral("0 of 2 approvals; needs an operator other than %1").arg(me)),
                     qPrintable(status->text()));

        // Copy request: what bob signs, with the gate's values this page shows.
        QTest::mouseClick(find<QPushButton>(page, "waveApprovalCopyRequest"), Qt::LeftButton);
        auto copied = SignOffMessage::fromJson(QGuiApplication::clipboard()->text().toUtf8(), QStringLiteral("clipboard"));
        QVERIFY2(copied.ok(), qPrintable(QGuiApplication::clipboard()->text()));
        QCOMPARE(copied->item, QStringLiteral("approve-wave-2"));
        QVERIFY2(copied->evidence.contains(QStringLiteral("error_rate 0.001")), qPrintable(copied->evidence));

        auto *paste = find<QPlainTextEdit>(page, "waveApprovalSignature");
        auto *import = find<QPushButton>(page, "waveApprovalImport");
        auto signedBy = [&](const QString &who) {
            auto s = StoredRunSignOff::signRequest(*copied, m_agent.publicKey(who), who, QStringLiteral("canary error rate fine"));
            if (!s)
                qFatal("%s", qPrintable(s.error().toString()));
            return *s;
        };
        // A changed comment no longer verifies: refused in the panel.
        SignOffMessage edited = signedBy(QStringLiteral("bob"));
        edited.comment = QStringLiteral("whatever");
        paste->setPlainText(QString::fromUtf8(edited.toJson()));
        QTest::mouseClick(import, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QStringLiteral("does not verify")), 30000);
        QCOMPARE(run->state(), RunState::AwaitingApproval);

        paste->setPlainText(QString::fromUtf8(signedBy(QStringLiteral("bob")).toJson()));
        QTest::mouseClick(import, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QStringLiteral("bob approved with an SSH key")), 30000);
        QVERIFY(paste->toPlainText().isEmpty());
        QTRY_VERIFY2(status->text().contains(QStringLiteral("1 of 2 approvals; needs a second operator other than bob, %1").arg(me)),
                     qPrintable(status->text()));

        // The same key again does not make a second approver.
        paste->setPlainText(QString::fromUtf8(signedBy(QStringLiteral("bob")).toJson()));
        QTest::mouseClick(import, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QStringLiteral("already signed")), 30000);

        // The initiator's refusal, for the screenshot, next to what is missing.
        OperatorPrompt::setNextAnswer(true);
        page.findChild<QAction *>(QStringLiteral("actionApproveWave"))->trigger();
        QTRY_VERIFY(message->text().contains(QStringLiteral("%1 started this run").arg(me)));
        paste->clear();
        const QString dir = qEnvironmentVariableIntValue("LOCKSTEP_UPDATE_SCREENSHOTS") == 1
                                ? QStringLiteral(LOCKSTEP_SOURCE_DIR "/docs/screenshots")
                                : m_dir.path();
        QCoreApplication::processEvents();
        QVERIFY(page.grab().save(dir + QStringLiteral("/wave-approval-identity.png")));

        // Alice's signature is the second approver: the wave starts and the panel goes.
        QSignalSpy waves(run.get(), &RunExecutor::waveStarted);
        paste->setPlainText(QString::fromUtf8(signedBy(QStringLiteral("alice")).toJson()));
        QTest::mouseClick(import, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(waves.count() == 1, 30000);
        QTRY_VERIFY(!panel->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 30000);
        QCOMPARE(run->state(), RunState::Succeeded);
    }
};

QTEST_MAIN(TestWaveApprovalIdentity)
#include "tst_wave_approval_identity.moc"
