// Two consoles on one PostgreSQL database, as two `lockstep-cli` processes: they race for an instance
// (one wins, the other names the holder), the winner is killed with SIGKILL (its lease expires after the
// timeout, the instance can be taken, the killed run shows as interrupted), and a four-eyes sign-off
// from a second console reaches the first one through LISTEN/NOTIFY.
#include "tests/support/Postgres.h"
#include "tests/support/TestPaths.h"

#include "models/store/Database.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <signal.h>

using namespace lockstep::test;

namespace {

const char *kSlowRunbook = R"(
runbook: slow
product: demo
params: {pause: {required: true}}
strategy:
  max_parallel: 1
steps:
  - {id: s1, local: "sleep {{params.pause}}"}
  - {id: s2, local: "sleep {{params.pause}}"}
  - {id: s3, local: "sleep {{params.pause}}"}
  - {id: s4, local: "sleep {{params.pause}}"}
  - {id: s5, local: "sleep {{params.pause}}"}
  - {id: s6, local: "sleep {{params.pause}}"}
)";

const char *kFourEyesRunbook = R"(
runbook: four-eyes
product: demo
checklist:
  - id: change-approved
    title: Change approved by two operators
    signoff: {by: 2}
steps:
  - {id: s1, local: "true"}
)";

const char *kInventory = R"(
instances:
  - {name: a, product: demo, version: 1.0.0}
)";

// One console: a lockstep-cli process whose merged output is collected as it comes.
class Console
{
public:
    explicit Console(const QStringList &args)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(cliPath(), args);
    }
    ~Console()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    QString output()
    {
        m_output += QString::fromUtf8(m_process.readAll());
        return m_output;
    }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    // Waits (bounded) until the output matches; false on timeout or exit without it.
    bool waitFor(const QString &text, int timeoutMs = 30000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            if (output().contains(text))
                return true;
            if (!running())
                return output().contains(text);
            m_process.waitForReadyRead(100);
        }
        return false;
    }
    int finish(int timeoutMs = 60000)
    {
        m_process.waitForFinished(timeoutMs);
        output();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    // SIGSTOP / SIGCONT: a console that stalls (a frozen VM, a laptop lid) and comes back.
    void signal(int sig) { ::kill(pid_t(m_process.processId()), sig); }
    void kill9()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }

private:
    QProcess m_process;
    QString m_output;
};

qint64 createdRun(const QString &output)
{
    static const QRegularExpression created(QStringLiteral("run (\\d+) created by"));
    const auto m = created.match(output);
    return m.hasMatch() ? m.captured(1).toLongLong() : 0;
}

void write(const QString &path, const char *text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestTeamConsoles : public QObject
{
    Q_OBJECT

private:
    Postgres m_postgres;
    QTemporaryDir m_dir;

    QStringList runArgs(const QString &url, const QString &operatorName, const QString &runbook, const QString &pause) const
    {
        QStringList args{QStringLiteral("run"), QStringLiteral("--database"), url, QStringLiteral("--operator"), operatorName,
                         QStringLiteral("--lease-timeout"), QStringLiteral("3000"), QStringLiteral("--runbook"), runbook,
                         QStringLiteral("--inventory"), m_dir.filePath(QStringLiteral("inventory.yaml")),
                         QStringLiteral("--instances"), QStringLiteral("a"), QStringLiteral("--version"), QStringLiteral("1.1.0")};
        if (!pause.isEmpty())
            args << QStringLiteral("--param") << QStringLiteral("pause=") + pause;
        return args;
    }

    // Every console audited into the one chain; it must still verify.
    static void verifyAudit(const QString &url)
    {
        Console verify(QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"), url});
        QVERIFY2(verify.finish() == 0, qPrintable(verify.output()));
        QVERIFY2(verify.output().contains(QStringLiteral("audit log intact")), qPrintable(verify.output()));
    }

private slots:
    void initTestCase()
    {
        // Several named operators on one store: names asserted for the test (recorded as "asserted").
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        if (const QString failure = m_postgres.start(); !failure.isEmpty())
            QFAIL(qPrintable(failure));
        write(m_dir.filePath(QStringLiteral("slow.yaml")), kSlowRunbook);
        write(m_dir.filePath(QStringLiteral("four-eyes.yaml")), kFourEyesRunbook);
        write(m_dir.filePath(QStringLiteral("inventory.yaml")), kInventory);
    }

    void oneWinsAndADeadConsolesLeaseExpires()
    {
        QString error;
        const QString url = m_postgres.createDatabase(QStringLiteral("race"), &error);
        QVERIFY2(!url.isEmpty(), qPrintable(error));
        const QString runbook = m_dir.filePath(QStringLiteral("slow.yaml"));

        // Both consoles start a run on instance a at the same moment.
        auto alice = std::make_unique<Console>(runArgs(url, QStringLiteral("alice"), runbook, QStringLiteral("2")));
        auto bob = std::make_unique<Console>(runArgs(url, QStringLiteral("bob"), runbook, QStringLiteral("2")));
        QDeadlineTimer deadline(60000);
        while (alice->running() && bob->running() && !deadline.hasExpired())
            QTest::qWait(50);
        Console *loser = alice->running() ? bob.get() : alice.get();
        Console *winner = loser == alice.get() ? bob.get() : alice.get();
        const QString winnerName = winner == alice.get() ? QStringLiteral("alice") : QStringLiteral("bob");
        QCOMPARE(loser->finish(), 2);
        QVERIFY2(winner->waitFor(QStringLiteral(" s1 started")), qPrintable(winner->output()));
        const qint64 winnerRun = createdRun(winner->output());
        QVERIFY(winnerRun > 0);
        QVERIFY2(loser->output().contains(QStringLiteral("a is in run %1 (operator %2)").arg(winnerRun).arg(winnerName)),
                 qPrintable(loser->output()));
        QVERIFY(winner->running());

        // The winner's console dies mid-step: no release, no result.
        winner->kill9();
        QElapsedTimer sinceKill;
        sinceKill.start();

        // Right away the lease still holds (it was refreshed less than the 3 s timeout ago).
        Console early(runArgs(url, QStringLiteral("carol"), runbook, QStringLiteral("0.1")));
        const int earlyExit = early.finish();
        if (sinceKill.elapsed() < 2000) {
            QCOMPARE(earlyExit, 2);
            QVERIFY2(early.output().contains(QStringLiteral("a is in run %1").arg(winnerRun)), qPrintable(early.output()));
        }

        // After the timeout the instance can be taken; the dead console's run shows as interrupted.
        QTest::qWait(int(std::max<qint64>(0, 3300 - sinceKill.elapsed())));
        Console late(runArgs(url, QStringLiteral("carol"), runbook, QStringLiteral("0.1")));
        QVERIFY2(late.finish() == 0, qPrintable(late.output()));
        QVERIFY2(late.output().contains(QStringLiteral("succeeded")), qPrintable(late.output()));

        Console status(QStringList{QStringLiteral("status"), QString::number(winnerRun), QStringLiteral("--database"), url});
        QCOMPARE(status.finish(), 0);
        QVERIFY2(status.output().contains(QStringLiteral("run %1: interrupted").arg(winnerRun)), qPrintable(status.output()));
        QVERIFY2(status.output().contains(QStringLiteral("interrupted (started, no result)")), qPrintable(status.output()));
        verifyAudit(url);
    }

    // Alice's console stalls mid-step longer than the lease timeout; Bob's run takes instance a over and
    // finishes. When Alice's console comes back, its step ends and its heartbeat fires, but the store
    // refuses whatever it tries: it names who took the lease, stops, and nothing of run 1 changes.
    void aStalledConsoleThatLostItsLeaseWritesNothingMore()
    {
        QString error;
        const QString url = m_postgres.createDatabase(QStringLiteral("stalled"), &error);
        QVERIFY2(!url.isEmpty(), qPrintable(error));
        const QString runbook = m_dir.filePath(QStringLiteral("slow.yaml"));

        Console alice(runArgs(url, QStringLiteral("alice"), runbook, QStringLiteral("2")));
        QVERIFY2(alice.waitFor(QStringLiteral(" s1 started")), qPrintable(alice.output()));
        const qint64 aliceRun = createdRun(alice.output());
        QVERIFY(aliceRun > 0);
        alice.signal(SIGSTOP);
        auto resume = qScopeGuard([&] { alice.signal(SIGCONT); });
        QTest::qWait(3500);   // past the 3 s lease timeout

        Console bob(runArgs(url, QStringLiteral("bob"), runbook, QStringLiteral("0.1")));
        QVERIFY2(bob.finish() == 0, qPrintable(bob.output()));
        const qint64 bobRun = createdRun(bob.output());

        lockstep::Database db;
        QVERIFY(db.open(url, QStringLiteral("stalled-reader")).ok());
        auto snapshot = [&] {
            QSqlQuery q(db.connection());
            QStringList rows;
            for (const QString &sql : {QStringLiteral("SELECT state, note, updated_at FROM runs WHERE id = %1"),
                                       QStringLiteral("SELECT id, step, outcome, finished_at FROM step_attempts WHERE run_id = %1 ORDER BY id"),
                                       QStringLiteral("SELECT item, operator FROM signoffs WHERE run_id = %1 ORDER BY id"),
                                       QStringLiteral("SELECT seq, action FROM audit_events WHERE run_id = '%1' ORDER BY seq"),
                                       QStringLiteral("SELECT instance, run_id, generation, released_at, heartbeat_at FROM leases")}) {
                q.exec(sql.contains(QLatin1String("%1")) ? sql.arg(aliceRun) : sql);
                while (q.next()) {
                    QStringList values;
                    for (int c = 0; c < q.record().count(); ++c)
                        values << q.value(c).toString();
                    rows << values.join(QLatin1Char('|'));
                }
            }
            return rows.join(QLatin1Char('\n'));
        };
        const QString before = snapshot();
        QVERIFY2(before.startsWith(QStringLiteral("interrupted|")), qPrintable(before));

        // Alice comes back: the sleep of s1 ended meanwhile, a heartbeat is overdue.
        resume.dismiss();
        alice.signal(SIGCONT);
        QCOMPARE(alice.finish(), 1);
        QVERIFY2(alice.output().contains(QStringLiteral("run %1 lost its lease on a to run %2 (operator bob)").arg(aliceRun).arg(bobRun)),
                 qPrintable(alice.output()));
        QVERIFY2(!alice.output().contains(QStringLiteral(" s2 started")), qPrintable(alice.output()));
        QCOMPARE(snapshot(), before);
        verifyAudit(url);
    }

    void fourEyesSignOffFromAnotherConsole()
    {
        QString error;
        const QString url = m_postgres.createDatabase(QStringLiteral("foureyes"), &error);
        QVERIFY2(!url.isEmpty(), qPrintable(error));

        Console watcher(QStringList{QStringLiteral("watch"), QStringLiteral("--database"), url, QStringLiteral("--for"),
                                    QStringLiteral("60")});
        QVERIFY2(watcher.waitFor(QStringLiteral("listening")), qPrintable(watcher.output()));

        QStringList args = runArgs(url, QStringLiteral("alice"), m_dir.filePath(QStringLiteral("four-eyes.yaml")), {});
        args << QStringLiteral("--signoff") << QStringLiteral("change-approved=alice:diff reviewed") << QStringLiteral("--wait-signoffs")
             << QStringLiteral("30");
        Console alice(args);
        QVERIFY2(alice.waitFor(QStringLiteral("waiting 30 s for sign-offs")), qPrintable(alice.output()));
        const qint64 run = createdRun(alice.output());
        QVERIFY(run > 0);

        // Alice's sign-off reached the other console as a notification.
        QVERIFY2(watcher.waitFor(QStringLiteral("signoff run %1").arg(run), 5000), qPrintable(watcher.output()));

        const QStringList signoff{QStringLiteral("signoff"), QString::number(run), QStringLiteral("--database"), url,
                                  QStringLiteral("--item"), QStringLiteral("change-approved"), QStringLiteral("--comment"),
                                  QStringLiteral("second look")};
        Console again(signoff + QStringList{QStringLiteral("--operator"), QStringLiteral("alice")});
        QCOMPARE(again.finish(), 2);   // four-eyes: the second signature must be someone else's
        Console bob(signoff + QStringList{QStringLiteral("--operator"), QStringLiteral("bob")});
        QVERIFY2(bob.finish() == 0, qPrintable(bob.output()));

        // Alice's console hears of it and goes on.
        QVERIFY2(alice.waitFor(QStringLiteral("sign-off from another console"), 5000), qPrintable(alice.output()));
        QVERIFY2(alice.finish() == 0, qPrintable(alice.output()));
        QVERIFY2(alice.output().contains(QStringLiteral("succeeded")), qPrintable(alice.output()));
        verifyAudit(url);
    }
};

QTEST_GUILESS_MAIN(TestTeamConsoles)
#include "tst_team_consoles.moc"
