// A run never goes on unrecorded (RunJournal): when the store refuses a write — here because another
// connection holds SQLite's write lock, as a backup tool or a second program would — the run pauses at that
// write with a message naming it, nothing further runs, and a resume once the store is writable again
// writes what queued, in order, and finishes the run with an intact audit chain. A checklist sign-off whose
// audit record cannot be written does not count.
#include "app/audit/AuditLog.h"
#include "app/audit/AuditLogSink.h"
#include "app/engine/Checklist.h"
#include "app/engine/RunExecutor.h"
#include "models/AuditActions.h"
#include "models/store/Database.h"
#include "models/store/RunRepository.h"
#include "tests/engine/EngineFixture.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// Another program holding the store's write lock: every write of the console fails with "database is
// locked" (after its busy timeout) until it lets go; reads go on (WAL).
class StoreLock
{
public:
    StoreLock(const QString &file, const QString &name) : m_name(name)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(file);
        if (!db.open())
            qFatal("cannot open %s: %s", qPrintable(file), qPrintable(db.lastError().text()));
    }
    ~StoreLock()
    {
        release();
        QSqlDatabase::database(m_name).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool take()
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        m_held = q.exec(QStringLiteral("BEGIN EXCLUSIVE"));
        return m_held;
    }
    void release()
    {
        if (!m_held)
            return;
        QSqlQuery q(QSqlDatabase::database(m_name));
        q.exec(QStringLiteral("ROLLBACK"));
        m_held = false;
    }

private:
    QString m_name;
    bool m_held = false;
};

// A failed write waits for the lock this long before it gives up (the console waits 5 s).
void shortBusyTimeout(Database &db)
{
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout = 100")));
}

Runbook oneWave()
{
    Runbook r = makeRunbook();
    WaveSpec all;
    all.percent = 100;
    r.strategy.waves = {all};
    r.strategy.maxParallel = 1;
    return r;
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT
private slots:
    void lockedStorePausesTheRunAndResumeFinishesIt();
    void resumeIsRefusedWhileTheStoreStaysLocked();
    void signOffWithoutAuditRecordDoesNotCount();
};

void TestJournal::lockedStorePausesTheRunAndResumeFinishesIt()
{
    EngineFixture f(QStringLiteral("journal-1"));
    shortBusyTimeout(f.db);
    AuditLog log(f.db);
    AuditLogSink sink(log);
    EngineServices services = f.services();
    services.audit = &sink;
    // i01's upgrade takes a moment: the lock is taken while it runs, so its end is the first write refused.
    f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("upgrade"), {300, StepOutcome::Succeeded, 0, 1});
    auto run = RunExecutor::create(makePlan(oneWave(), makeInstances(2)), QStringLiteral("alice"), services);
    QVERIFY2(run, run ? "" : qPrintable(run.error().toString()));
    std::unique_ptr<RunExecutor> executor(*run);

    StoreLock lock(f.dir.filePath(QStringLiteral("lockstep.db")), QStringLiteral("journal-1-lock"));
    QObject::connect(executor.get(), &RunExecutor::stepStarted, executor.get(), [&](const StepResult &intent) {
        if (intent.instance == QLatin1String("i01") && intent.step == QLatin1String("upgrade"))
            QVERIFY(lock.take());
    });
    QVERIFY(executor->start(QStringLiteral("alice")));

    // The step's end could not be audited: the run stops there, and says what, where and what to do.
    // Not even the pause can be stored while the lock is held: the run is interrupted.
    QTRY_VERIFY_WITH_TIMEOUT(executor->unrecordedWrite().has_value(), 10000);
    QCOMPARE(executor->state(), RunState::Interrupted);
    const QString note = executor->note();
    QVERIFY2(note.startsWith(QLatin1String("could not record the audit record step.finished of upgrade on i01: ")), qPrintable(note));
    QVERIFY2(note.contains(QLatin1String("database is locked")), qPrintable(note));
    QVERIFY2(note.contains(QLatin1String("resume when the store is writable")), qPrintable(note));

    // Nothing further ran: neither i01's verify nor anything of i02.
    const QStringList ran = f.launcher.launches;
    QCOMPARE(ran, (QStringList{QStringLiteral("i01/backup/upgrade"), QStringLiteral("i01/upgrade/upgrade")}));
    QCoreApplication::processEvents();
    QCOMPARE(executor->state(), RunState::Interrupted);
    QCOMPARE(f.launcher.launches, ran);

    // The store takes writes again: the resume writes what queued, then the run goes on and ends.
    lock.release();
    QVERIFY(executor->resume(QStringLiteral("alice"), QStringLiteral("the store is back")));
    QVERIFY(!executor->unrecordedWrite());
    QTRY_COMPARE_WITH_TIMEOUT(executor->state(), RunState::Succeeded, 10000);
    QCOMPARE(f.launcher.count(QStringLiteral("i01/upgrade/")), 1);   // not run twice
    QCOMPARE(f.launcher.count(QStringLiteral("i01/verify/")), 1);
    QCOMPARE(f.launcher.count(QStringLiteral("i02/")), 3);

    // The step log has every result, and the audit chain is intact and in order: the step's end, the
    // interruption that named it, the resume.
    auto attempts = f.runs->attempts(executor->runId());
    QVERIFY(attempts);
    int upgraded = 0;
    for (const StepResult &a : *attempts)
        if (a.instance == QLatin1String("i01") && a.step == QLatin1String("upgrade")) {
            QCOMPARE(a.outcome, std::optional<StepOutcome>(StepOutcome::Succeeded));
            ++upgraded;
        }
    QCOMPARE(upgraded, 1);
    auto verified = log.verify();
    QVERIFY(verified);
    QVERIFY2(verified->ok(), qPrintable(verified->reason));
    auto events = log.query();
    QVERIFY(events);
    int finishedAt = -1, interruptedAt = -1, resumedAt = -1;
    for (int n = 0; n < events->size(); ++n) {
        const AuditEvent &e = events->at(n);
        if (e.action == AuditActions::of(RunEvent::Kind::StepFinished) && e.instance == QLatin1String("i01")
            && e.evidence.contains(QLatin1String("\"step\":\"upgrade\"")))
            finishedAt = n;
        if (e.action == AuditActions::of(RunEvent::Kind::RunStateChanged) && e.result == QLatin1String("interrupted"))
            interruptedAt = n;
        if (e.action == AuditActions::of(RunEvent::Kind::RunStateChanged) && e.result == QLatin1String("running")
            && e.reason == QLatin1String("the store is back"))
            resumedAt = n;
    }
    QVERIFY(finishedAt >= 0);
    QVERIFY(finishedAt < interruptedAt);
    QVERIFY(interruptedAt < resumedAt);
    auto stored = f.runs->find(executor->runId());
    QVERIFY(stored);
    QCOMPARE(stored->state, RunState::Succeeded);
}

void TestJournal::resumeIsRefusedWhileTheStoreStaysLocked()
{
    EngineFixture f(QStringLiteral("journal-2"));
    shortBusyTimeout(f.db);
    EngineServices services = f.services();
    f.launcher.setRule(QStringLiteral("i01"), QStringLiteral("backup"), {300, StepOutcome::Succeeded, 0, 1});
    auto run = RunExecutor::create(makePlan(oneWave(), makeInstances(1)), QStringLiteral("alice"), services);
    QVERIFY(run);
    std::unique_ptr<RunExecutor> executor(*run);
    StoreLock lock(f.dir.filePath(QStringLiteral("lockstep.db")), QStringLiteral("journal-2-lock"));
    QObject::connect(executor.get(), &RunExecutor::stepStarted, executor.get(), [&](const StepResult &intent) {
        if (intent.step == QLatin1String("backup"))
            QVERIFY(lock.take());
    });
    QVERIFY(executor->start(QStringLiteral("alice")));
    // The audit sink here is not the store: the step's result (group commit) is the first refused write.
    QTRY_VERIFY_WITH_TIMEOUT(executor->unrecordedWrite().has_value(), 10000);
    QVERIFY2(executor->note().startsWith(QLatin1String("could not record the result of step backup on i01: ")),
             qPrintable(executor->note()));

    // Still locked: resume is refused with the same cause, the run stays stopped and nothing runs.
    const Status refused = executor->resume(QStringLiteral("alice"));
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QLatin1String("database is locked")), qPrintable(refused.error().toString()));
    QVERIFY(executor->state() == RunState::Interrupted || executor->state() == RunState::Paused);
    QCOMPARE(f.launcher.launches, QStringList{QStringLiteral("i01/backup/upgrade")});

    lock.release();
    QVERIFY(executor->resume(QStringLiteral("alice")));
    QTRY_COMPARE_WITH_TIMEOUT(executor->state(), RunState::Succeeded, 10000);
    QCOMPARE(f.launcher.count(QStringLiteral("i01/backup/")), 1);
}

void TestJournal::signOffWithoutAuditRecordDoesNotCount()
{
    EngineFixture f(QStringLiteral("journal-3"));
    // The audit log in a store of its own, whose write lock another program holds.
    Database auditDb;
    const QString auditFile = f.dir.filePath(QStringLiteral("audit.db"));
    QVERIFY(auditDb.open(auditFile, QStringLiteral("journal-3-audit")));
    shortBusyTimeout(auditDb);
    AuditLog log(auditDb);
    AuditLogSink sink(log);
    EngineServices services = f.services();
    services.audit = &sink;
    Runbook runbook = oneWave();
    ChecklistItem backup;
    backup.id = QStringLiteral("backup-verified");
    backup.title = QStringLiteral("The backup restores");
    backup.signoffsRequired = 1;
    runbook.checklist = {backup};
    auto run = RunExecutor::create(makePlan(runbook, makeInstances(1)), QStringLiteral("alice"), services);
    QVERIFY(run);
    std::unique_ptr<RunExecutor> executor(*run);

    StoreLock lock(auditFile, QStringLiteral("journal-3-lock"));
    QVERIFY(lock.take());
    auto signedOff = executor->checklist()->signOff(backup.id, QStringLiteral("bob"), QStringLiteral("restored it on staging"));
    QVERIFY(!signedOff);
    QVERIFY2(signedOff.error().message.contains(QLatin1String("does not count")), qPrintable(signedOff.error().toString()));
    QVERIFY2(signedOff.error().message.contains(QLatin1String("database is locked")), qPrintable(signedOff.error().toString()));
    QCOMPARE(executor->checklist()->unsatisfied().size(), 1);
    // Not stored either: a console that reads the sign-offs again does not count it.
    QVERIFY(executor->checklist()->load());
    QCOMPARE(executor->checklist()->unsatisfied().size(), 1);
    QVERIFY(!executor->start(QStringLiteral("alice")));

    // Audited once the audit log is writable: then it counts and the run starts.
    lock.release();
    QVERIFY(executor->checklist()->signOff(backup.id, QStringLiteral("bob"), QStringLiteral("restored it on staging")));
    QVERIFY(executor->checklist()->unsatisfied().isEmpty());
    QVERIFY(executor->start(QStringLiteral("alice")));
    QTRY_COMPARE_WITH_TIMEOUT(executor->state(), RunState::Succeeded, 10000);
    auto verified = log.verify();
    QVERIFY(verified);
    QVERIFY(verified->ok());
}

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
