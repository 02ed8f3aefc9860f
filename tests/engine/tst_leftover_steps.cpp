#include "app/transport/ProcessGroup.h"
#include "models/store/Database.h"
#include "models/store/RunRepository.h"
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// The deploy says it started, then acts on the instance until the test lets it finish (the release
// file): a console killed meanwhile leaves it running in its own session. Its undo says when it ran.
const char *kRunbook = R"(
runbook: leftover
product: demo
params:
  marker: {required: true}
  release: {required: true}
strategy:
  max_parallel: 1
  failure_budget: {max_failed: 0}
  on_failure: rollback
steps:
  - id: deploy
    local: "echo started >> {{params.marker}}; while [ ! -e {{params.release}} ]; do sleep 0.05; done; echo deployed >> {{params.marker}}"
    timeout: %1
    undo: restore
rollback_steps:
  - {id: restore, local: "echo restored >> {{params.marker}}"}
)";

const char *kInventory = R"(
instances:
  - {name: a, product: demo, version: 1.0.0}
)";

QString read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

struct AuditRecord
{
    QString operatorName;
    QString action;
    QString result;
    QString reason;
};

// The run's audit records in chain order, as the store keeps them.
QList<AuditRecord> auditOf(const QString &db, const QString &connection)
{
    QList<AuditRecord> out;
    Database store;
    if (!store.open(db, connection).ok())
        return out;
    QSqlQuery q(store.connection());
    q.exec(QStringLiteral("SELECT operator, action, result, reason FROM audit_events ORDER BY seq"));
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    return out;
}

qsizetype indexOf(const QList<AuditRecord> &records, const QString &action)
{
    for (qsizetype i = 0; i < records.size(); ++i)
        if (records.at(i).action == action)
            return i;
    return -1;
}

// The process group the store recorded for the deploy's (only) upgrade attempt.
ProcessGroup deployGroup(const QString &db)
{
    Database store;
    if (!store.open(db, QStringLiteral("leftover-group")).ok())
        return {};
    RunRepository runs(store);
    const auto attempts = runs.attempts(1);
    if (!attempts || attempts->isEmpty())
        return {};
    return ProcessGroup(attempts->first().processGroup, attempts->first().processIdentity);
}

} // namespace

// A console killed with `kill -9` leaves its local step's command running (its own session). The
// resume must not resolve that step (here: roll it back) while the command still acts on the instance:
// it waits for it, bounded by the step's timeout, or ends it on the operator's word (--kill-leftover),
// and the audit says which.
class TestLeftoverSteps : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Paths
    {
        QString db, marker, release, runbook;
    };

    Paths paths(const QString &name, const QByteArray &timeout)
    {
        Paths p{m_dir.filePath(name + QStringLiteral(".db")), m_dir.filePath(name + QStringLiteral(".marker")),
                m_dir.filePath(name + QStringLiteral(".release")), m_dir.filePath(name + QStringLiteral(".yaml"))};
        write(p.runbook, QString::fromLatin1(kRunbook).arg(QString::fromLatin1(timeout)).toUtf8());
        return p;
    }

    // Starts the run, waits until its deploy is under way and kills the console (SIGKILL, no cleanup).
    void startAndKill(const Paths &p)
    {
        QProcess console;
        console.setProcessChannelMode(QProcess::MergedChannels);
        console.start(cliPath(), {QStringLiteral("run"), QStringLiteral("--database"), p.db, QStringLiteral("--runbook"), p.runbook,
                                  QStringLiteral("--inventory"), m_dir.filePath(QStringLiteral("inventory.yaml")),
                                  QStringLiteral("--instances"), QStringLiteral("a"), QStringLiteral("--version"),
                                  QStringLiteral("1.1.0"), QStringLiteral("--param"), QStringLiteral("marker=") + p.marker,
                                  QStringLiteral("--param"), QStringLiteral("release=") + p.release});
        QVERIFY(console.waitForStarted(30000));
        QTRY_VERIFY_WITH_TIMEOUT(read(p.marker).contains(QStringLiteral("started")), 60000);
        console.kill();
        QVERIFY(console.waitForFinished(30000));
        QCOMPARE(console.exitStatus(), QProcess::CrashExit);
    }

    static QStringList resume(const Paths &p, const QStringList &more)
    {
        return QStringList{QStringLiteral("run"), QStringLiteral("--database"), p.db, QStringLiteral("--resume"), QStringLiteral("1"),
                           QStringLiteral("--resolve-interrupted"), QStringLiteral("rollback"), QStringLiteral("--reason"),
                           QStringLiteral("the console was killed")} + more;
    }

private slots:
    void initTestCase()
    {
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        qputenv("LOCKSTEP_SYSLOG_SOCKET", "off");
        write(m_dir.filePath(QStringLiteral("inventory.yaml")), kInventory);
    }

    // Round 134 of the crash soak: the rollback ran while the killed console's deploy still upgraded the
    // instance. Now the rollback waits until that command has ended, and runs after it.
    void aResumeDoesNotRollBackWhileTheKilledConsolesCommandRuns()
    {
        const Paths p = paths(QStringLiteral("wait"), "2m");
        startAndKill(p);
        if (QTest::currentTestFailed())
            return;
        const ProcessGroup group = deployGroup(p.db);
        QVERIFY2(group.isValid(), "the deploy's process group is stored with its intent");
        QCOMPARE(group.probe(), ProcessGroup::Liveness::Running);   // it outlived the console

        QProcess resumed;
        resumed.setProcessChannelMode(QProcess::MergedChannels);
        resumed.start(cliPath(), resume(p, {}));
        QString output;
        const QString waiting = QStringLiteral("step deploy of instance a is still running from the previous console (pgid %1); waiting")
                                    .arg(group.id());
        QTRY_VERIFY_WITH_TIMEOUT((output += QString::fromUtf8(resumed.readAll())).contains(waiting), 60000);
        // The operator's rollback is held, audited as waiting; nothing of it ran.
        QTRY_VERIFY_WITH_TIMEOUT(indexOf(auditOf(p.db, QStringLiteral("leftover-wait-1")), QStringLiteral("step.leftover-waiting")) >= 0,
                                 60000);
        QCOMPARE(resumed.state(), QProcess::Running);
        QVERIFY(!read(p.marker).contains(QStringLiteral("restored")));
        QCOMPARE(group.probe(), ProcessGroup::Liveness::Running);

        // The leftover deploy finishes; only then is the instance rolled back.
        write(p.release, "go");
        QVERIFY(resumed.waitForFinished(120000));
        output += QString::fromUtf8(resumed.readAll());
        QVERIFY2(resumed.exitCode() == 3, qPrintable(output));   // rolled back
        QVERIFY2(output.contains(QStringLiteral("run 1 rolled-back")), qPrintable(output));
        QCOMPARE(read(p.marker), QStringLiteral("started\ndeployed\nrestored\n"));

        // The audit tells it in order: found running, the rollback waiting, the command's end, then the rollback.
        const QList<AuditRecord> audit = auditOf(p.db, QStringLiteral("leftover-wait-2"));
        const qsizetype running = indexOf(audit, QStringLiteral("step.leftover-running"));
        const qsizetype held = indexOf(audit, QStringLiteral("step.leftover-waiting"));
        const qsizetype ended = indexOf(audit, QStringLiteral("step.leftover-ended"));
        const qsizetype rollback = indexOf(audit, QStringLiteral("rollback.requested"));
        QVERIFY(running >= 0 && held > running && ended > held && rollback > ended);
        QVERIFY2(audit.at(running).reason == waiting, qPrintable(audit.at(running).reason));
        QCOMPARE(audit.at(ended).result, QStringLiteral("ended"));
        QVERIFY(audit.at(ended).reason.contains(QStringLiteral("ended by itself")));
    }

    // Headless, the wait is bounded by the step's timeout; then the invocation stops with a clear message
    // and resolves nothing. The operator's word (--kill-leftover) ends the group; the rollback follows.
    void theKillResolutionEndsTheGroup()
    {
        const Paths p = paths(QStringLiteral("kill"), "6s");
        startAndKill(p);
        if (QTest::currentTestFailed())
            return;
        const ProcessGroup group = deployGroup(p.db);
        QVERIFY(group.isValid());

        QProcess waited;
        waited.setProcessChannelMode(QProcess::MergedChannels);
        waited.start(cliPath(), resume(p, {}));
        QVERIFY(waited.waitForFinished(120000));
        const QString waitedOutput = QString::fromUtf8(waited.readAll());
        QVERIFY2(waited.exitCode() == 4, qPrintable(waitedOutput));   // waits for the operator
        QVERIFY2(waitedOutput.contains(QStringLiteral("step deploy of instance a is still running from the previous console "
                                                      "(pgid %1) past its timeout").arg(group.id())),
                 qPrintable(waitedOutput));
        QVERIFY2(waitedOutput.contains(QStringLiteral("--kill-leftover")), qPrintable(waitedOutput));
        QVERIFY(!read(p.marker).contains(QStringLiteral("restored")));
        QCOMPARE(group.probe(), ProcessGroup::Liveness::Running);

        QProcess killed;
        killed.setProcessChannelMode(QProcess::MergedChannels);
        killed.start(cliPath(), resume(p, {QStringLiteral("--kill-leftover")}));
        QVERIFY(killed.waitForFinished(120000));
        const QString output = QString::fromUtf8(killed.readAll());
        QVERIFY2(killed.exitCode() == 3, qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("ending step deploy of instance a from the previous console (pgid %1)").arg(group.id())),
                 qPrintable(output));
        QCOMPARE(group.probe(), ProcessGroup::Liveness::Ended);
        QCOMPARE(read(p.marker), QStringLiteral("started\nrestored\n"));   // the deploy never finished

        const QList<AuditRecord> audit = auditOf(p.db, QStringLiteral("leftover-kill"));
        const qsizetype outlived = indexOf(audit, QStringLiteral("step.leftover-outlived"));
        const qsizetype kill = indexOf(audit, QStringLiteral("step.leftover-killed"));
        const qsizetype ended = indexOf(audit, QStringLiteral("step.leftover-ended"));
        const qsizetype rollback = indexOf(audit, QStringLiteral("rollback.requested"));
        QVERIFY(outlived >= 0 && kill > outlived && ended > kill && rollback > ended);
        QVERIFY(audit.at(kill).operatorName != QStringLiteral("lockstep"));   // the operator's word, not the engine's
        QCOMPARE(audit.at(ended).result, QStringLiteral("killed"));
    }
};

QTEST_GUILESS_MAIN(TestLeftoverSteps)
#include "tst_leftover_steps.moc"
