// Four-eyes wave approvals on one desktop: a wave approval with `by: 2` cannot be given by the one OS
// account, so two operators sign it with their SSH keys (a real ssh-agent, an allowed_signers file), the
// same way as a checklist sign-off. Two principals approve the wave; two signatures of one key are refused,
// and so are a tampered one, one older than max_age and one whose principal started the run
// (exclude_initiator). The signed text carries what the approver saw (the gates' values), its hash goes
// into the audit chain, and ssh-keygen -Y verify accepts the exported signature. Headless,
// lockstep-cli run --approve-waves stops (exit 4) naming the missing approver, and the approval travels as
// a request and signed files through lockstep-cli signoff.
#include "app/audit/AuditLog.h"
#include "app/audit/AuditLogSink.h"
#include "app/engine/Checklist.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/StoredRunSignOff.h"
#include "app/identity/OperatorIdentity.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "tests/engine/RoundGates.h"
#include "tests/support/SignedEvidence.h"
#include "tests/support/SshAgent.h"
#include "tests/support/TestPaths.h"
#include "tests/support/RunbookPlan.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// Canary, then the rest after two approvers who did not start the run, within the hour; an error-rate
// gate judges each wave (scripted by RoundGates here).
const char *kRunbook = R"(runbook: signed-waves
product: demo
strategy:
  waves:
    - {count: 1, name: canary}
    - {percent: 100, name: rest}
  between_waves:
    then: approve
    approval: {by: 2, exclude_initiator: true, max_age: 1h}
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

// The same without gates, for lockstep-cli (no metrics source there).
const char *kCliRunbook = R"(runbook: signed-waves-cli
product: demo
strategy:
  waves:
    - {count: 1, name: canary}
    - {percent: 100, name: rest}
  between_waves:
    then: approve
    approval: {by: 2, exclude_initiator: true}
steps:
  - {id: upgrade, local: "true"}
)";

const QString kItem = QStringLiteral("approve-wave-2");

Plan makePlan()
{
    return planFromRunbookOrDie({kRunbook, QStringLiteral("signed-waves.yaml"), {QStringLiteral("a"), QStringLiteral("b")}});
}

QString text(const Status &s)
{
    return s.ok() ? QString() : s.error().toString();
}

} // namespace

class TestSignedWaveApproval : public QObject
{
    Q_OBJECT

private:
    SshAgent m_agent;
    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<AuditLog> m_log;
    std::unique_ptr<AuditLogSink> m_sink;
    std::unique_ptr<EngineRuntime> m_runtime;
    RoundGates m_gates;
    QString m_me;

    // A fresh run started by this desktop's OS account, waiting after its canary for the approval of wave 2.
    std::unique_ptr<RunExecutor> waitingRun()
    {
        EngineServices services = m_runtime->services();
        services.gates = &m_gates;
        auto created = RunExecutor::create(makePlan(), m_me, services);
        if (!created)
            qFatal("%s", qPrintable(created.error().toString()));
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy asked(run.get(), &RunExecutor::approvalNeeded);
        if (!run->start(m_me).ok() || !asked.wait(30000))
            qFatal("the run did not wait for the approval of wave 2");
        return run;
    }

    // The request travels as a file to the signer, the signed file back, and the console verifies it.
    Result<SignOffMessage> signRequest(RunExecutor &run, const QString &key, const QString &principal, const QString &comment)
    {
        auto request = run.approvalRequest();
        if (!request)
            return request.error();
        auto travelled = SignOffMessage::fromJson(request->toJson(), QStringLiteral("request"));
        if (!travelled)
            return travelled.error();
        auto signedOff = StoredRunSignOff::signRequest(*travelled, m_agent.publicKey(key), principal, comment);
        if (!signedOff)
            return signedOff.error();
        return SignOffMessage::fromJson(signedOff->toJson(), QStringLiteral("signed"));
    }

    Status importSigned(RunExecutor &run, const SignOffMessage &signedOff)
    {
        if (Status s = run.checkSignedApproval(signedOff); !s)
            return s;
        return run.addVerifiedApproval(signedOff, Checklist::verifySigned(signedOff, m_agent.allowedSigners()));
    }

    Status signAndImport(RunExecutor &run, const QString &key, const QString &principal, const QString &comment)
    {
        auto signedOff = signRequest(run, key, principal, comment);
        if (!signedOff)
            return signedOff.error();
        return importSigned(run, *signedOff);
    }

private slots:
    void initTestCase()
    {
        qunsetenv("LOCKSTEP_TEST_IDENTITIES");
        const QString agent = m_agent.start();
        QVERIFY2(agent.isEmpty(), qPrintable(agent));
        for (const char *name : {"alice", "bob", "carol"})
            QVERIFY(m_agent.addKey(QLatin1String(name)).isEmpty());
        m_me = OperatorIdentity::osAccount();
        QVERIFY(m_agent.allow(QStringLiteral("alice"), QStringLiteral("alice")).isEmpty());
        QVERIFY(m_agent.allow(QStringLiteral("bob"), QStringLiteral("bob")).isEmpty());
        // Alice's key under a second name: still one person's key.
        QVERIFY(m_agent.allow(QStringLiteral("alice-admin"), QStringLiteral("alice")).isEmpty());
        // The OS account that starts the runs has a key of its own.
        QVERIFY(m_agent.allow(m_me, QStringLiteral("carol")).isEmpty());

        QVERIFY(m_dir.isValid());
        QVERIFY(m_db.open(m_dir.filePath(QStringLiteral("lockstep.db"))).ok());
        m_log = std::make_unique<AuditLog>(m_db);
        m_sink = std::make_unique<AuditLogSink>(*m_log);
        EngineRuntime::Options options;
        options.allowedSigners = m_agent.allowedSigners();
        m_runtime = std::make_unique<EngineRuntime>(m_db, m_sink.get(), options);
        QCOMPARE(m_runtime->identity().source(), OperatorIdentity::Source::OsAccount);
        m_gates.delayMs = 20;
    }

    void twoPrincipalsApproveTheWave()
    {
        auto run = waitingRun();
        // The OS account started the run: its own approval is refused, with the reason.
        const Status mine = run->approveNextWave(m_me, QStringLiteral("canary fine"));
        QVERIFY(!mine.ok());
        QVERIFY2(mine.error().message.contains(QStringLiteral("%1 started this run").arg(m_me)), qPrintable(text(mine)));

        // What the approver is asked to sign shows the gate's values of the canary.
        auto request = run->approvalRequest();
        QVERIFY(request.ok());
        QCOMPARE(request->item, kItem);
        const QJsonObject shown = QJsonDocument::fromJson(request->evidence.toUtf8()).object();
        QCOMPARE(shown.value(QStringLiteral("wave")).toInt(), 2);
        const QJsonObject gate = shown.value(QStringLiteral("gates")).toArray().first().toObject();
        QCOMPARE(gate.value(QStringLiteral("state")).toString(), QStringLiteral("passed"));
        QCOMPARE(gate.value(QStringLiteral("chart")).toObject().value(QStringLiteral("last")).toDouble(), 0.001);

        const Status first = signAndImport(*run, QStringLiteral("alice"), QStringLiteral("alice"), QStringLiteral("canary error rate fine"));
        QVERIFY2(first.ok(), qPrintable(text(first)));
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        QVERIFY2(run->note().contains(QStringLiteral("1 of 2 approvals; needs a second operator other than alice")), qPrintable(run->note()));

        QSignalSpy waves(run.get(), &RunExecutor::waveStarted);
        QSignalSpy finished(run.get(), &RunExecutor::runFinished);
        const Status second = signAndImport(*run, QStringLiteral("bob"), QStringLiteral("bob"), QStringLiteral("agreed"));
        QVERIFY2(second.ok(), qPrintable(text(second)));
        QVERIFY2(waves.count() == 1 || waves.wait(10000), qPrintable(run->note()));
        QCOMPARE(waves.first().first().toInt(), 1);
        QVERIFY(finished.wait(30000));
        QCOMPARE(run->state(), RunState::Succeeded);
    }

    void oneKeyTwiceIsRefused()
    {
        auto run = waitingRun();
        QVERIFY(signAndImport(*run, QStringLiteral("alice"), QStringLiteral("alice"), QStringLiteral("one")).ok());
        const Status again = signAndImport(*run, QStringLiteral("alice"), QStringLiteral("alice"), QStringLiteral("two"));
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(QStringLiteral("already signed")), qPrintable(text(again)));
        // The same key under its second principal is still the same key.
        const Status alias = signAndImport(*run, QStringLiteral("alice"), QStringLiteral("alice-admin"), QStringLiteral("three"));
        QVERIFY(!alias.ok());
        QVERIFY2(alias.error().message.contains(QStringLiteral("already signed")) && alias.error().message.contains(QStringLiteral("SHA256:")),
                 qPrintable(text(alias)));
        // A key claiming a principal allowed_signers does not give it.
        const Status claimed = signAndImport(*run, QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("four"));
        QVERIFY(!claimed.ok());
        QVERIFY2(claimed.error().message.contains(QStringLiteral("does not verify")), qPrintable(text(claimed)));
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        QVERIFY(run->abort(m_me, QStringLiteral("test done")).ok());
    }

    // exclude_initiator applies to the signature's principal: the initiator's own key does not approve.
    void theInitiatorsKeyIsRefused()
    {
        auto run = waitingRun();
        const Status own = signAndImport(*run, QStringLiteral("carol"), m_me, QStringLiteral("signed it myself"));
        QVERIFY(!own.ok());
        QVERIFY2(own.error().message.contains(QStringLiteral("%1 started this run").arg(m_me)), qPrintable(text(own)));
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        QVERIFY(run->abort(m_me, QStringLiteral("test done")).ok());
    }

    void aTamperedOrExpiredApprovalIsRefused()
    {
        auto run = waitingRun();
        auto signedOff = signRequest(*run, QStringLiteral("bob"), QStringLiteral("bob"), QStringLiteral("gates green"));
        QVERIFY2(signedOff.ok(), qPrintable(signedOff.ok() ? QString() : signedOff.error().toString()));
        SignOffMessage edited = *signedOff;
        edited.comment = QStringLiteral("did not look");
        const Status tampered = importSigned(*run, edited);
        QVERIFY(!tampered.ok());
        QVERIFY2(tampered.error().message.contains(QStringLiteral("does not verify")), qPrintable(text(tampered)));
        // The gate values edited in the file: its hash no longer matches, so the file is refused on reading.
        QJsonObject file = QJsonDocument::fromJson(signedOff->toJson()).object();
        file[QStringLiteral("evidence")] = QStringLiteral("{\"wave\":2,\"gates\":[]}");
        QVERIFY(!SignOffMessage::fromJson(QJsonDocument(file).toJson(), QStringLiteral("edited")).ok());
        // A checklist item's signature is not an approval of the wave.
        SignOffMessage otherItem = *signedOff;
        otherItem.item = QStringLiteral("approve-wave-3");
        QVERIFY(!importSigned(*run, otherItem).ok());

        // Signed two hours ago; the rule's max_age is 1h.
        ManualClock past(QDateTime::currentDateTimeUtc().addSecs(-2 * 3600));
        Clock::setInstance(&past);
        auto old = signRequest(*run, QStringLiteral("alice"), QStringLiteral("alice"), QStringLiteral("old"));
        Clock::setInstance(nullptr);
        QVERIFY(old.ok());
        const Status tooOld = importSigned(*run, *old);
        QVERIFY(!tooOld.ok());
        QVERIFY2(tooOld.error().message.contains(QStringLiteral("older than 1h")), qPrintable(text(tooOld)));
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        QVERIFY(importSigned(*run, *signedOff).ok());
        QVERIFY(run->abort(m_me, QStringLiteral("test done")).ok());
    }

    // An auditor with the export, allowed_signers and ssh-keygen, and no Lockstep.
    void theExportedApprovalVerifiesWithSshKeygen()
    {
        auto run = waitingRun();
        QVERIFY(signAndImport(*run, QStringLiteral("bob"), QStringLiteral("bob"), QStringLiteral("for the auditor")).ok());
        // The newest approval in the export is bob's, of this run.
        const QJsonObject record = newestExported(*m_log, m_dir.filePath(QStringLiteral("audit.json")), QStringLiteral("wave.approved"));
        QCOMPARE(record.value(QStringLiteral("operator")).toString(), QStringLiteral("bob"));
        const QJsonObject approval = QJsonDocument::fromJson(record.value(QStringLiteral("evidence")).toString().toUtf8()).object();
        QCOMPARE(approval.value(QStringLiteral("authentication")).toString(), QStringLiteral("ssh-key"));
        QCOMPARE(approval.value(QStringLiteral("wave")).toInt(), 2);
        // What bob saw, its hash in the chain and in the signed text.
        const QString seen = approval.value(QStringLiteral("evidence")).toString();
        QVERIFY2(seen.contains(QStringLiteral("error_rate 0.001")), qPrintable(seen));
        const QString hash = QString::fromLatin1(QCryptographicHash::hash(seen.toUtf8(), QCryptographicHash::Sha256).toHex());
        QCOMPARE(approval.value(QStringLiteral("evidence_sha256")).toString(), hash);
        const QString message = approval.value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QStringLiteral("evidence_sha256:64:") + hash) && message.contains(QStringLiteral("item:14:approve-wave-2")),
                 qPrintable(message));

        const auto [code, said] = sshKeygenVerify(approval, record.value(QStringLiteral("operator")).toString(), m_agent.allowedSigners(),
                                                  m_dir.filePath(QStringLiteral("approval.sig")));
        QVERIFY2(code == 0 && said.contains(QStringLiteral("Good \"lockstep-signoff@lockstep\" signature for bob")), qPrintable(said));
        QVERIFY(m_log->verify().ok());
        QVERIFY(run->abort(m_me, QStringLiteral("test done")).ok());
    }

    // lockstep-cli run --approve-waves cannot give a second operator's approval: it stops at once (it does
    // not wait), exit 4, naming what is missing; the approval then travels as files and the run goes on.
    void theCliStopsAtTheWaveAndTakesApprovalsSignedElsewhere()
    {
        const QString runbook = m_dir.filePath(QStringLiteral("signed-waves.yaml"));
        const QString inventory = m_dir.filePath(QStringLiteral("inventory.yaml"));
        const QString db = m_dir.filePath(QStringLiteral("cli.db"));
        QVERIFY(writeFile(runbook, kCliRunbook));
        QVERIFY(writeFile(inventory, "instances:\n  - {name: a, product: demo, version: 1.0.0}\n"
                                     "  - {name: b, product: demo, version: 1.0.0}\n"));
        const auto cli = runCli;
        const QStringList store{QStringLiteral("--database"), db, QStringLiteral("--allowed-signers"), m_agent.allowedSigners()};
        const auto [code, said] = cli(QStringList{QStringLiteral("run"), QStringLiteral("--runbook"), runbook, QStringLiteral("--inventory"),
                                                  inventory, QStringLiteral("--instances"), QStringLiteral("a,b"), QStringLiteral("--version"),
                                                  QStringLiteral("1.1.0"), QStringLiteral("--approve-waves")}
                                      + store);
        QVERIFY2(code == 4, qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("%1 started this run").arg(m_me)), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("wave 2 needs 2 different approvers, not %1 (started the run): 0 of 2 approvals; "
                                              "needs an operator other than %1").arg(m_me)),
                 qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("--item approve-wave-2")), qPrintable(said));
        static const QRegularExpression created(QStringLiteral("run (\\d+) created by"));
        const auto m = created.match(said);
        QVERIFY2(m.hasMatch(), qPrintable(said));
        const QString id = m.captured(1);

        const QString request = m_dir.filePath(QStringLiteral("wave-request.json"));
        const auto [requestCode, requested] = cli(QStringList{QStringLiteral("signoff"), id, QStringLiteral("--item"), kItem,
                                                              QStringLiteral("--request"), QStringLiteral("--output"), request}
                                                  + store);
        QVERIFY2(requestCode == 0, qPrintable(requested));
        for (const char *name : {"alice", "bob"}) {
            const QString signedFile = m_dir.filePath(QLatin1String(name) + QStringLiteral(".wave.json"));
            const auto [signCode, signedOut] = cli({QStringLiteral("signoff"), QStringLiteral("--sign"), request, QStringLiteral("--key"),
                                                    m_agent.publicKey(QLatin1String(name)), QStringLiteral("--principal"), QLatin1String(name),
                                                    QStringLiteral("--comment"), QStringLiteral("canary fine"), QStringLiteral("--output"), signedFile});
            QVERIFY2(signCode == 0, qPrintable(signedOut));
            const auto [importCode, imported] = cli(QStringList{QStringLiteral("signoff"), id, QStringLiteral("--import"), signedFile} + store);
            QVERIFY2(importCode == 0 && imported.contains(QStringLiteral("%1 signed off approve-wave-2").arg(QLatin1String(name))),
                     qPrintable(imported));
        }
        const auto [resumedCode, resumed] = cli(QStringList{QStringLiteral("run"), QStringLiteral("--resume"), id} + store);
        QVERIFY2(resumedCode == 0 && resumed.contains(QStringLiteral("succeeded")),
                 qPrintable(resumed));
    }
};

QTEST_GUILESS_MAIN(TestSignedWaveApproval)
#include "tst_signed_wave_approval.moc"
