#include "app/engine/LaneState.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/RunRecovery.h"
#include "app/engine/StepDispatcher.h"
#include "app/runbook/RunbookLoader.h"
#include "models/AuditActions.h"
#include "models/run/RunNarration.h"
#include "tests/engine/EngineFixture.h"
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// A schema migration without a down step between a stop and a deploy: the rollback undoes the deploy,
// then stops at the migration for a restore by hand, then (restored) starts the service again.
const char *kRunbook = R"(
runbook: schema
product: demo
params:
  dumps: {default: /var/backups/demo}
strategy:
  max_parallel: 2
  on_failure: rollback
steps:
  - {id: stop, local: "true", undo: start}
  - id: migrate
    local: "true"
    undo: {none: "restore the database of {{instance.name}} from {{params.dumps}}/{{instance.name}}-{{previous_version}}.dump"}
  - {id: deploy, local: "true", undo: deploy-previous}
  - {id: verify, local: "test {{instance.name}} = never"}
rollback_steps:
  - {id: start, local: "true"}
  - {id: deploy-previous, local: "true"}
)";

const char *kInventory = R"(
instances:
  - {name: a, product: demo, version: 1.0.0}
)";

Runbook schemaRunbook()
{
    auto loaded = RunbookLoader::loadString(QString::fromLatin1(kRunbook), QStringLiteral("schema.yaml"));
    if (!loaded)
        qFatal("%s", qPrintable(loaded.error().toString()));
    return *loaded;
}

QString expectedMessage(const QString &instance)
{
    return QStringLiteral("restore the database of %1 from /var/backups/demo/%1-1.0.0.dump").arg(instance);
}

bool audited(const EngineFixture &f, RunEvent::Kind kind, const QString &instance, const QString &operatorName = {})
{
    for (const EngineAuditEntry &e : f.audit.entries)
        if (e.action == AuditActions::of(kind) && e.instance == instance
            && (operatorName.isEmpty() || e.operatorName == operatorName))
            return true;
    return false;
}

struct Cli
{
    int exitCode = -1;
    QString output;
};

Cli cli(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(cliPath(), args);
    if (!p.waitForFinished(90000)) {
        p.kill();
        p.waitForFinished(5000);
        return {-2, QString::fromUtf8(p.readAll())};   // nothing may wait forever headless
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

} // namespace

// Steps nothing can undo (`undo: {none: MESSAGE}`), through the engine: the rollback stops for the operator
// with the rendered message; "restored" rolls the instance back, "leave it" reports it left on the new
// version needing restore, never rolled back; a crash while it waits asks the same question again; the CLI
// stops at the question (exit status 4) unless a flag answers it.
class TestIrreversible : public QObject
{
    Q_OBJECT

    StepDispatcher m_dispatcher;   // renders the restore question like a manual prompt
    QTemporaryDir m_dir;

    std::unique_ptr<RunExecutor> failingRun(EngineFixture &f, const Plan &plan)
    {
        f.launcher.fallback = &m_dispatcher;
        f.launcher.setRule(QStringLiteral("*"), QStringLiteral("verify"), {0, StepOutcome::Failed, 1, -1});
        auto run = RunExecutor::create(plan, QStringLiteral("alice"), f.services());
        if (!run)
            qFatal("%s", qPrintable(run.error().toString()));
        return std::unique_ptr<RunExecutor>(*run);
    }

    std::unique_ptr<RunExecutor> restore(EngineFixture &f, const Plan &plan, qint64 runId)
    {
        RunRecovery recovery(f.services());
        if (auto scanned = recovery.scan(runId); !scanned)
            qWarning("%s", qPrintable(scanned.error().toString()));
        auto restored = RunExecutor::restore(runId, plan, f.services());
        if (!restored)
            qFatal("%s", qPrintable(restored.error().toString()));
        return std::unique_ptr<RunExecutor>(*restored);
    }

    QStringList cliStart(const QString &db)
    {
        QFile runbook(m_dir.filePath(QStringLiteral("schema.yaml")));
        if (runbook.open(QIODevice::WriteOnly))
            runbook.write(kRunbook);
        return {QStringLiteral("run"), QStringLiteral("--database"), db, QStringLiteral("--runbook"), runbook.fileName(),
                QStringLiteral("--inventory"), m_dir.filePath(QStringLiteral("inventory.yaml")), QStringLiteral("--instances"),
                QStringLiteral("a"), QStringLiteral("--version"), QStringLiteral("1.1.0")};
    }

private slots:
    void initTestCase()
    {
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        qputenv("LOCKSTEP_SYSLOG_SOCKET", "off");
        qputenv("LOCKSTEP_AUDIT_WITNESS_FILE", m_dir.filePath(QStringLiteral("anchors.jsonl")).toUtf8());
        QFile inventory(m_dir.filePath(QStringLiteral("inventory.yaml")));
        QVERIFY(inventory.open(QIODevice::WriteOnly));
        inventory.write(kInventory);
    }

    void theStateNameRoundTrips()
    {
        for (int s = int(InstanceState::Pending); s <= int(InstanceState::NeedsRestore); ++s)
            QCOMPARE(parseInstanceState(instanceStateName(InstanceState(s))), std::optional<InstanceState>(InstanceState(s)));
        QCOMPARE(instanceStateName(InstanceState::NeedsRestore), QStringLiteral("needs-restore"));
        for (auto kind : {RunEvent::Kind::RollbackNeedsRestore, RunEvent::Kind::RollbackRestored, RunEvent::Kind::RollbackLeftUnrestored}) {
            QVERIFY(!AuditActions::of(kind).isEmpty());
            QCOMPARE(AuditActions::kindOf(AuditActions::of(kind)), std::optional<RunEvent::Kind>(kind));
        }
    }

    void theRollbackStopsWhereTheUndoWouldBe()
    {
        const Runbook r = schemaRunbook();
        QVERIFY(r.steps[1].irreversible);
        QVERIFY(!r.steps[0].irreversible);
        const QStringList all{QStringLiteral("stop"), QStringLiteral("migrate"), QStringLiteral("deploy"), QStringLiteral("verify")};
        QCOMPARE(Planner::rollbackSequence(r, all, false),
                 (QStringList{QStringLiteral("deploy-previous"), QStringLiteral("migrate"), QStringLiteral("start")}));
        QCOMPARE(Planner::rollbackSequence(r, all.mid(0, 1), false), QStringList{QStringLiteral("start")});
    }

    void rollbackStopsWithTheRenderedMessageAndARestoreRollsBack()
    {
        EngineFixture f;
        const Plan plan = makePlan(schemaRunbook(), {makeInstance(QStringLiteral("i01"))});
        auto run = failingRun(f, plan);
        QSignalSpy asked(run.get(), &RunExecutor::restoreNeeded);
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->progress(QStringLiteral("i01")).state, InstanceState::NeedsRestore, 20000);
        QVERIFY(run->waitsForRestore(QStringLiteral("i01")));
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked[0][1].toString(), QStringLiteral("migrate"));
        QCOMPARE(asked[0][2].toString(), expectedMessage(QStringLiteral("i01")));   // rendered, no {{...}}
        QVERIFY(run->progress(QStringLiteral("i01")).note.contains(expectedMessage(QStringLiteral("i01"))));
        // The deploy was undone; what ran before the migration waits for the restore.
        QCOMPARE(f.launcher.count(QStringLiteral("i01/deploy-previous/rollback")), 1);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/start/rollback")), 0);
        QCOMPARE(run->state(), RunState::RollingBack);
        QTest::qWait(50);
        QCOMPARE(run->state(), RunState::RollingBack);   // it waits: nothing ends the run meanwhile
        QVERIFY(audited(f, RunEvent::Kind::RollbackNeedsRestore, QStringLiteral("i01")));
        QVERIFY(!audited(f, RunEvent::Kind::RollbackFinished, QStringLiteral("i01")));

        // A restore needs its own answer, with how it was done.
        QVERIFY(!run->confirmManual(QStringLiteral("i01"), QStringLiteral("bob"), QStringLiteral("ok")));
        QVERIFY(!run->confirmRestored(QStringLiteral("i01"), QStringLiteral("bob"), QStringLiteral(" ")));
        QVERIFY(run->confirmRestored(QStringLiteral("i01"), QStringLiteral("bob"), QStringLiteral("restored the 02:00 dump")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::RolledBack, 20000);
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::RolledBack);
        QCOMPARE(f.launcher.count(QStringLiteral("i01/start/rollback")), 1);   // the rollback went on
        QVERIFY(audited(f, RunEvent::Kind::RollbackRestored, QStringLiteral("i01"), QStringLiteral("bob")));
        QVERIFY(audited(f, RunEvent::Kind::RollbackFinished, QStringLiteral("i01")));
    }

    void leftUnrestoredIsNeverRolledBack()
    {
        EngineFixture f;
        const Plan plan = makePlan(schemaRunbook(), {makeInstance(QStringLiteral("i01"))});
        auto run = failingRun(f, plan);
        QList<RunEvent> events;
        connect(run.get(), &RunExecutor::runEvent, this, [&events](const RunEvent &e) { events << e; });
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(run->waitsForRestore(QStringLiteral("i01")), 20000);
        QVERIFY(!run->leaveUnrestored(QStringLiteral("i01"), QStringLiteral("bob"), QString()));   // needs a reason
        QVERIFY(run->leaveUnrestored(QStringLiteral("i01"), QStringLiteral("bob"), QStringLiteral("the DBA restores it tonight")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Failed, 20000);
        const InstanceProgress p = run->progress(QStringLiteral("i01"));
        QCOMPARE(p.state, InstanceState::NeedsRestore);
        QVERIFY2(p.note.contains(QStringLiteral("left on 1.1.0 — needs restore")), qPrintable(p.note));
        QVERIFY2(run->note().contains(QStringLiteral("i01 left on 1.1.0 — needs restore")), qPrintable(run->note()));
        QVERIFY2(run->note().contains(QStringLiteral("0 rolled back")), qPrintable(run->note()));
        QCOMPARE(f.launcher.count(QStringLiteral("i01/start/rollback")), 0);   // nothing more of the rollback ran
        // The audit chain says what happened, and never "rolled back".
        QVERIFY(audited(f, RunEvent::Kind::RollbackLeftUnrestored, QStringLiteral("i01"), QStringLiteral("bob")));
        QVERIFY(!audited(f, RunEvent::Kind::RollbackFinished, QStringLiteral("i01")));
        bool told = false;
        for (const RunEvent &e : std::as_const(events))
            if (e.kind == RunEvent::Kind::RollbackLeftUnrestored)
                told = RunNarration::describe(e).contains(QStringLiteral("i01 left on 1.1.0 by bob — needs restore"));
        QVERIFY(told);
        // The stored record reads back the same (past runs, reports).
        auto attempts = f.runs->attempts(run->runId());
        QVERIFY(attempts);
        const QList<InstanceProgress> stored = LaneState::progressOf(plan, RunState::Failed, *attempts);
        QCOMPARE(stored.value(0).state, InstanceState::NeedsRestore);
    }

    void aCrashWhileWaitingAsksTheSameQuestion()
    {
        EngineFixture f;
        const Plan plan = makePlan(schemaRunbook(), {makeInstance(QStringLiteral("i01")), makeInstance(QStringLiteral("i02"))});
        auto run = failingRun(f, plan);
        const qint64 runId = run->runId();
        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(run->waitsForRestore(QStringLiteral("i01")) && run->waitsForRestore(QStringLiteral("i02")), 20000);
        QVERIFY(run->leaveUnrestored(QStringLiteral("i01"), QStringLiteral("bob"), QStringLiteral("restored later")));
        QTRY_VERIFY_WITH_TIMEOUT(!run->waitsForRestore(QStringLiteral("i01")), 20000);
        QTest::qWait(20);   // the answer's result is written
        run.reset();   // the console dies while i02 waits

        run = restore(f, plan, runId);
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::NeedsRestore);   // kept
        QSignalSpy asked(run.get(), &RunExecutor::restoreNeeded);
        QVERIFY(run->resume(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 20000);
        QCOMPARE(asked[0][0].toString(), QStringLiteral("i02"));
        QCOMPARE(asked[0][2].toString(), expectedMessage(QStringLiteral("i02")));
        QVERIFY(run->confirmRestored(QStringLiteral("i02"), QStringLiteral("carol"), QStringLiteral("snapshot of 01:00")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Failed, 20000);   // i01 is not rolled back
        QCOMPARE(run->progress(QStringLiteral("i02")).state, InstanceState::RolledBack);
        QCOMPARE(run->progress(QStringLiteral("i01")).state, InstanceState::NeedsRestore);
        QVERIFY2(run->note().contains(QStringLiteral("1 rolled back")) && run->note().contains(QStringLiteral("i01 left on 1.1.0")),
                 qPrintable(run->note()));
    }

    void theCliStopsAtTheQuestionUnlessAFlagAnswersIt()
    {
        QTemporaryDir data;
        const QString db = data.filePath(QStringLiteral("leave.db"));
        const Cli first = cli(cliStart(db));
        QVERIFY2(first.exitCode == 4, qPrintable(first.output));
        QVERIFY2(first.output.contains(QStringLiteral("question: a needs restore: migrate cannot be undone; ") + expectedMessage(QStringLiteral("a"))),
                 qPrintable(first.output));
        QVERIFY2(first.output.contains(QStringLiteral("--confirm-restored a=HOW")), qPrintable(first.output));
        QVERIFY2(!first.output.contains(QStringLiteral("{{")), qPrintable(first.output));

        // Resumed without an answer: the same question again.
        const QStringList resume{QStringLiteral("run"), QStringLiteral("--database"), db, QStringLiteral("--resume"), QStringLiteral("1")};
        const Cli again = cli(resume);
        QVERIFY2(again.exitCode == 4, qPrintable(again.output));
        QVERIFY2(again.output.contains(QStringLiteral("question: a needs restore")), qPrintable(again.output));

        const Cli left = cli(resume + QStringList{QStringLiteral("--leave-unrestored"), QStringLiteral("a=restored by the DBA tonight")});
        QVERIFY2(left.exitCode == 1, qPrintable(left.output));
        QVERIFY2(left.output.contains(QStringLiteral("a left on 1.1.0 — needs restore")), qPrintable(left.output));
        QVERIFY2(!left.output.contains(QStringLiteral("rolled back to")), qPrintable(left.output));

        // Answered on the first invocation: restored by hand, the rollback ends the run rolled back.
        const QString db2 = data.filePath(QStringLiteral("restored.db"));
        const Cli restored = cli(cliStart(db2) + QStringList{QStringLiteral("--confirm-restored"), QStringLiteral("a=dump of 02:00")});
        QVERIFY2(restored.exitCode == 3, qPrintable(restored.output));
        QVERIFY2(restored.output.contains(QStringLiteral("a restored by hand, confirmed by")), qPrintable(restored.output));
        QVERIFY2(restored.output.contains(QStringLiteral("a start succeeded")), qPrintable(restored.output));
    }
};

QTEST_GUILESS_MAIN(TestIrreversible)
#include "tst_irreversible.moc"
