// Four eyes on one desktop: two operators, two SSH keys in a real ssh-agent, an allowed_signers file.
// A `by: 2` item counts two SSHSIG signatures of two principals, refuses a second signature by the same
// key (under any principal), a tampered one, one made outside the key's validity and one older than the
// rule's max_age; the OS account's own unsigned sign-off does not make four eyes. The audit export carries
// each signature, and ssh-keygen -Y verify accepts it without Lockstep; packaging/verify-audit-chain.py
// checks the chain of that export.
#include "app/audit/AuditLog.h"
#include "app/audit/AuditLogSink.h"
#include "app/engine/Checklist.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/StoredRunSignOff.h"
#include "app/identity/OperatorIdentity.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "tests/support/SignedEvidence.h"
#include "tests/support/SshAgent.h"
#include "tests/support/TestPaths.h"
#include "tests/support/RunbookPlan.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const char *kRunbook = R"(runbook: signed
product: demo
checklist:
  - id: change-approved
    title: Change approved by two operators
    signoff: {by: 2, max_age: 1h}
steps:
  - {id: upgrade, local: "true"}
)";

Plan makePlan()
{
    return planFromRunbookOrDie({kRunbook, QStringLiteral("signed.yaml"), {QStringLiteral("a")}});
}

} // namespace

class TestSignedSignOff : public QObject
{
    Q_OBJECT

private:
    SshAgent m_agent;
    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<AuditLog> m_log;
    std::unique_ptr<AuditLogSink> m_sink;
    std::unique_ptr<EngineRuntime> m_runtime;

    // A fresh run waiting at its checklist, created by this desktop's OS account.
    std::unique_ptr<RunExecutor> newRun()
    {
        auto created = RunExecutor::create(makePlan(), m_runtime->identity().name(), m_runtime->services());
        if (!created)
            qFatal("%s", qPrintable(created.error().toString()));
        return std::unique_ptr<RunExecutor>(*created);
    }

    Result<SignOff> signAndImport(RunExecutor &run, const QString &key, const QString &principal, const QString &comment)
    {
        auto request = StoredRunSignOff::request(*m_runtime, run.runId(), QStringLiteral("change-approved"));
        if (!request)
            return request.error();
        // The request travels as a file to the signer and the signed file back.
        auto travelled = SignOffMessage::fromJson(request->toJson(), QStringLiteral("request"));
        auto signedOff = StoredRunSignOff::signRequest(*travelled, m_agent.publicKey(key), principal, comment);
        if (!signedOff)
            return signedOff.error();
        auto back = SignOffMessage::fromJson(signedOff->toJson(), QStringLiteral("signed"));
        if (!back)
            return back.error();
        return run.checklist()->addSigned(*back);
    }

private slots:
    void initTestCase()
    {
        qunsetenv("LOCKSTEP_TEST_IDENTITIES");
        const QString agent = m_agent.start();
        QVERIFY2(agent.isEmpty(), qPrintable(agent));
        for (const char *name : {"alice", "bob", "dave"})
            QVERIFY(m_agent.addKey(QLatin1String(name)).isEmpty());
        QVERIFY(m_agent.allow(QStringLiteral("alice"), QStringLiteral("alice")).isEmpty());
        QVERIFY(m_agent.allow(QStringLiteral("bob"), QStringLiteral("bob")).isEmpty());
        // Alice's key also under a second name: still one person's key.
        QVERIFY(m_agent.allow(QStringLiteral("alice-admin"), QStringLiteral("alice")).isEmpty());
        // Dave's key was valid only until 2020.
        QVERIFY(m_agent.allow(QStringLiteral("dave"), QStringLiteral("dave"), QStringLiteral("valid-before=\"20200101\"")).isEmpty());

        QVERIFY(m_dir.isValid());
        QVERIFY(m_db.open(m_dir.filePath(QStringLiteral("lockstep.db"))).ok());
        m_log = std::make_unique<AuditLog>(m_db);
        m_sink = std::make_unique<AuditLogSink>(*m_log);
        EngineRuntime::Options options;
        options.allowedSigners = m_agent.allowedSigners();
        m_runtime = std::make_unique<EngineRuntime>(m_db, m_sink.get(), options);
        QCOMPARE(m_runtime->identity().source(), OperatorIdentity::Source::OsAccount);
        QCOMPARE(m_runtime->identity().name(), OperatorIdentity::osAccount());
    }

    void twoPrincipalsMakeFourEyes()
    {
        auto run = newRun();
        // The desktop's own account signing without a key is one person, whatever it types.
        const QString me = m_runtime->identity().name();
        QVERIFY(run->checklist()->signOff(QStringLiteral("change-approved"), me, QStringLiteral("looked")).ok());
        const auto typed = run->checklist()->signOff(QStringLiteral("change-approved"), QStringLiteral("bob"), QStringLiteral("me too"));
        QVERIFY(!typed.ok());
        QVERIFY2(typed.error().hint.contains(QStringLiteral("SSH key")), qPrintable(typed.error().toString()));
        QCOMPARE(run->checklist()->unsatisfied().size(), 1);
        QVERIFY2(run->checklist()->unsatisfied().first().contains(QStringLiteral("not signed with an SSH key")),
                 qPrintable(run->checklist()->unsatisfied().first()));

        const auto first = signAndImport(*run, QStringLiteral("alice"), QStringLiteral("alice"), QStringLiteral("diff read"));
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().toString()));
        QCOMPARE(first->operatorName, QStringLiteral("alice"));
        QCOMPARE(first->authentication, QStringLiteral("ssh-key"));
        QVERIFY2(run->checklist()->unsatisfied().first().contains(QStringLiteral("needs a second operator other than")),
                 qPrintable(run->checklist()->unsatisfied().first()));
        const auto second = signAndImport(*run, QStringLiteral("bob"), QStringLiteral("bob"), QStringLiteral("agreed"));
        QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().toString()));
        QVERIFY2(run->checklist()->unsatisfied().isEmpty(), qPrintable(run->checklist()->unsatisfied().join(QLatin1Char(';'))));

        // As the store has it, for another console (or after a restart).
        auto items = StoredRunSignOff::items(*m_runtime, run->runId());
        QVERIFY(items.ok());
        QVERIFY(items->first().satisfied());
        QVERIFY(run->abort(me, QStringLiteral("test done")).ok());
    }

    void oneKeyTwiceIsRefused()
    {
        auto run = newRun();
        QVERIFY(signAndImport(*run, QStringLiteral("alice"), QStringLiteral("alice"), QStringLiteral("one")).ok());
        const auto again = signAndImport(*run, QStringLiteral("alice"), QStringLiteral("alice"), QStringLiteral("two"));
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(QStringLiteral("already signed")), qPrintable(again.error().toString()));
        // The same key under its second principal is still the same key.
        const auto alias = signAndImport(*run, QStringLiteral("alice"), QStringLiteral("alice-admin"), QStringLiteral("three"));
        QVERIFY(!alias.ok());
        QVERIFY2(alias.error().message.contains(QStringLiteral("already signed")) && alias.error().message.contains(QStringLiteral("SHA256:")),
                 qPrintable(alias.error().toString()));
        // A key claiming a principal allowed_signers does not give it.
        const auto claimed = signAndImport(*run, QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("four"));
        QVERIFY(!claimed.ok());
        QVERIFY2(claimed.error().message.contains(QStringLiteral("does not verify")), qPrintable(claimed.error().toString()));
        QVERIFY(!run->checklist()->unsatisfied().isEmpty());
        QVERIFY(run->abort(m_runtime->identity().name(), QStringLiteral("test done")).ok());
    }

    void aTamperedSignatureIsRefused()
    {
        auto run = newRun();
        auto request = StoredRunSignOff::request(*m_runtime, run->runId(), QStringLiteral("change-approved"));
        QVERIFY(request.ok());
        auto signedOff = StoredRunSignOff::signRequest(*request, m_agent.publicKey(QStringLiteral("bob")), QStringLiteral("bob"),
                                                       QStringLiteral("checked the backup"));
        QVERIFY2(signedOff.ok(), qPrintable(signedOff.ok() ? QString() : signedOff.error().toString()));
        SignOffMessage edited = *signedOff;
        edited.comment = QStringLiteral("did not check anything");
        const auto refused = run->checklist()->addSigned(edited);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("does not verify")), qPrintable(refused.error().toString()));
        // Evidence edited in the file: its hash no longer matches, so the file is refused on reading.
        QJsonObject file = QJsonDocument::fromJson(signedOff->toJson()).object();
        file[QStringLiteral("evidence")] = QStringLiteral("all green");
        QVERIFY(!SignOffMessage::fromJson(QJsonDocument(file).toJson(), QStringLiteral("edited")).ok());
        // Signed for another run: refused before any signature is checked.
        SignOffMessage otherRun = *signedOff;
        otherRun.runId += 1000;
        QVERIFY(!run->checklist()->addSigned(otherRun).ok());
        QVERIFY(run->checklist()->addSigned(*signedOff).ok());
        QVERIFY(run->abort(m_runtime->identity().name(), QStringLiteral("test done")).ok());
    }

    void anExpiredSignatureIsRefused()
    {
        auto run = newRun();
        // Dave's key is past its valid-before in allowed_signers.
        const auto expiredKey = signAndImport(*run, QStringLiteral("dave"), QStringLiteral("dave"), QStringLiteral("late"));
        QVERIFY(!expiredKey.ok());
        QVERIFY2(expiredKey.error().message.contains(QStringLiteral("does not verify")), qPrintable(expiredKey.error().toString()));
        // Bob signed two hours ago; the rule's max_age is 1h.
        ManualClock past(QDateTime::currentDateTimeUtc().addSecs(-2 * 3600));
        Clock::setInstance(&past);
        auto request = StoredRunSignOff::request(*m_runtime, run->runId(), QStringLiteral("change-approved"));
        auto old = StoredRunSignOff::signRequest(*request, m_agent.publicKey(QStringLiteral("bob")), QStringLiteral("bob"), QStringLiteral("old"));
        Clock::setInstance(nullptr);
        QVERIFY(old.ok());
        const auto tooOld = run->checklist()->addSigned(*old);
        QVERIFY(!tooOld.ok());
        QVERIFY2(tooOld.error().message.contains(QStringLiteral("older than 1h")), qPrintable(tooOld.error().toString()));
        QVERIFY(run->abort(m_runtime->identity().name(), QStringLiteral("test done")).ok());
    }

    // An auditor with the export, allowed_signers and ssh-keygen, and no Lockstep.
    void theExportedSignatureVerifiesWithSshKeygen()
    {
        auto run = newRun();
        QVERIFY(signAndImport(*run, QStringLiteral("alice"), QStringLiteral("alice"), QStringLiteral("for the auditor")).ok());
        const QString exportFile = m_dir.filePath(QStringLiteral("audit.json"));
        const QJsonObject record = newestExported(*m_log, exportFile, QStringLiteral("signoff"));
        const QJsonObject signoff = QJsonDocument::fromJson(record.value(QStringLiteral("evidence")).toString().toUtf8()).object();
        QVERIFY(signoff.contains(QStringLiteral("signature")));
        const auto [code, said] = sshKeygenVerify(signoff, QStringLiteral("alice"), m_agent.allowedSigners(),
                                                  m_dir.filePath(QStringLiteral("signoff.sig")));
        QVERIFY2(code == 0 && said.contains(QStringLiteral("Good \"lockstep-signoff@lockstep\" signature for alice")), qPrintable(said));

        // The chain of the same export, checked by the shipped script.
        QProcess chain;
        chain.start(QStringLiteral("python3"), {sourceDir() + QStringLiteral("/packaging/verify-audit-chain.py"), exportFile});
        QVERIFY2(chain.waitForFinished(30000), "python3 (Debian package python3) did not finish");
        const QString chainSaid = QString::fromUtf8(chain.readAllStandardOutput() + chain.readAllStandardError());
        QVERIFY2(chain.exitCode() == 0 && chainSaid.contains(m_log->headHash()->left(16)), qPrintable(chainSaid));
        QVERIFY(run->abort(m_runtime->identity().name(), QStringLiteral("test done")).ok());
    }

    // lockstep-cli: a run missing its second signature stops at the checklist at once, naming what is
    // missing; the request travels to two signers, their files come back, and the run goes on.
    void theCliStopsAtTheChecklistAndTakesSignaturesMadeElsewhere()
    {
        const QString runbook = m_dir.filePath(QStringLiteral("signed.yaml"));
        const QString inventory = m_dir.filePath(QStringLiteral("inventory.yaml"));
        const QString db = m_dir.filePath(QStringLiteral("cli.db"));
        QVERIFY(writeFile(runbook, kRunbook));
        QVERIFY(writeFile(inventory, "instances:\n  - {name: a, product: demo, version: 1.0.0}\n"));
        const auto cli = runCli;
        const QStringList runArgs{QStringLiteral("run"), QStringLiteral("--database"), db, QStringLiteral("--runbook"), runbook,
                                  QStringLiteral("--inventory"), inventory, QStringLiteral("--instances"), QStringLiteral("a"),
                                  QStringLiteral("--version"), QStringLiteral("1.1.0"), QStringLiteral("--signoff"),
                                  QStringLiteral("change-approved=looked at it")};
        const QString me = OperatorIdentity::osAccount();
        // No allowed_signers: no second signature can reach this console, so the run ends here.
        const auto [refusedCode, refused] = cli(runArgs);
        QVERIFY2(refusedCode == 2, qPrintable(refused));
        QVERIFY2(refused.contains(QStringLiteral("change-approved: 0 of 2 sign-offs; needs another operator other than %1").arg(me)),
                 qPrintable(refused));
        QVERIFY2(refused.contains(QStringLiteral("--allowed-signers")), qPrintable(refused));

        const auto [waitingCode, waiting] = cli(runArgs + QStringList{QStringLiteral("--allowed-signers"), m_agent.allowedSigners()});
        QVERIFY2(waitingCode == 4 && waiting.contains(QStringLiteral("stays at its checklist")), qPrintable(waiting));
        static const QRegularExpression created(QStringLiteral("run (\\d+) created by (\\S+)"));
        const auto m = created.match(waiting);
        QVERIFY2(m.hasMatch(), qPrintable(waiting));
        QCOMPARE(m.captured(2), me);
        const QString id = m.captured(1);

        const QString request = m_dir.filePath(QStringLiteral("request.json"));
        const auto [requestCode, requested] = cli({QStringLiteral("signoff"), id, QStringLiteral("--item"), QStringLiteral("change-approved"),
                                                   QStringLiteral("--request"), QStringLiteral("--output"), request, QStringLiteral("--database"), db});
        QVERIFY2(requestCode == 0, qPrintable(requested));
        for (const char *name : {"alice", "bob"}) {
            const QString signedFile = m_dir.filePath(QLatin1String(name) + QStringLiteral(".signed.json"));
            const auto [signCode, signedOut] = cli({QStringLiteral("signoff"), QStringLiteral("--sign"), request, QStringLiteral("--key"),
                                                    m_agent.publicKey(QLatin1String(name)), QStringLiteral("--principal"), QLatin1String(name),
                                                    QStringLiteral("--comment"), QStringLiteral("read the diff"), QStringLiteral("--output"), signedFile});
            QVERIFY2(signCode == 0, qPrintable(signedOut));
            const auto [importCode, imported] = cli({QStringLiteral("signoff"), id, QStringLiteral("--import"), signedFile,
                                                     QStringLiteral("--database"), db, QStringLiteral("--allowed-signers"),
                                                     m_agent.allowedSigners()});
            QVERIFY2(importCode == 0 && imported.contains(QStringLiteral("%1 signed off change-approved").arg(QLatin1String(name))),
                     qPrintable(imported));
        }
        const auto [resumedCode, resumed] = cli({QStringLiteral("run"), QStringLiteral("--resume"), id, QStringLiteral("--database"), db,
                                                 QStringLiteral("--allowed-signers"), m_agent.allowedSigners()});
        QVERIFY2(resumedCode == 0 && resumed.contains(QStringLiteral("succeeded")), qPrintable(resumed));
    }
};

QTEST_GUILESS_MAIN(TestSignedSignOff)
#include "tst_signed_signoff.moc"
