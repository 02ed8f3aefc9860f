// A wave approval's rule in team mode, with PostgreSQL roles as the operators: alice starts the run and
// the rule excludes her (exclude_initiator) and asks for the lockstep_release role; carol has no
// lockstep_approver grant, bob is an approver without lockstep_release, dave is both. The engine refuses
// alice; the database itself refuses carol and bob, also when a client skips the engine's checks; dave's
// approval from his own console starts the wave at alice's.
#include "app/audit/AuditLog.h"
#include "app/audit/AuditLogSink.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/StoredRunSignOff.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/SignOffRepository.h"
#include "tests/support/Postgres.h"
#include "tests/support/TeamDatabase.h"
#include "tests/support/RunbookPlan.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const char *kRunbook = R"(runbook: wave-approval
product: demo
strategy:
  waves:
    - {count: 1, name: canary}
    - {percent: 100, name: rest, approval: {by: 1, exclude_initiator: true, role: lockstep_release}}
  between_waves: {then: approve}
steps:
  - {id: upgrade, local: "true"}
)";

Plan makePlan()
{
    return planFromRunbookOrDie({kRunbook, QStringLiteral("wave-approval.yaml"), {QStringLiteral("a"), QStringLiteral("b")}});
}

QString errorText(const Status &s)
{
    return s.ok() ? QString() : s.error().toString();
}

// One operator's console on the shared store.
struct Console
{
    Database db;
    std::unique_ptr<AuditLog> log;
    std::unique_ptr<AuditLogSink> sink;
    std::unique_ptr<EngineRuntime> runtime;

    Status open(const QString &url, const QString &name)
    {
        if (Status s = db.open(url, name); !s)
            return s;
        log = std::make_unique<AuditLog>(db);
        sink = std::make_unique<AuditLogSink>(*log);
        runtime = std::make_unique<EngineRuntime>(db, sink.get(), EngineRuntime::Options{});
        return okStatus();
    }
};

} // namespace

class TestTeamWaveApproval : public QObject
{
    Q_OBJECT

private:
    Postgres m_postgres;

    QString url(const QString &role) const { return m_postgres.url(QStringLiteral("waves"), role); }

private slots:
    void initTestCase()
    {
        qunsetenv("LOCKSTEP_TEST_IDENTITIES");
        if (const QString failure = m_postgres.start(); !failure.isEmpty())
            QFAIL(qPrintable(failure));
        const QString failed = setUpTeamDatabase(m_postgres, QStringLiteral("waves"),
                                                 {{QStringLiteral("alice"), {QStringLiteral("lockstep_approver"), QStringLiteral("lockstep_release")}},
                                                  {QStringLiteral("bob"), {QStringLiteral("lockstep_approver")}},
                                                  {QStringLiteral("carol"), {}},
                                                  {QStringLiteral("dave"), {QStringLiteral("lockstep_approver"), QStringLiteral("lockstep_release")}}});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    void theRuleHoldsAcrossRoles()
    {
        Console alice, bob, carol, dave;
        QVERIFY(alice.open(url(QStringLiteral("alice")), QStringLiteral("wa-alice")).ok());
        QVERIFY(bob.open(url(QStringLiteral("bob")), QStringLiteral("wa-bob")).ok());
        QVERIFY(carol.open(url(QStringLiteral("carol")), QStringLiteral("wa-carol")).ok());
        QVERIFY(dave.open(url(QStringLiteral("dave")), QStringLiteral("wa-dave")).ok());

        auto created = RunExecutor::create(makePlan(), QStringLiteral("alice"), alice.runtime->services());
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy approval(run.get(), &RunExecutor::approvalNeeded);
        QSignalSpy waves(run.get(), &RunExecutor::waveStarted);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(approval.size(), 1, 60000);
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        const QString item = QStringLiteral("approve-wave-2");

        // The initiator: refused by the engine, nothing stored.
        const Status mine = run->approveNextWave(QStringLiteral("alice"), QStringLiteral("canary fine"));
        QVERIFY(!mine.ok());
        QVERIFY2(mine.error().message.contains(QStringLiteral("alice started this run")), qPrintable(errorText(mine)));

        // carol, no approver grant: her console refuses, and so does the server when a client skips that.
        const auto carols = StoredRunSignOff::sign(*carol.runtime, run->runId(), item, QStringLiteral("carol"), QStringLiteral("go"));
        QVERIFY(!carols.ok());
        QVERIFY2(carols.error().message.contains(QStringLiteral("lockstep_approver")), qPrintable(carols.error().toString()));
        QSqlQuery carolRaw(carol.db.connection());
        QVERIFY(!carolRaw.exec(QStringLiteral("INSERT INTO signoffs (run_id, item, operator, signed_at, role) VALUES "
                                              "(%1, '%2', 'dave', '2026-01-01T00:00:00Z', 'lockstep_release')").arg(run->runId()).arg(item)));
        QVERIFY2(carolRaw.lastError().text().contains(QStringLiteral("not a member of lockstep_approver")), qPrintable(carolRaw.lastError().text()));

        // bob approves but is no member of the rule's role: the server refuses the row the engine sends.
        const auto bobs = StoredRunSignOff::sign(*bob.runtime, run->runId(), item, QStringLiteral("bob"), QStringLiteral("go"));
        QVERIFY(!bobs.ok());
        QVERIFY2(bobs.error().toString().contains(QStringLiteral("not a member of lockstep_release")), qPrintable(bobs.error().toString()));
        // Written without the role (past the rule), the server stores it for bob, and it does not count.
        QSqlQuery bobRaw(bob.db.connection());
        QVERIFY2(bobRaw.exec(QStringLiteral("INSERT INTO signoffs (run_id, item, operator, signed_at) VALUES (%1, '%2', 'dave', '%3')")
                                 .arg(QString::number(run->runId()), item, Clock::instance().now().toUTC().toString(Qt::ISODateWithMs))),
                 qPrintable(bobRaw.lastError().text()));
        QVERIFY(run->continueIfApproved().ok());
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        QVERIFY2(run->note().contains(QStringLiteral("bob's approval of wave 2 was not given as a member of lockstep_release")), qPrintable(run->note()));
        QCOMPARE(waves.size(), 1);

        // dave, from his own console: stored as dave, and alice's console starts the wave.
        const auto daves = StoredRunSignOff::sign(*dave.runtime, run->runId(), item, QStringLiteral("mallory"), QStringLiteral("canary fine"));
        QVERIFY(!daves.ok());   // a name that is not the session's role is refused
        const auto davesOwn = StoredRunSignOff::sign(*dave.runtime, run->runId(), item, QStringLiteral("dave"), QStringLiteral("canary fine"));
        QVERIFY2(davesOwn.ok(), qPrintable(davesOwn.ok() ? QString() : davesOwn.error().toString()));
        QCOMPARE(davesOwn->operatorName, QStringLiteral("dave"));
        QCOMPARE(davesOwn->authentication, QStringLiteral("database-role"));
        QCOMPARE(davesOwn->evidenceHash,
                 QString::fromLatin1(QCryptographicHash::hash(davesOwn->evidence.toUtf8(), QCryptographicHash::Sha256).toHex()));
        QVERIFY(run->continueIfApproved().ok());
        QCOMPARE(waves.size(), 2);
        QVERIFY2(run->note().contains(QStringLiteral("approved by dave")), qPrintable(run->note()));

        // The audit chain holds dave's approval in his name, with what he saw, and still verifies.
        const auto events = alice.log->query();
        QVERIFY(events.ok());
        bool found = false;
        for (const AuditEvent &e : *events)
            if (e.action == QLatin1String("wave.approved") && e.operatorName == QLatin1String("dave")
                && e.evidence.contains(davesOwn->evidenceHash))
                found = true;
        QVERIFY(found);
        const auto verified = alice.log->verify();
        QVERIFY(verified.ok());
        QVERIFY2(verified->ok(), qPrintable(verified->reason));
        QVERIFY(run->abort(QStringLiteral("alice"), QStringLiteral("test done")).ok());
    }
};

QTEST_GUILESS_MAIN(TestTeamWaveApproval)
#include "tst_team_wave_approval.moc"
