#include "tests/support/TestPaths.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep::test;

namespace {

// Stopped by its failure budget: instance a fails its first step; the policy pauses.
const char *kBudgetRunbook = R"(
runbook: budget
product: demo
strategy:
  waves: [{count: 1, name: canary}, {percent: 100, name: rest}]
  max_parallel: 1
  between_waves: {observe: 0s, then: promote}
  failure_budget: {max_failed: 0}
  on_failure: pause
steps:
  - {id: check, local: "test {{instance.name}} != a"}
  - {id: deploy, local: "true"}
)";

// The deploy is undone by a person (a manual rollback step), then checked automatically.
const char *kManualRollbackRunbook = R"(
runbook: manual-undo
product: demo
strategy:
  max_parallel: 1
  failure_budget: {max_failed: 0}
  on_failure: rollback
steps:
  - {id: deploy, local: "true", undo: restore-snapshot}
  - {id: verify, local: "false"}
rollback_steps:
  - {id: restore-snapshot, manual: "restore {{instance.name}} to {{previous_version}} from its snapshot"}
  - {id: restored, local: "true"}
rollback: [restored]
)";

// A parameter declared secret, used before and after a question that stops the first invocation. The
// expected value is read from a file, so that the runbook text (stored with the run) does not hold it.
const char *kSecretRunbook = R"(
runbook: secret
product: demo
params:
  token: {required: true, secret: true}
  expected: {required: true}
strategy:
  max_parallel: 1
steps:
  - {id: use, local: "grep -qx {{params.token}} {{params.expected}}"}
  - {id: ask, manual: "token rotated on {{instance.name}}?"}
  - {id: use-again, local: "grep -qx {{params.token}} {{params.expected}}"}
)";

const char *kInventory = R"(
instances:
  - {name: a, product: demo, version: 1.0.0}
  - {name: b, product: demo, version: 1.0.0}
)";

const QByteArray kSecret = QByteArrayLiteral("s3cr3tTok42x");

// Every file of the store (the database, its write-ahead log, shared memory) as bytes.
QByteArray storeBytes(const QString &db)
{
    QByteArray all;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        QFile f(db + suffix);
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

struct Cli
{
    int exitCode = -1;   // -2: still running after the time allowed (a hang)
    QString output;
};

// Nothing may wait forever headless: an invocation still running after 90 s counts as a hang.
Cli cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(cliPath(), args);
    if (!p.waitForFinished(90000)) {
        p.kill();
        p.waitForFinished(5000);
        return {-2, QString::fromUtf8(p.readAll())};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

void write(const QString &path, const char *text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

// `lockstep-cli run` headless: a question it cannot answer ends the invocation with exit status 4 and
// names the question; `run --resume` answers it and the run ends (issue: resume never hangs).
class TestResumeCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QStringList start(const QString &db, const char *runbook, const QString &instances)
    {
        const QString file = m_dir.filePath(QStringLiteral("runbook-%1.yaml").arg(QFileInfo(db).baseName()));
        write(file, runbook);
        return {QStringLiteral("run"), QStringLiteral("--database"), db, QStringLiteral("--runbook"), file,
                QStringLiteral("--inventory"), m_dir.filePath(QStringLiteral("inventory.yaml")), QStringLiteral("--instances"),
                instances, QStringLiteral("--version"), QStringLiteral("1.1.0")};
    }

private slots:
    void initTestCase()
    {
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        qputenv("LOCKSTEP_SYSLOG_SOCKET", "off");
        qputenv("LOCKSTEP_AUDIT_WITNESS_FILE", m_dir.filePath(QStringLiteral("anchors.jsonl")).toUtf8());
        write(m_dir.filePath(QStringLiteral("inventory.yaml")), kInventory);
    }

    void aRunStoppedByItsBudgetResumesAndExits()
    {
        QTemporaryDir data;
        const QString db = data.filePath(QStringLiteral("budget.db"));
        const Cli first = cli(start(db, kBudgetRunbook, QStringLiteral("a,b")));
        QVERIFY2(first.exitCode == 4, qPrintable(first.output));
        QVERIFY2(first.output.contains(QStringLiteral("question: failure budget of wave 1 spent")), qPrintable(first.output));
        QVERIFY2(first.output.contains(QStringLiteral("lockstep-cli run --resume 1")), qPrintable(first.output));

        // The resume is the operator's decision to go past the budget: the run goes on to its end
        // (failed: a failed), it does not pause again at once.
        const Cli resumed = cli({QStringLiteral("run"), QStringLiteral("--database"), db, QStringLiteral("--resume"),
                                 QStringLiteral("1"), QStringLiteral("--reason"), QStringLiteral("a is fixed by hand")});
        QVERIFY2(resumed.exitCode == 1, qPrintable(resumed.output));
        QVERIFY2(resumed.output.contains(QStringLiteral("run 1 failed: 1 succeeded, 1 failed")), qPrintable(resumed.output));
        QVERIFY2(!resumed.output.contains(QStringLiteral("run 1 paused")), qPrintable(resumed.output));
    }

    void aManualRollbackStepIsAskedAndTheResumeEnds()
    {
        QTemporaryDir data;
        const QString db = data.filePath(QStringLiteral("manual.db"));
        const Cli first = cli(start(db, kManualRollbackRunbook, QStringLiteral("a")));
        QVERIFY2(first.exitCode == 4, qPrintable(first.output));
        // The prompt is rendered for the instance, as steps are.
        QVERIFY2(first.output.contains(QStringLiteral("question: manual step restore-snapshot on a: restore a to 1.0.0 from its snapshot")),
                 qPrintable(first.output));
        QVERIFY2(!first.output.contains(QStringLiteral("{{")), qPrintable(first.output));

        // Without an answer, a resume asks again and stops again (no resolution of the unanswered question needed).
        const QStringList resume{QStringLiteral("run"), QStringLiteral("--database"), db, QStringLiteral("--resume"), QStringLiteral("1")};
        const Cli unanswered = cli(resume);
        QVERIFY2(unanswered.exitCode == 4, qPrintable(unanswered.output));
        QVERIFY2(unanswered.output.contains(QStringLiteral("question: manual step restore-snapshot on a")), qPrintable(unanswered.output));

        // Confirmed: the rollback goes on after the manual step and the run ends rolled back.
        const Cli confirmed = cli(resume + QStringList{QStringLiteral("--confirm"), QStringLiteral("restore-snapshot=snapshot restored")});
        QVERIFY2(confirmed.exitCode == 3, qPrintable(confirmed.output));
        QVERIFY2(confirmed.output.contains(QStringLiteral("a restored succeeded")), qPrintable(confirmed.output));
        QVERIFY2(confirmed.output.contains(QStringLiteral("run 1 rolled-back")), qPrintable(confirmed.output));
    }

    // A parameter declared `secret: true` is never stored: not in the run's plan, not anywhere in the
    // store file, after the run and after its resume; the resume is given it again (refused without).
    void aSecretParameterIsNeverStoredAndTheResumeAsksForIt()
    {
        QTemporaryDir data;
        const QString db = data.filePath(QStringLiteral("secret.db"));
        const QString expected = data.filePath(QStringLiteral("expected"));
        {
            QFile f(expected);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(kSecret);
        }
        const QStringList params{QStringLiteral("--param"), QStringLiteral("expected=") + expected};
        const Cli first = cli(start(db, kSecretRunbook, QStringLiteral("a")) + params
                              + QStringList{QStringLiteral("--param"), QStringLiteral("token=") + QString::fromLatin1(kSecret)});
        QVERIFY2(first.exitCode == 4, qPrintable(first.output));
        QVERIFY2(first.output.contains(QStringLiteral("a use succeeded")), qPrintable(first.output));   // the value reached the step
        QVERIFY2(!storeBytes(db).contains(kSecret), "the secret parameter is in the store file");

        const QStringList resume{QStringLiteral("run"), QStringLiteral("--database"), db, QStringLiteral("--resume"), QStringLiteral("1"),
                                 QStringLiteral("--confirm"), QStringLiteral("ask=rotated")};
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("LOCKSTEP_PARAM_TOKEN"));
        const Cli without = cli(resume, env);
        QVERIFY2(without.exitCode == 2, qPrintable(without.output));
        QVERIFY2(without.output.contains(QStringLiteral("needs its secret parameters again: token")), qPrintable(without.output));
        QVERIFY2(without.output.contains(QStringLiteral("$LOCKSTEP_PARAM_TOKEN")), qPrintable(without.output));

        // Given again from the environment, as a pipeline would: the run ends, the value reached the step.
        env.insert(QStringLiteral("LOCKSTEP_PARAM_TOKEN"), QString::fromLatin1(kSecret));
        const Cli resumed = cli(resume, env);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.output));
        QVERIFY2(resumed.output.contains(QStringLiteral("a use-again succeeded")), qPrintable(resumed.output));
        QVERIFY2(!storeBytes(db).contains(kSecret), "the secret parameter is in the store file after the resume");
    }
};

QTEST_GUILESS_MAIN(TestResumeCli)
#include "tst_resume_cli.moc"
