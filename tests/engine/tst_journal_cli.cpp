// lockstep-cli run when the store refuses a write mid-run: another program (here sqlite3's Python module)
// holds the store's write lock while a step ends. The command stops with exit status 5 and names the
// write that failed; once the lock is gone, run --resume writes what queued and finishes the run.
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep::test;

namespace {

// The first step takes the store's write lock in a program of its own (outside the step's process group,
// so it outlives the step) and ends once the lock is held; its end is the first write refused.
const char *kRunbook = R"(
runbook: locked-store
product: demo
strategy:
  max_parallel: 1
steps:
  - id: take-lock
    local: >-
      setsid python3 -c 'import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None);
      c.execute("BEGIN EXCLUSIVE"); open(sys.argv[2], "w").close(); time.sleep(float(sys.argv[3]))'
      {{params.db}} {{params.ready}} 14 > /dev/null 2>&1 &
      while [ ! -e {{params.ready}} ]; do sleep 0.05; done
  - {id: deploy, local: "true"}
params:
  db: {required: true}
  ready: {required: true}
)";

const char *kInventory = R"(
instances:
  - {name: a, product: demo, version: 1.0.0}
)";

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
        return {-2, QString::fromUtf8(p.readAll())};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

// Whether a writer can take the store's lock now (the other program has let go).
bool storeWritable(const QString &file)
{
    bool writable = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(file);
        if (db.open()) {
            QSqlQuery q(db);
            writable = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
            if (writable)
                q.exec(QStringLiteral("ROLLBACK"));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    return writable;
}

void write(const QString &path, const char *text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestJournalCli : public QObject
{
    Q_OBJECT
private slots:
    void runStopsNamingTheFailedWriteAndResumes();
};

void TestJournalCli::runStopsNamingTheFailedWriteAndResumes()
{
    qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
    qputenv("LOCKSTEP_SYSLOG_SOCKET", "off");
    QTemporaryDir dir;
    qputenv("LOCKSTEP_AUDIT_WITNESS_FILE", dir.filePath(QStringLiteral("anchors.jsonl")).toUtf8());
    const QString db = dir.filePath(QStringLiteral("store.db"));
    const QString ready = dir.filePath(QStringLiteral("locked"));
    write(dir.filePath(QStringLiteral("runbook.yaml")), kRunbook);
    write(dir.filePath(QStringLiteral("inventory.yaml")), kInventory);
    const Cli first = cli({QStringLiteral("run"), QStringLiteral("--database"), db, QStringLiteral("--runbook"),
                           dir.filePath(QStringLiteral("runbook.yaml")), QStringLiteral("--inventory"),
                           dir.filePath(QStringLiteral("inventory.yaml")), QStringLiteral("--instances"), QStringLiteral("a"),
                           QStringLiteral("--version"), QStringLiteral("1.1.0"), QStringLiteral("--param"),
                           QStringLiteral("db=") + db, QStringLiteral("--param"), QStringLiteral("ready=") + ready});
    QVERIFY2(first.exitCode == 5, qPrintable(first.output));
    QVERIFY2(first.output.contains(QStringLiteral("could not record the audit record step.finished of take-lock on a")),
             qPrintable(first.output));
    QVERIFY2(first.output.contains(QStringLiteral("database is locked")), qPrintable(first.output));
    QVERIFY2(first.output.contains(QStringLiteral("lockstep-cli run --resume 1")), qPrintable(first.output));
    QVERIFY2(!first.output.contains(QStringLiteral("a deploy started")), qPrintable(first.output));   // nothing more ran

    // The console is gone, and with it what it could not write: the step's intent has no result, so the
    // restored run asks about it (as after any crash). Once the lock holder has ended, the resume resolves
    // it and the run ends.
    QTRY_VERIFY_WITH_TIMEOUT(storeWritable(db), 30000);
    const Cli resumed = cli({QStringLiteral("run"), QStringLiteral("--database"), db, QStringLiteral("--resume"), QStringLiteral("1"),
                             QStringLiteral("--resolve-interrupted"), QStringLiteral("mark-done"), QStringLiteral("--reason"),
                             QStringLiteral("the lock was taken")});
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.output));
    QVERIFY2(resumed.output.contains(QStringLiteral("a deploy succeeded")), qPrintable(resumed.output));
}

QTEST_GUILESS_MAIN(TestJournalCli)
#include "tst_journal_cli.moc"
