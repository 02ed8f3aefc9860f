// The PostgreSQL grants of docs/team-mode.md, as written there: the test runs the page's SQL blocks
// (superuser set-up, then the owner's grants after the first start), and an operator role with exactly
// those grants opens the store and does a whole run — leases with heartbeat and fence, four-eyes with a
// second operator, step log, audit, notifications — while it can neither change nor delete audit
// records nor the schema. A console that finds a migration it may not apply says to start as the owner.
#include "app/audit/AuditAnchoring.h"
#include "app/audit/AuditLog.h"
#include "app/audit/AuditLogSink.h"
#include "app/engine/Checklist.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/runbook/RunbookLoader.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/GateMeasurementRepository.h"
#include "models/store/InstanceRepository.h"
#include "models/store/LeaseHeartbeat.h"
#include "models/store/LeaseRepository.h"
#include "models/store/ProductRepository.h"
#include "models/store/SignOffRepository.h"
#include "models/store/StoreNotifier.h"
#include "tests/support/Postgres.h"
#include "tests/support/TestPaths.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;
using namespace std::chrono_literals;

namespace {

const char *kRunbook = R"(runbook: grants
product: demo
checklist:
  - id: change-approved
    title: Change approved by two operators
    signoff: {by: 2}
steps:
  - {id: prepare, local: "true"}
  - {id: upgrade, local: "true"}
)";

// The ```sql blocks of docs/team-mode.md, in order.
QStringList sqlBlocks()
{
    QFile doc(sourceDir() + QStringLiteral("/docs/team-mode.md"));
    if (!doc.open(QIODevice::ReadOnly))
        return {};
    static const QRegularExpression block(QStringLiteral("```sql\\n(.*?)```"),
                                          QRegularExpression::DotMatchesEverythingOption);
    QStringList out;
    for (auto it = block.globalMatch(QString::fromUtf8(doc.readAll())); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

// Runs a block statement by statement, as psql would: `\c db` switches the database.
QString runBlock(Postgres &pg, const QString &block, QString database, const QString &user)
{
    QString statement;
    for (const QString &line : block.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("\\c "))) {
            database = trimmed.mid(3).trimmed();
            continue;
        }
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1String("--")))
            continue;
        const QString code = line.section(QLatin1String("--"), 0, 0);   // a trailing comment is not SQL
        statement += code + QLatin1Char('\n');
        if (code.trimmed().endsWith(QLatin1Char(';'))) {
            if (const QString failed = pg.execute(database, statement, user); !failed.isEmpty())
                return failed;
            statement.clear();
        }
    }
    return statement.trimmed().isEmpty() ? QString() : QStringLiteral("unterminated statement: ") + statement;
}

Plan makePlan()
{
    auto runbook = RunbookLoader::loadString(QString::fromUtf8(kRunbook), QStringLiteral("grants.yaml"));
    if (!runbook)
        qFatal("%s", qPrintable(runbook.error().toString()));
    PlanRequest request;
    request.runbooks = {*runbook};
    for (const char *name : {"a", "b"}) {
        Instance i;
        i.name = QString::fromLatin1(name);
        i.product = QStringLiteral("demo");
        i.currentVersion = QStringLiteral("1.0.0");
        request.instances << i;
    }
    request.targetVersion = QStringLiteral("1.1.0");
    auto plan = Planner::plan(request, Clock::instance().now());
    if (!plan)
        qFatal("%s", qPrintable(plan.error().toString()));
    plan->runbookSource = QString::fromUtf8(kRunbook);
    return *plan;
}

QString sqlFailure(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) ? QString() : q.lastError().text();
}

} // namespace

class TestTeamGrants : public QObject
{
    Q_OBJECT

private:
    Postgres m_postgres;

private slots:
    void initTestCase()
    {
        if (const QString failure = m_postgres.start(); !failure.isEmpty())
            QFAIL(qPrintable(failure));
        const QStringList blocks = sqlBlocks();
        QCOMPARE(blocks.size(), 3);

        // As the superuser, once (the page's first block).
        const QString setUp = runBlock(m_postgres, blocks.at(0), QStringLiteral("postgres"), QStringLiteral("lockstep"));
        QVERIFY2(setUp.isEmpty(), qPrintable(setUp));
        // The first start, as the schema's owner, applies the migrations.
        {
            Database owner;
            const Status opened = owner.open(m_postgres.url(QStringLiteral("lockstep"), QStringLiteral("lockstep_owner")),
                                             QStringLiteral("grants-owner"));
            QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
            QCOMPARE(owner.schemaVersion(), Database::latestSchemaVersion());
        }
        // Then, as the owner, what consoles may do (the page's second block).
        const QString grants = runBlock(m_postgres, blocks.at(1), QStringLiteral("lockstep"), QStringLiteral("lockstep_owner"));
        QVERIFY2(grants.isEmpty(), qPrintable(grants));
        // And as the superuser, the audit anchors go to the auditor role (the page's third block).
        const QString auditor = runBlock(m_postgres, blocks.at(2), QStringLiteral("lockstep"), QStringLiteral("lockstep"));
        QVERIFY2(auditor.isEmpty(), qPrintable(auditor));
    }

    void anOperatorRoleDoesAWholeRun()
    {
        Database alice;
        const Status opened = alice.open(m_postgres.url(QStringLiteral("lockstep"), QStringLiteral("alice")), QStringLiteral("grants-alice"));
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
        Database bob;
        QVERIFY(bob.open(m_postgres.url(QStringLiteral("lockstep"), QStringLiteral("bob")), QStringLiteral("grants-bob")).ok());

        AuditLog log(alice);
        AuditLogSink sink(log);
        EngineRuntime runtime(alice, &sink, EngineRuntime::Options{});
        runtime.leases().setExpiry(3s);
        StoreNotifier notifier(alice);
        QVERIFY2(notifier.status().ok(), qPrintable(notifier.status().ok() ? QString() : notifier.status().error().toString()));
        QSignalSpy signOffs(&notifier, &StoreNotifier::signOffAdded);

        auto created = RunExecutor::create(makePlan(), QStringLiteral("alice"), runtime.services());
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
        std::unique_ptr<RunExecutor> run(*created);
        LeaseHeartbeat heartbeat(runtime.leases(), run->runId());
        QVERIFY(heartbeat.start(500ms).ok());
        QVERIFY(heartbeat.beat().isEmpty());

        // Four-eyes: Alice here, Bob from his console (his own role); Alice's console hears of it.
        QVERIFY(run->checklist()->signOff(QStringLiteral("change-approved"), QStringLiteral("alice"), QStringLiteral("ok")).ok());
        SignOff second;
        second.runId = run->runId();
        second.item = QStringLiteral("change-approved");
        second.operatorName = QStringLiteral("bob");
        second.signedAt = Clock::instance().now();
        const auto added = SignOffRepository(bob).add(second);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().toString()));
        QTRY_VERIFY(signOffs.size() >= 2);
        QVERIFY(run->checklist()->load().ok());
        QVERIFY(run->checklist()->unsatisfied().isEmpty());

        QSignalSpy finished(run.get(), &RunExecutor::runFinished);
        QSignalSpy lost(run.get(), &RunExecutor::leaseLost);
        const Status started = run->start(QStringLiteral("alice"));
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
        QVERIFY(finished.wait(30000));
        QCOMPARE(run->state(), RunState::Succeeded);
        QVERIFY(lost.isEmpty());
        QVERIFY(runtime.leases().heldBy(run->runId())->isEmpty());   // released
        const auto verified = log.verify();
        QVERIFY(verified.ok());
        QVERIFY2(verified->ok(), qPrintable(verified->reason));
        QVERIFY(verified->records > 5);

        // The inventory is the consoles' to edit.
        Product demo;
        demo.id = QStringLiteral("demo");
        demo.displayName = QStringLiteral("Demo");
        QVERIFY(ProductRepository(alice).save(demo).ok());
        Instance extra;
        extra.name = QStringLiteral("extra");
        extra.product = QStringLiteral("demo");
        InstanceRepository instances(alice);
        QVERIFY(instances.add(extra).ok());
        QVERIFY(instances.remove(QStringLiteral("extra")).ok());
    }

    void anOperatorRoleCannotRewriteTheAuditLogOrTheSchema()
    {
        Database alice;
        QVERIFY(alice.open(m_postgres.url(QStringLiteral("lockstep"), QStringLiteral("alice")), QStringLiteral("grants-alice-2")).ok());
        for (const QString &sql : {QStringLiteral("UPDATE audit_events SET reason = 'edited'"),
                                   QStringLiteral("DELETE FROM audit_events"),
                                   QStringLiteral("TRUNCATE audit_events"),
                                   QStringLiteral("DELETE FROM runs"),
                                   QStringLiteral("UPDATE schema_version SET name = 'x'"),
                                   QStringLiteral("CREATE TABLE sneaky (id INTEGER)"),
                                   // Even for a table that exists: why Database::migrate looks before it creates.
                                   QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")}) {
            const QString failure = sqlFailure(alice, sql);
            QVERIFY2(failure.contains(QStringLiteral("permission denied")), qPrintable(sql + QStringLiteral(": ") + failure));
        }
    }

    // The gates' readings kept with a run (migration 0010) are evidence: an operator's console adds and
    // reads them, but can neither change nor delete one.
    void gateReadingsAreAddedAndReadNeverChanged()
    {
        Database alice;
        QVERIFY(alice.open(m_postgres.url(QStringLiteral("lockstep"), QStringLiteral("alice")), QStringLiteral("grants-alice-readings")).ok());
        QSqlQuery runs(alice.connection());
        QVERIFY(runs.exec(QStringLiteral("SELECT max(id) FROM runs")) && runs.next());
        GateMeasurementRecord reading;
        reading.runId = runs.value(0).toLongLong();
        QVERIFY(reading.runId > 0);
        reading.phase = QString::fromLatin1(GateMeasurementRecord::kWavePhase);
        reading.wave = 1;
        reading.gate = QStringLiteral("error-rate");
        reading.metric = QStringLiteral("error_rate");
        reading.scope = QStringLiteral("a");
        reading.windowTo = Clock::instance().now();
        reading.windowFrom = reading.windowTo.addSecs(-30);
        reading.value = 0.0123456789;
        reading.threshold = 0.03;
        reading.condition = QStringLiteral("< 0.03");
        reading.verdict = QStringLiteral("pass");
        reading.source = QStringLiteral("prometheus");
        reading.measuredAt = reading.windowTo;
        GateMeasurementRepository repository(alice);
        const auto added = repository.add(reading);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().toString()));
        const auto read = repository.forRun(reading.runId);
        QVERIFY(read.ok());
        QCOMPARE(read->size(), 1);
        QCOMPARE(read->first().value, reading.value);   // double precision, not PostgreSQL's 4-byte real
        QCOMPARE(read->first().baseline, std::optional<double>());
        QCOMPARE(read->first().windowFrom, reading.windowFrom);
        for (const QString &sql : {QStringLiteral("UPDATE gate_measurements SET verdict = 'fail'"),
                                   QStringLiteral("DELETE FROM gate_measurements"),
                                   QStringLiteral("TRUNCATE gate_measurements")}) {
            const QString failure = sqlFailure(alice, sql);
            QVERIFY2(failure.contains(QStringLiteral("permission denied")), qPrintable(sql + QStringLiteral(": ") + failure));
        }
    }

    // The team's witness of the chain head: an operator anchors it through the auditor's function, but
    // neither the operator nor the schema's owner can add, change or remove an anchor themselves; a chain
    // cut at the end by someone who could (a superuser) no longer matches it.
    void theAuditAnchorsAreTheAuditorsAlone()
    {
        QTemporaryDir state;
        Database alice;
        QVERIFY(alice.open(m_postgres.url(QStringLiteral("lockstep"), QStringLiteral("alice")), QStringLiteral("grants-alice-anchor")).ok());
        AuditLog log(alice);
        for (int i = 0; i < 3; ++i) {
            AuditEvent e;
            e.operatorName = QStringLiteral("alice");
            e.action = QStringLiteral("anchor.test");
            QVERIFY(log.append(e).ok());
        }
        // A witness file of its own so that only the table is compared below.
        AuditAnchoring anchoring(alice, log, {state.filePath(QStringLiteral("anchors.jsonl")), QStringLiteral("off")});
        const auto report = anchoring.anchor(QStringLiteral("run 9 succeeded"), QStringLiteral("alice"));
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toString()));
        QVERIFY2(report->ok(), qPrintable(report->failures().join(QLatin1Char('\n'))));
        const qint64 head = log.query()->last().seq;
        QSqlQuery anchors(alice.connection());
        QVERIFY(anchors.exec(QStringLiteral("SELECT seq, anchored_by FROM audit_anchors ORDER BY id DESC LIMIT 1")));
        QVERIFY(anchors.next());
        QCOMPARE(anchors.value(0).toLongLong(), head);
        QCOMPARE(anchors.value(1).toString(), QStringLiteral("alice"));

        for (const QString &sql : {QStringLiteral("INSERT INTO audit_anchors (seq, hash, at, origin, anchored_by) "
                                                  "VALUES (1, 'x', 'now', 'forged', 'alice')"),
                                   QStringLiteral("UPDATE audit_anchors SET hash = 'x'"),
                                   QStringLiteral("DELETE FROM audit_anchors"),
                                   QStringLiteral("TRUNCATE audit_anchors")}) {
            const QString failure = sqlFailure(alice, sql);
            QVERIFY2(failure.contains(QStringLiteral("permission denied")), qPrintable(sql + QStringLiteral(": ") + failure));
        }
        Database owner;
        QVERIFY(owner.open(m_postgres.url(QStringLiteral("lockstep"), QStringLiteral("lockstep_owner")), QStringLiteral("grants-owner-anchor")).ok());
        for (const QString &sql : {QStringLiteral("UPDATE audit_anchors SET hash = 'x'"), QStringLiteral("DELETE FROM audit_anchors")}) {
            const QString failure = sqlFailure(owner, sql);
            QVERIFY2(failure.contains(QStringLiteral("permission denied")), qPrintable(sql + QStringLiteral(": ") + failure));
        }

        const auto intact = anchoring.verify();
        QVERIFY(intact.ok());
        QVERIFY2(intact->ok(), qPrintable(intact->reason));
        QVERIFY(intact->anchorsChecked >= 1);

        // A superuser cuts the end of the chain: the table's anchor shows it (no witness file this time).
        QVERIFY(m_postgres.execute(QStringLiteral("lockstep"),
                                   QStringLiteral("DELETE FROM audit_events WHERE seq = %1").arg(head)).isEmpty());
        AuditAnchoring tableOnly(alice, log, {state.filePath(QStringLiteral("empty.jsonl")), QStringLiteral("off")});
        const auto cut = tableOnly.verify();
        QVERIFY(cut.ok());
        QCOMPARE(cut->problem, AuditVerifyReport::Problem::Deleted);
        QVERIFY2(cut->reason.contains(QStringLiteral("audit_anchors row")), qPrintable(cut->reason));
    }

    // A newer Lockstep brings a migration: an operator's console may not apply it and says who can.
    void aPendingMigrationNeedsTheOwner()
    {
        QTemporaryDir migrations;
        QDir builtIn(QStringLiteral(":/lockstep/migrations"));
        for (const QString &file : builtIn.entryList(QDir::Files))
            QVERIFY(QFile::copy(builtIn.filePath(file), migrations.filePath(file)));
        QFile next(migrations.filePath(QStringLiteral("9001_next.sql")));
        QVERIFY(next.open(QIODevice::WriteOnly));
        next.write("CREATE TABLE next_feature (id {{id}});\n");
        next.close();

        Database alice;
        alice.setMigrationDirectory(migrations.path());
        const Status opened = alice.open(m_postgres.url(QStringLiteral("lockstep"), QStringLiteral("alice")), QStringLiteral("grants-alice-3"));
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QStringLiteral("migration 9001")), qPrintable(opened.error().toString()));
        QVERIFY2(opened.error().hint.contains(QStringLiteral("owner")), qPrintable(opened.error().toString()));
        alice.close();

        Database owner;
        owner.setMigrationDirectory(migrations.path());
        QVERIFY(owner.open(m_postgres.url(QStringLiteral("lockstep"), QStringLiteral("lockstep_owner")), QStringLiteral("grants-owner-2")).ok());
        QCOMPARE(owner.schemaVersion(), 9001);
    }
};

QTEST_GUILESS_MAIN(TestTeamGrants)
#include "tst_team_grants.moc"
