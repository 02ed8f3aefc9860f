// Anchoring through `lockstep-cli` as an operator and an auditor use it: `run` anchors the head it leaves,
// `audit anchor` on demand, and `audit verify` finds a truncated export, a truncated store and a
// re-chained store (docs/audit.md).
#include "app/audit/AuditLog.h"
#include "models/store/Database.h"
#include "tests/store/AuditTampering.h"
#include "tests/support/TestPaths.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

struct Cli
{
    int exitCode = -1;
    QString out;
    QString err;
};

// The witness file is passed by environment, as an operator's profile would set it; no system log.
Cli cli(const QStringList &args, const QString &witnessFile)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LOCKSTEP_AUDIT_WITNESS_FILE"), witnessFile);
    env.insert(QStringLiteral("LOCKSTEP_SYSLOG_SOCKET"), QStringLiteral("off"));
    env.insert(QStringLiteral("LOCKSTEP_TEST_IDENTITIES"), QStringLiteral("1"));   // --operator names are asserted
    p.setProcessEnvironment(env);
    p.start(cliPath(), args);
    Cli run;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        run.err = QStringLiteral("lockstep-cli did not finish");
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

const char *kRunbook = R"(runbook: anchor
product: demo
steps:
  - {id: one, local: "true"}
  - {id: two, local: "true"}
)";

const char *kInventory = R"(instances:
  - {name: a, product: demo, version: 1.0.0}
)";

} // namespace

class TestAuditAnchorCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A store in data/ with a finished run (which anchored its head in state/NAME.jsonl).
    QString storeWithRun(const QString &name)
    {
        QDir().mkpath(path(QStringLiteral("data")));
        QDir().mkpath(path(QStringLiteral("state")));
        const QString runbook = path(QStringLiteral("anchor.yaml"));
        const QString inventory = path(QStringLiteral("inventory.yaml"));
        QFile r(runbook), i(inventory);
        if (!r.open(QIODevice::WriteOnly) || !i.open(QIODevice::WriteOnly))
            return {};
        r.write(kRunbook);
        i.write(kInventory);
        r.close();
        i.close();
        const QString db = path(QStringLiteral("data/") + name + QStringLiteral(".db"));
        const Cli run = cli({QStringLiteral("run"), QStringLiteral("--database"), db, QStringLiteral("--operator"),
                             QStringLiteral("alice"), QStringLiteral("--runbook"), runbook, QStringLiteral("--inventory"),
                             inventory, QStringLiteral("--instances"), QStringLiteral("a"), QStringLiteral("--version"),
                             QStringLiteral("1.1.0")},
                            witnessOf(name));
        if (run.exitCode != 0) {
            qWarning("%s\n%s", qPrintable(run.out), qPrintable(run.err));
            return {};
        }
        return db;
    }

    QString witnessOf(const QString &name) const { return path(QStringLiteral("state/") + name + QStringLiteral(".jsonl")); }

private slots:
    void aRunAnchorsTheHeadItLeaves()
    {
        const QString db = storeWithRun(QStringLiteral("run"));
        QVERIFY(!db.isEmpty());
        QFile witness(witnessOf(QStringLiteral("run")));
        QVERIFY(witness.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = witness.readAll().split('\n');
        QCOMPARE(lines.size(), 2);   // one anchor and the final newline
        const QJsonObject anchor = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(anchor.value(QStringLiteral("origin")).toString(), QStringLiteral("run 1 succeeded"));
        Database store;
        QVERIFY(store.open(db, QStringLiteral("anchor-run")).ok());
        const auto events = AuditLog(store).query();
        QCOMPARE(anchor.value(QStringLiteral("seq")).toInteger(), events->last().seq);
        QCOMPARE(anchor.value(QStringLiteral("hash")).toString(), events->last().hash);

        const Cli verify = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"), db},
                               witnessOf(QStringLiteral("run")));
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
        QVERIFY2(verify.out.contains(QStringLiteral("head anchored by")), qPrintable(verify.out));
    }

    // A run killed after it ended but before it anchored: the next `run` invocation on the store, even a
    // refused resume, anchors the head.
    void aRefusedResumeStillAnchors()
    {
        const QString db = storeWithRun(QStringLiteral("resume"));
        QVERIFY(!db.isEmpty());
        const QString witness = path(QStringLiteral("state/resume-again.jsonl"));
        const Cli resume = cli({QStringLiteral("run"), QStringLiteral("--database"), db, QStringLiteral("--resume"),
                                QStringLiteral("1")},
                               witness);
        QVERIFY2(resume.exitCode != 0, qPrintable(resume.out + resume.err));
        QVERIFY2(resume.err.contains(QStringLiteral("already ended")), qPrintable(resume.err));
        QFile f(witness);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject anchor = QJsonDocument::fromJson(f.readLine()).object();
        Database store;
        QVERIFY(store.open(db, QStringLiteral("anchor-resume")).ok());
        QCOMPARE(anchor.value(QStringLiteral("seq")).toInteger(), AuditLog(store).query()->last().seq);
    }

    void verifyFindsATruncatedExport()
    {
        const QString db = storeWithRun(QStringLiteral("export"));
        QVERIFY(!db.isEmpty());
        const QString exported = path(QStringLiteral("export.json"));
        const QString noWitness = path(QStringLiteral("state/other.jsonl"));
        const Cli exportRun = cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--database"), db,
                                   QStringLiteral("--output"), exported},
                                  noWitness);
        QVERIFY2(exportRun.exitCode == 0, qPrintable(exportRun.err));
        QCOMPARE(cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--export"), exported}, noWitness).exitCode, 0);

        QFile f(exported);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonArray events = root.value(QStringLiteral("events")).toArray();
        events.removeLast();
        root.insert(QStringLiteral("events"), events);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(root).toJson());
        f.close();

        const Cli verify = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--export"), exported}, noWitness);
        QCOMPARE(verify.exitCode, 1);
        QVERIFY2(verify.out.contains(QStringLiteral("(deleted)")), qPrintable(verify.out));
        QVERIFY2(verify.out.contains(QStringLiteral("cut from the end of the export")), qPrintable(verify.out));
    }

    void verifyFindsATruncatedStore()
    {
        const QString db = storeWithRun(QStringLiteral("truncated"));
        QVERIFY(!db.isEmpty());
        {
            Database store;
            QVERIFY(store.open(db, QStringLiteral("anchor-truncate")).ok());
            QVERIFY(AuditTampering::truncate(store, 3));
        }
        // Without the witness the shorter chain looks whole; with it, it does not.
        const Cli alone = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"), db},
                              path(QStringLiteral("state/other.jsonl")));
        QCOMPARE(alone.exitCode, 0);
        QVERIFY2(alone.out.contains(QStringLiteral("no witness")), qPrintable(alone.out));
        const Cli verify = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"), db},
                               witnessOf(QStringLiteral("truncated")));
        QCOMPARE(verify.exitCode, 1);
        QVERIFY2(verify.out.contains(QStringLiteral("(deleted)")), qPrintable(verify.out));
        QVERIFY2(verify.out.contains(QStringLiteral("were deleted from the end")), qPrintable(verify.out));
    }

    void verifyFindsARechainedStore()
    {
        const QString db = storeWithRun(QStringLiteral("rechained"));
        QVERIFY(!db.isEmpty());
        {
            Database store;
            QVERIFY(store.open(db, QStringLiteral("anchor-rechain")).ok());
            QVERIFY(AuditTampering::rechain(store, 2, QStringLiteral("approved by nobody")));
        }
        const Cli verify = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"), db},
                               witnessOf(QStringLiteral("rechained")));
        QCOMPARE(verify.exitCode, 1);
        QVERIFY2(verify.out.contains(QStringLiteral("(re-chained)")), qPrintable(verify.out));
        QVERIFY2(verify.out.contains(QStringLiteral("rewritten and the chain re-hashed")), qPrintable(verify.out));
    }

    void anchorOnDemandAndAFailedWitnessIsAudited()
    {
        const QString db = storeWithRun(QStringLiteral("demand"));
        QVERIFY(!db.isEmpty());
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LOCKSTEP_AUDIT_WITNESS_FILE"), witnessOf(QStringLiteral("demand")));
        env.insert(QStringLiteral("LOCKSTEP_TEST_IDENTITIES"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.start(cliPath(), {QStringLiteral("audit"), QStringLiteral("anchor"), QStringLiteral("--database"), db,
                            QStringLiteral("--operator"), QStringLiteral("carol"), QStringLiteral("--syslog-socket"),
                            path(QStringLiteral("no-syslog-here.sock"))});
        QVERIFY(p.waitForFinished(30000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 1);   // anchored, but not in every witness
        QVERIFY2(out.contains(QStringLiteral("audit head anchored: record")), qPrintable(out));
        QVERIFY2(err.contains(QStringLiteral("was not anchored in syslog")), qPrintable(err));
        Database store;
        QVERIFY(store.open(db, QStringLiteral("anchor-demand")).ok());
        const auto last = AuditLog(store).query()->last();
        QCOMPARE(last.action, QStringLiteral("audit.anchor"));
        QCOMPARE(last.operatorName, QStringLiteral("carol"));
        QCOMPARE(last.result, QStringLiteral("failed"));
        // The failure record itself is the head the file now holds, so verify vouches for all of it.
        const Cli verify = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"), db},
                               witnessOf(QStringLiteral("demand")));
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
        QVERIFY2(verify.out.contains(QStringLiteral("head anchored by")), qPrintable(verify.out));
    }
};

QTEST_GUILESS_MAIN(TestAuditAnchorCli)
#include "tst_auditanchorcli.moc"
