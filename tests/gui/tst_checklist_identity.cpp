// The checklist page says who you are signed in as and why a sign-off is refused or does not count, and
// takes a second operator's SSH-signed sign-off pasted into it. One desktop (SQLite), the OS account as
// the operator, bob's key in a real ssh-agent started by the test, an allowed_signers file.
#include "app/audit/AuditLog.h"
#include "app/audit/AuditLogSink.h"
#include "app/engine/Checklist.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/StoredRunSignOff.h"
#include "app/identity/OperatorIdentity.h"
#include "app/session/ConsoleSession.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "tests/support/SshAgent.h"
#include "ui/common/MessageWidget.h"
#include "ui/common/TaskProgress.h"
#include "ui/upgrade/ChecklistPage.h"
#include "tests/support/RunbookPlan.h"

#include <QFile>
#include <QLabel>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const char *kRunbook = R"(runbook: identity-gui
product: demo
checklist:
  - id: change-approved
    title: Change approved by two operators
    signoff: {by: 2}
  - id: peer-review
    title: Reviewed by someone who did not start the run
    signoff: {by: 1, exclude_initiator: true}
steps:
  - {id: upgrade, local: "true"}
)";

} // namespace

class TestChecklistIdentity : public QObject
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
        QVERIFY(m_agent.addKey(QStringLiteral("bob")).isEmpty());
        QVERIFY(m_agent.allow(QStringLiteral("bob"), QStringLiteral("bob")).isEmpty());
    }

    void showsWhoSignsAndWhyNot()
    {
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("lockstep.db"))).ok());
        AuditLog log(db);
        AuditLogSink sink(log);
        EngineRuntime::Options options;
        options.allowedSigners = m_agent.allowedSigners();
        EngineRuntime runtime(db, &sink, options);
        const QString me = runtime.identity().name();

        auto plan = planFromRunbook({kRunbook, QStringLiteral("identity-gui.yaml"), {QStringLiteral("a")}});
        QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
        auto created = RunExecutor::create(*plan, me, runtime.services());
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);

        ConsoleSession session;   // no store: the page signs as the identity set below
        ChecklistPage page(&session);
        page.resize(900, 560);
        page.setIdentity(runtime.identity());
        page.setRun(run.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        auto *operatorField = find<QLineEdit>(page, "checklistOperator");
        QCOMPARE(operatorField->text(), me);
        QVERIFY(operatorField->isReadOnly());   // no typed names
        QCOMPARE(find<QLabel>(page, "checklistIdentity")->text(), QStringLiteral("OS account"));

        // The initiator signs the item that excludes them: refused, with the reason.
        auto *table = find<QTableView>(page, "checklistTable");
        auto *message = find<MessageWidget>(page, "checklistMessage");
        table->selectRow(1);
        QTest::keyClicks(find<QLineEdit>(page, "checklistComment"), QStringLiteral("looked at it"));
        QTest::mouseClick(find<QPushButton>(page, "checklistSignOff"), Qt::LeftButton);
        QTRY_VERIFY(message->text().contains(QStringLiteral("%1 started this run").arg(me)));

        // The OS account's own sign-off of the four-eyes item is kept but does not make four eyes.
        table->selectRow(0);
        find<QLineEdit>(page, "checklistComment")->clear();
        QTest::keyClicks(find<QLineEdit>(page, "checklistComment"), QStringLiteral("diff read"));
        QTest::mouseClick(find<QPushButton>(page, "checklistSignOff"), Qt::LeftButton);
        auto *status = find<QLabel>(page, "checklistStatus");
        QTRY_VERIFY2(status->text().contains(QStringLiteral("0 of 2 sign-offs; needs another operator other than %1").arg(me)),
                     qPrintable(status->text()));
        QVERIFY2(status->text().contains(QStringLiteral("not signed with an SSH key")), qPrintable(status->text()));
        QVERIFY(!find<QPushButton>(page, "checklistStart")->isEnabled());

        // Bob signs on his machine; the file's text is pasted here.
        auto req = StoredRunSignOff::request(runtime, run->runId(), QStringLiteral("change-approved"));
        QVERIFY(req.ok());
        auto signedByBob = StoredRunSignOff::signRequest(*req, m_agent.publicKey(QStringLiteral("bob")), QStringLiteral("bob"),
                                                         QStringLiteral("agreed"));
        QVERIFY2(signedByBob.ok(), qPrintable(signedByBob.ok() ? QString() : signedByBob.error().toString()));
        auto *paste = find<QPlainTextEdit>(page, "checklistSignature");
        // A changed comment no longer verifies: refused inline.
        SignOffMessage edited = *signedByBob;
        edited.comment = QStringLiteral("whatever");
        paste->setPlainText(QString::fromUtf8(edited.toJson()));
        QTest::mouseClick(find<QPushButton>(page, "checklistImportSignature"), Qt::LeftButton);
        QTRY_VERIFY2(message->text().contains(QStringLiteral("does not verify")), qPrintable(message->text()));
        paste->setPlainText(QString::fromUtf8(signedByBob->toJson()));
        QTest::mouseClick(find<QPushButton>(page, "checklistImportSignature"), Qt::LeftButton);
        QTRY_VERIFY2(message->text().contains(QStringLiteral("bob signed")), qPrintable(message->text()));
        QVERIFY(paste->toPlainText().isEmpty());
        QTRY_VERIFY2(status->text().contains(QStringLiteral("needs a second operator other than %1, bob").arg(me)),
                     qPrintable(status->text()));

        const QString dir = qEnvironmentVariableIntValue("LOCKSTEP_UPDATE_SCREENSHOTS") == 1
                                ? QStringLiteral(LOCKSTEP_SOURCE_DIR "/docs/screenshots")
                                : m_dir.path();
        table->selectRow(0);
        QCoreApplication::processEvents();
        QVERIFY(page.grab().save(dir + QStringLiteral("/checklist-identity.png")));
        QVERIFY(run->abort(me, QStringLiteral("test done")).ok());
    }

    // ssh-keygen -Y verify runs on a worker: while it runs the window keeps turning its event loop and
    // shows what it does; the sign-off counts once the verdict is back. The real ssh-keygen is called
    // through a wrapper on PATH that holds `-Y verify` until the test has looked (a file it waits for).
    void verifyingKeepsTheWindowAnswering()
    {
        const QString realKeygen = QStandardPaths::findExecutable(QStringLiteral("ssh-keygen"));
        QVERIFY2(!realKeygen.isEmpty(), "ssh-keygen is missing (Debian package openssh-client)");
        QTemporaryDir bin;
        const QString started = bin.filePath(QStringLiteral("verify-started"));
        const QString go = bin.filePath(QStringLiteral("verify-go"));
        {
            QFile wrapper(bin.filePath(QStringLiteral("ssh-keygen")));
            QVERIFY(wrapper.open(QIODevice::WriteOnly));
            wrapper.write(QStringLiteral("#!/bin/sh\nif [ \"$1\" = -Y ] && [ \"$2\" = verify ]; then\n"
                                         "  : > '%1'\n  while [ ! -e '%2' ]; do sleep 0.05; done\nfi\nexec '%3' \"$@\"\n")
                              .arg(started, go, realKeygen).toUtf8());
            wrapper.close();
            QVERIFY(wrapper.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        }
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", bin.path().toUtf8() + ':' + path);
        const auto restorePath = qScopeGuard([path] { qputenv("PATH", path); });

        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("verify.db")), QStringLiteral("verify")).ok());
        AuditLog log(db);
        AuditLogSink sink(log);
        EngineRuntime::Options options;
        options.allowedSigners = m_agent.allowedSigners();
        EngineRuntime runtime(db, &sink, options);
        const QString me = runtime.identity().name();
        auto plan = planFromRunbook({kRunbook, QStringLiteral("identity-gui.yaml"), {QStringLiteral("a")}});
        QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
        auto created = RunExecutor::create(*plan, me, runtime.services());
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);

        ConsoleSession session;   // no store: the page signs as the identity set below
        ChecklistPage page(&session);
        page.resize(900, 560);
        page.setIdentity(runtime.identity());
        page.setRun(run.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        auto req = StoredRunSignOff::request(runtime, run->runId(), QStringLiteral("peer-review"));
        QVERIFY(req.ok());
        auto signedByBob = StoredRunSignOff::signRequest(*req, m_agent.publicKey(QStringLiteral("bob")), QStringLiteral("bob"),
                                                         QStringLiteral("reviewed"));
        QVERIFY2(signedByBob.ok(), qPrintable(signedByBob.ok() ? QString() : signedByBob.error().toString()));
        find<QPlainTextEdit>(page, "checklistSignature")->setPlainText(QString::fromUtf8(signedByBob->toJson()));
        auto *import = find<QPushButton>(page, "checklistImportSignature");
        QTest::mouseClick(import, Qt::LeftButton);

        // ssh-keygen runs (held by the wrapper): the GUI thread keeps turning and shows the job.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(started), 30000);
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10);
        QTRY_VERIFY_WITH_TIMEOUT(ticks >= 5, 10000);
        QVERIFY(find<TaskProgress>(page, "checklistSignatureProgress")->isVisible());
        QVERIFY(!import->isEnabled());
        QCOMPARE(run->checklist()->items().at(1).signOffs.size(), 0);

        QFile release(go);
        QVERIFY(release.open(QIODevice::WriteOnly));
        release.close();
        auto *message = find<MessageWidget>(page, "checklistMessage");
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QStringLiteral("bob signed \"peer-review\"")), 30000);
        QCOMPARE(run->checklist()->items().at(1).countedSignOffs(), 1);
        QTRY_VERIFY(!find<TaskProgress>(page, "checklistSignatureProgress")->isVisible());
        QVERIFY(import->isEnabled());
        QVERIFY(run->abort(me, QStringLiteral("test done")).ok());
    }
};

QTEST_MAIN(TestChecklistIdentity)
#include "tst_checklist_identity.moc"
