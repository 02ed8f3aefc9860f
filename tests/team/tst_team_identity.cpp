// Who signed, in team mode: the operator is the PostgreSQL session role. Three operator roles on one
// store (alice and bob are approvers, carol is not): whatever name a client sends, the server records
// the session's role on sign-offs, runs, leases and audit records (and the audit chain still verifies);
// a role without lockstep_approver is refused by the database itself, also when the client skips its
// own check and writes the row directly.
#include "app/audit/AuditLog.h"
#include "app/audit/AuditLogSink.h"
#include "app/engine/Checklist.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/StoredRunSignOff.h"
#include "app/identity/OperatorIdentity.h"
#include "app/runbook/RunbookLoader.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"
#include "tests/support/Postgres.h"
#include "tests/support/TeamDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const char *kRunbook = R"(runbook: identity
product: demo
checklist:
  - id: change-approved
    title: Change approved by two operators
    signoff: {by: 2}
  - id: peer-review
    title: Reviewed by two who did not start the run
    signoff: {by: 2, exclude_initiator: true}
    required: false
steps:
  - {id: upgrade, local: "true"}
)";

Plan makePlan(const QString &instance)
{
    auto runbook = RunbookLoader::loadString(QString::fromUtf8(kRunbook), QStringLiteral("identity.yaml"));
    if (!runbook)
        qFatal("%s", qPrintable(runbook.error().toString()));
    PlanRequest request;
    request.runbooks = {*runbook};
    Instance i;
    i.name = instance;
    i.product = QStringLiteral("demo");
    i.currentVersion = QStringLiteral("1.0.0");
    request.instances << i;
    request.targetVersion = QStringLiteral("1.1.0");
    auto plan = Planner::plan(request, Clock::instance().now());
    if (!plan)
        qFatal("%s", qPrintable(plan.error().toString()));
    plan->runbookSource = QString::fromUtf8(kRunbook);
    return *plan;
}

QString errorText(const Status &s)
{
    return s.ok() ? QString() : s.error().toString();
}

// One operator's console on the shared store: its own connection, audit log and engine.
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

class TestTeamIdentity : public QObject
{
    Q_OBJECT

private:
    Postgres m_postgres;

    QString url(const QString &role) const { return m_postgres.url(QStringLiteral("identity"), role); }

private slots:
    void initTestCase()
    {
        qunsetenv("LOCKSTEP_TEST_IDENTITIES");
        if (const QString failure = m_postgres.start(); !failure.isEmpty())
            QFAIL(qPrintable(failure));
        // The roles of docs/team-mode.md: an owner, the consoles' group, the approvers' group.
        const QString failed = setUpTeamDatabase(m_postgres, QStringLiteral("identity"),
                                                 {{QStringLiteral("alice"), {QStringLiteral("lockstep_approver")}},
                                                  {QStringLiteral("bob"), {QStringLiteral("lockstep_approver")}},
                                                  {QStringLiteral("carol"), {}}});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    void theConsoleKnowsItsRole()
    {
        Console alice, carol;
        QVERIFY(alice.open(url(QStringLiteral("alice")), QStringLiteral("id-alice-0")).ok());
        QVERIFY(carol.open(url(QStringLiteral("carol")), QStringLiteral("id-carol-0")).ok());
        QCOMPARE(alice.runtime->identity().name(), QStringLiteral("alice"));
        QCOMPARE(alice.runtime->identity().source(), OperatorIdentity::Source::DatabaseRole);
        QVERIFY(alice.runtime->identity().isApprover());
        QCOMPARE(carol.runtime->identity().name(), QStringLiteral("carol"));
        QVERIFY(!carol.runtime->identity().isApprover());
        // A name given on the command line is not who acts (only tests may assert one).
        const auto asserted = OperatorIdentity::resolve(alice.db, QStringLiteral("bob"));
        QVERIFY(!asserted.ok());
        QVERIFY2(asserted.error().hint.contains(QStringLiteral("database role")), qPrintable(asserted.error().toString()));
    }

    // Bob's client sends "mallory" as the operator, through the repository and in raw SQL: the store
    // records bob each time, on the sign-off and on the audit record, and the chain verifies.
    void aSignOffRecordsTheDatabaseRole()
    {
        Console alice, bob;
        QVERIFY(alice.open(url(QStringLiteral("alice")), QStringLiteral("id-alice-1")).ok());
        QVERIFY(bob.open(url(QStringLiteral("bob")), QStringLiteral("id-bob-1")).ok());
        // The run's initiator is the session's role too, whatever name the client gives.
        auto created = RunExecutor::create(makePlan(QStringLiteral("a")), QStringLiteral("alice"), alice.runtime->services());
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
        std::unique_ptr<RunExecutor> run(*created);
        QCOMPARE(alice.runtime->runs().find(run->runId())->operatorName, QStringLiteral("alice"));

        const auto mine = run->checklist()->signOff(QStringLiteral("change-approved"), QStringLiteral("alice"), QStringLiteral("diff read"));
        QVERIFY2(mine.ok(), qPrintable(mine.ok() ? QString() : mine.error().toString()));
        QCOMPARE(mine->authentication, QStringLiteral("database-role"));

        SignOff forged;
        forged.runId = run->runId();
        forged.item = QStringLiteral("change-approved");
        forged.operatorName = QStringLiteral("mallory");
        forged.signedAt = Clock::instance().now();
        forged.authentication = QStringLiteral("ssh-key");
        const auto stored = SignOffRepository(bob.db).add(forged);
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().toString()));
        QCOMPARE(stored->operatorName, QStringLiteral("bob"));
        QCOMPARE(stored->authentication, QStringLiteral("database-role"));

        QSqlQuery raw(bob.db.connection());
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO signoffs (run_id, item, operator, signed_at) VALUES (%1, 'approve-wave-2', "
                                        "'alice', '2026-01-01T00:00:00Z')").arg(run->runId())));
        QVERIFY(raw.exec(QStringLiteral("SELECT operator FROM signoffs WHERE run_id = %1 AND item = 'approve-wave-2'").arg(run->runId())));
        QVERIFY(raw.next());
        QCOMPARE(raw.value(0).toString(), QStringLiteral("bob"));
        raw.finish();

        AuditEvent claim;
        claim.operatorName = QStringLiteral("mallory");
        claim.action = QStringLiteral("signoff");
        claim.runId = QString::number(run->runId());
        const auto appended = bob.log->append(claim);
        QVERIFY2(appended.ok(), qPrintable(appended.ok() ? QString() : appended.error().toString()));
        QCOMPARE(appended->operatorName, QStringLiteral("bob"));

        const auto records = alice.runtime->signOffs().forRun(run->runId());
        QVERIFY(records.ok());
        QStringList who;
        for (const SignOff &s : *records)
            who << s.operatorName;
        QCOMPARE(who, (QStringList{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("bob")}));
        QVERIFY(run->checklist()->load().ok());
        QVERIFY2(run->checklist()->unsatisfied().isEmpty(), qPrintable(run->checklist()->unsatisfied().join(QLatin1Char(';'))));

        // exclude_initiator: bob signs the peer review, then alice, who started the run, cannot be the second.
        QVERIFY(StoredRunSignOff::sign(*bob.runtime, run->runId(), QStringLiteral("peer-review"), QStringLiteral("bob"),
                                       QStringLiteral("read it")).ok());
        QVERIFY(run->checklist()->load().ok());
        const auto initiator = run->checklist()->signOff(QStringLiteral("peer-review"), QStringLiteral("alice"), QStringLiteral("me too"));
        QVERIFY(!initiator.ok());
        QVERIFY2(initiator.error().message.contains(QStringLiteral("alice started this run")), qPrintable(initiator.error().toString()));
        // Written past the client's check, the row is stored (alice is an approver) but does not count.
        QSqlQuery aliceRaw(alice.db.connection());
        QVERIFY(aliceRaw.exec(QStringLiteral("INSERT INTO signoffs (run_id, item, operator, signed_at) VALUES (%1, 'peer-review', "
                                             "'erin', '%2')").arg(run->runId()).arg(Clock::instance().now().toUTC().toString(Qt::ISODateWithMs))));
        QVERIFY(run->checklist()->load().ok());
        const auto peer = run->checklist()->items().at(1);
        QCOMPARE(peer.countedSignOffs(), 1);
        QVERIFY2(peer.missing().contains(QStringLiteral("needs a second operator other than bob, alice"))
                     && peer.missing().contains(QStringLiteral("alice started this run")),
                 qPrintable(peer.missing()));

        const auto verified = alice.log->verify();
        QVERIFY(verified.ok());
        QVERIFY2(verified->ok(), qPrintable(verified->reason));
        QVERIFY(run->abort(QStringLiteral("alice"), QStringLiteral("test done")).ok());
    }

    // Carol drives runs but is no approver: her console refuses, and so does the server when a client
    // skips that check and writes the sign-off, the approval or the override itself.
    void aRoleWithoutTheApproverGrantIsRefusedByTheDatabase()
    {
        Console carol;
        QVERIFY(carol.open(url(QStringLiteral("carol")), QStringLiteral("id-carol-1")).ok());
        auto created = RunExecutor::create(makePlan(QStringLiteral("c")), QStringLiteral("carol"), carol.runtime->services());
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
        std::unique_ptr<RunExecutor> run(*created);

        const auto refused = run->checklist()->signOff(QStringLiteral("change-approved"), QStringLiteral("carol"), QStringLiteral("ok"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("lockstep_approver")), qPrintable(refused.error().toString()));

        QSqlQuery raw(carol.db.connection());
        const bool inserted = raw.exec(QStringLiteral("INSERT INTO signoffs (run_id, item, operator, signed_at) VALUES "
                                                      "(%1, 'change-approved', 'alice', '2026-01-01T00:00:00Z')").arg(run->runId()));
        QVERIFY(!inserted);
        QVERIFY2(raw.lastError().text().contains(QStringLiteral("not a member of lockstep_approver")), qPrintable(raw.lastError().text()));
        const auto direct = SignOffRepository(carol.db).add(SignOff{0, run->runId(), QStringLiteral("approve-wave-2"), QStringLiteral("bob"),
                                                                    Clock::instance().now(), {}, {}, {}, {}, {}, {}, {}});
        QVERIFY(!direct.ok());
        QVERIFY2(direct.error().message.contains(QStringLiteral("permission denied")), qPrintable(direct.error().toString()));
        AuditEvent override;
        override.operatorName = QStringLiteral("alice");
        override.action = QStringLiteral("override");
        override.reason = QStringLiteral("window ran out");
        const auto overridden = carol.log->append(override);
        QVERIFY(!overridden.ok());
        QVERIFY2(overridden.error().toString().contains(QStringLiteral("lockstep_approver")), qPrintable(overridden.error().toString()));

        const auto records = carol.runtime->signOffs().forRun(run->runId());
        QVERIFY(records.ok());
        QVERIFY(records->isEmpty());
        const auto verified = carol.log->verify();
        QVERIFY(verified.ok());
        QVERIFY2(verified->ok(), qPrintable(verified->reason));
        QVERIFY(run->abort(QStringLiteral("carol"), QStringLiteral("test done")).ok());
    }
};

QTEST_GUILESS_MAIN(TestTeamIdentity)
#include "tst_team_identity.moc"
