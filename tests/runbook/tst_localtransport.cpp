#include "app/transport/LocalCommandExecution.h"
#include "app/transport/LocalTransport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace lockstep;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(lockstep::CommandOutcome)
Q_DECLARE_METATYPE(lockstep::OutputStream)

namespace {

CommandSpec shell(const QString &command)
{
    CommandSpec spec;
    spec.command = command;
    return spec;
}

// Runs a command to the end, collecting its lines.
struct Run
{
    explicit Run(const CommandSpec &spec)
    {
        execution = static_cast<LocalCommandExecution *>(transport.start(spec, &owner));
        QObject::connect(execution, &CommandExecution::outputLine, &owner, [this](OutputStream s, const QString &line) {
            (s == OutputStream::Stdout ? out : err).append(line);
            if (!execution->isFinished())
                linesBeforeFinish.append(line);
        });
        QObject::connect(execution, &CommandExecution::finished, &owner, [this](const CommandOutcome &o) {
            outcome = o;
            ++finishedCount;
        });
    }
    bool wait(int ms = 20000)
    {
        QDeadlineTimer deadline(ms);
        while (finishedCount == 0 && !deadline.hasExpired())
            QTest::qWait(10);
        return finishedCount > 0;
    }

    LocalTransport transport;
    QObject owner;
    LocalCommandExecution *execution = nullptr;
    QStringList out, err, linesBeforeFinish;
    CommandOutcome outcome;
    int finishedCount = 0;
};

bool processGone(qint64 pid)
{
    if (::kill(pid_t(pid), 0) != 0)
        return true;
    // A zombie waiting for a reaper is dead too.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype paren = text.lastIndexOf(')');
    return paren > 0 && text.mid(paren + 2, 1) == "Z";
}

} // namespace

class TestLocalTransport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qRegisterMetaType<CommandOutcome>();
        qRegisterMetaType<OutputStream>();
    }

    void exitCodesAndSeparateStreams()
    {
        Run run(shell(QStringLiteral("echo out1; echo err1 >&2; echo out2; exit 3")));
        QVERIFY(run.wait());
        QCOMPARE(run.outcome.kind, CommandOutcome::Kind::Exited);
        QCOMPARE(run.outcome.exitCode, 3);
        QVERIFY(!run.outcome.succeeded());
        QCOMPARE(run.out, (QStringList{QStringLiteral("out1"), QStringLiteral("out2")}));
        QCOMPARE(run.err, QStringList{QStringLiteral("err1")});
        QCOMPARE(run.finishedCount, 1);

        Run ok(shell(QStringLiteral("true")));
        QVERIFY(ok.wait());
        QVERIFY(ok.outcome.succeeded());
    }

    void firstLineArrivesBeforeTheProcessEnds()
    {
        Run run(shell(QStringLiteral("echo first; sleep 30; echo never")));
        QTRY_VERIFY_WITH_TIMEOUT(!run.out.isEmpty(), 10000);
        QCOMPARE(run.out, QStringList{QStringLiteral("first")});
        QCOMPARE(run.finishedCount, 0);
        run.execution->cancel();
        QVERIFY(run.wait());
        QCOMPARE(run.outcome.kind, CommandOutcome::Kind::Cancelled);
        QCOMPARE(run.linesBeforeFinish, QStringList{QStringLiteral("first")});
    }

    void partialLinesAreJoined()
    {
        Run run(shell(QStringLiteral("printf abc; sleep 0.2; printf 'def\\r\\nsecond'")));
        QVERIFY(run.wait());
        QCOMPARE(run.out, (QStringList{QStringLiteral("abcdef"), QStringLiteral("second")}));
    }

    void signalIsReported()
    {
        Run run(shell(QStringLiteral("kill -9 $$")));
        QVERIFY(run.wait());
        QCOMPARE(run.outcome.kind, CommandOutcome::Kind::Signalled);
        QVERIFY(run.outcome.error.contains(QLatin1String("signal 9")));
    }

    void timeout()
    {
        CommandSpec spec = shell(QStringLiteral("sleep 60"));
        spec.timeout = 300ms;
        Run run(spec);
        QVERIFY(run.wait());
        QCOMPARE(run.outcome.kind, CommandOutcome::Kind::TimedOut);
    }

    void cancelSleep()
    {
        Run run(shell(QStringLiteral("sleep 60")));
        QTest::qWait(100);
        run.execution->cancel();
        QVERIFY(run.wait(5000));
        QCOMPARE(run.outcome.kind, CommandOutcome::Kind::Cancelled);
        QCOMPARE(run.finishedCount, 1);
    }

    // SIGTERM is only the polite first try: a command that ignores it is killed a moment later.
    void cancelReachesACommandIgnoringSigterm()
    {
        Run run(shell(QStringLiteral("trap '' TERM; echo ready; while :; do sleep 0.1; done")));
        QTRY_VERIFY_WITH_TIMEOUT(!run.out.isEmpty(), 10000);
        run.execution->cancel();
        QVERIFY(run.wait(5000));
        QCOMPARE(run.outcome.kind, CommandOutcome::Kind::Cancelled);
    }

    void cancelBeforeStart()
    {
        Run run(shell(QStringLiteral("sleep 60")));
        run.execution->cancel();
        QVERIFY(run.wait(5000));
        QCOMPARE(run.outcome.kind, CommandOutcome::Kind::Cancelled);
    }

    // sh -c's children are in the same process group and die with it.
    void cancelKillsChildren()
    {
        Run run(shell(QStringLiteral("sleep 60 & echo $!; wait")));
        QTRY_VERIFY_WITH_TIMEOUT(!run.out.isEmpty(), 10000);
        const qint64 child = run.out.first().toLongLong();
        QVERIFY(child > 0);
        QVERIFY(!processGone(child));
        run.execution->cancel();
        QVERIFY(run.wait(5000));
        QCOMPARE(run.outcome.kind, CommandOutcome::Kind::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(child), 5000);
    }

    void argvEnvAndCwd()
    {
        QTemporaryDir dir;
        CommandSpec spec;
        spec.argv = {QStringLiteral("/usr/bin/env")};
        spec.env.insert(QStringLiteral("LOCKSTEP_TEST_VALUE"), QStringLiteral("a b;$(c)"));
        Run env(spec);
        QVERIFY(env.wait());
        QVERIFY(env.out.contains(QStringLiteral("LOCKSTEP_TEST_VALUE=a b;$(c)")));

        CommandSpec pwd;
        pwd.argv = {QStringLiteral("/bin/pwd")};
        pwd.workingDirectory = dir.path();
        Run inDir(pwd);
        QVERIFY(inDir.wait());
        QCOMPARE(inDir.out, QStringList{QDir(dir.path()).canonicalPath()});
    }

    // The console's own secret variables are not handed to every command it runs.
    void secretEnvironmentIsNotInherited()
    {
        qputenv("LOCKSTEP_SECRET_TEST_TOKEN", "inherited-value");
        qputenv("LOCKSTEP_TEST_PLAIN", "plain-value");
        CommandSpec spec;
        spec.argv = {QStringLiteral("/usr/bin/env")};
        Run run(spec);
        QVERIFY(run.wait());
        qunsetenv("LOCKSTEP_SECRET_TEST_TOKEN");
        qunsetenv("LOCKSTEP_TEST_PLAIN");
        QVERIFY(run.out.contains(QStringLiteral("LOCKSTEP_TEST_PLAIN=plain-value")));
        for (const QString &line : run.out)
            QVERIFY2(!line.startsWith(QLatin1String("LOCKSTEP_SECRET_")), qPrintable(line));
    }

    void failedToStart()
    {
        CommandSpec spec;
        spec.argv = {QStringLiteral("/nonexistent/lockstep-no-such-program")};
        Run run(spec);
        QVERIFY(run.wait());
        QCOMPARE(run.outcome.kind, CommandOutcome::Kind::FailedToStart);
        QVERIFY(run.outcome.error.contains(QLatin1String("lockstep-no-such-program")));
    }

    void outputIsRedacted()
    {
        CommandSpec spec = shell(QStringLiteral("echo token=hunter2-xyz; echo hunter2-xyz >&2"));
        spec.redactor = Redactor({QStringLiteral("hunter2-xyz")});
        Run run(spec);
        QVERIFY(run.wait());
        QCOMPARE(run.out, QStringList{QStringLiteral("token=***")});
        QCOMPARE(run.err, QStringList{QStringLiteral("***")});
    }

    // 3 MB without a newline: lines are cut at the line bound and the record keeps head and tail only.
    void outputIsBounded()
    {
        Run run(shell(QStringLiteral("head -c 3000000 /dev/zero | tr '\\0' x; echo; echo last")));
        QVERIFY(run.wait());
        QVERIFY(run.outcome.succeeded());
        QVERIFY(run.outcome.droppedOutputBytes > 2000000);
        const OutputCapture &capture = run.execution->capture();
        QVERIFY(capture.text(OutputStream::Stdout).size() < OutputCapture::kDefaultHeadBytes + OutputCapture::kDefaultTailBytes + 1000);
        QCOMPARE(capture.tail(OutputStream::Stdout).last(), QStringLiteral("last"));
        QVERIFY(capture.text(OutputStream::Stdout).contains(QLatin1String("bytes dropped")));
        for (const QString &line : run.out)
            QVERIFY(line.size() <= OutputCapture::kMaxLineBytes);
        QCOMPARE(run.out.last(), QStringLiteral("last"));
    }
};

QTEST_GUILESS_MAIN(TestLocalTransport)
#include "tst_localtransport.moc"
