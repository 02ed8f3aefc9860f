#include "app/ssh/SshTransport.h"
#include "tests/ssh/Recorder.h"
#include "tests/support/FreePort.h"
#include "tests/support/Sshd.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;
using Kind = CommandOutcome::Kind;

class TestSshTransport : public QObject
{
    Q_OBJECT

private:
    CommandSpec spec(const QString &command, const QString &target = {}) const
    {
        CommandSpec s;
        s.target = target.isEmpty() ? m_sshd.target() : target;
        s.command = command;
        return s;
    }

    Sshd m_sshd;
    QObject m_owner;

private slots:
    void initTestCase()
    {
        const QString missing = Sshd::missingPrograms();
        if (!missing.isEmpty())
            QFAIL(qPrintable(missing));
        // The developer's own agent must not make authentication tests pass or fail.
        qunsetenv("SSH_AUTH_SOCK");
        qunsetenv("LOCKSTEP_SSH_PASSPHRASE");
        const QString error = m_sshd.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void streamsLinesBeforeTheCommandEnds()
    {
        SshTransport transport(m_sshd.clientOptions());
        const QString flag = m_sshd.path(QStringLiteral("streaming.flag"));
        // The command waits (bounded) for a file the test creates only after the first line arrived.
        Recorder r(transport.start(
            spec(QStringLiteral("echo first; i=0; while [ ! -e %1 ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; echo second")
                     .arg(flag)),
            &m_owner));
        QTRY_VERIFY_WITH_TIMEOUT(!r.stdoutLines.isEmpty() || r.outcome, 20000);
        QCOMPARE(r.stdoutLines, QStringList{QStringLiteral("first")});
        QVERIFY(!r.outcome.has_value());
        QVERIFY(!m_sshd.writeFile(QStringLiteral("streaming.flag"), "1").isEmpty());
        QVERIFY(r.waitFinished());
        QCOMPARE(r.stdoutLines, (QStringList{QStringLiteral("first"), QStringLiteral("second")}));
        QVERIFY2(r.outcome->succeeded(), qPrintable(r.outcome->error));
        QCOMPARE(r.finishedCount, 1);
    }

    void reportsExitCodes()
    {
        SshTransport transport(m_sshd.clientOptions());
        Recorder ok(transport.start(spec(QStringLiteral("true")), &m_owner));
        Recorder three(transport.start(spec(QStringLiteral("exit 3")), &m_owner));
        QVERIFY(ok.waitFinished());
        QVERIFY(three.waitFinished());
        QVERIFY2(ok.outcome->succeeded(), qPrintable(ok.outcome->error));
        QCOMPARE(ok.outcome->exitCode, 0);
        QCOMPARE(three.outcome->kind, Kind::Exited);
        QCOMPARE(three.outcome->exitCode, 3);
        QVERIFY(!three.outcome->succeeded());
    }

    void reportsARemoteSignal()
    {
        SshTransport transport(m_sshd.clientOptions());
        Recorder r(transport.start(spec(QStringLiteral("kill -TERM $$")), &m_owner));
        QVERIFY(r.waitFinished());
        QCOMPARE(r.outcome->kind, Kind::Signalled);
        QVERIFY2(r.outcome->error.contains(QLatin1String("SIGTERM")), qPrintable(r.outcome->error));
    }

    void separatesStdoutAndStderr()
    {
        SshTransport transport(m_sshd.clientOptions());
        Recorder r(transport.start(spec(QStringLiteral("echo out1; echo err1 >&2; echo out2")), &m_owner));
        QVERIFY(r.waitFinished());
        QCOMPARE(r.stdoutLines, (QStringList{QStringLiteral("out1"), QStringLiteral("out2")}));
        QCOMPARE(r.stderrLines, QStringList{QStringLiteral("err1")});
    }

    void redactsSecretsAndPassesEnvironment()
    {
        SshTransport transport(m_sshd.clientOptions());
        CommandSpec s = spec(QStringLiteral("echo \"token=$API_TOKEN\"; echo \"s3cr3t on stderr\" >&2"));
        s.env.insert(QStringLiteral("API_TOKEN"), QStringLiteral("s3cr3t"));
        s.redactor = Redactor({QStringLiteral("s3cr3t")});
        Recorder r(transport.start(s, &m_owner));
        QVERIFY(r.waitFinished());
        QCOMPARE(r.stdoutLines, QStringList{QStringLiteral("token=***")});
        QCOMPARE(r.stderrLines, QStringList{QStringLiteral("*** on stderr")});
    }

    void timesOut()
    {
        SshTransport transport(m_sshd.clientOptions());
        CommandSpec s = spec(QStringLiteral("sleep 30"));
        s.timeout = std::chrono::milliseconds(500);
        Recorder r(transport.start(s, &m_owner));
        QVERIFY(r.waitFinished(10000));
        QCOMPARE(r.outcome->kind, Kind::TimedOut);
        QVERIFY2(r.outcome->error.contains(QLatin1String("timed out")), qPrintable(r.outcome->error));
    }

    void cancelEndsTheCommandWithinTwoSeconds()
    {
        SshTransport transport(m_sshd.clientOptions());
        Recorder r(transport.start(spec(QStringLiteral("echo ready; sleep 30; echo never")), &m_owner));
        QTRY_VERIFY_WITH_TIMEOUT(!r.stdoutLines.isEmpty(), 20000);
        r.execution()->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(r.outcome.has_value(), 2000);
        QCOMPARE(r.outcome->kind, Kind::Cancelled);
        QCOMPARE(r.stdoutLines, QStringList{QStringLiteral("ready")});
        // The connection is still usable afterwards.
        Recorder next(transport.start(spec(QStringLiteral("echo again")), &m_owner));
        QVERIFY(next.waitFinished());
        QVERIFY2(next.outcome->succeeded(), qPrintable(next.outcome->error));
        QCOMPARE(transport.connectionsOpened(), 1);
    }

    // Every line streams while the command runs, past the head budget too; memory keeps head and tail
    // only and counts the rest.
    void streamsPastTheHeadBudgetAndBoundsTheRecord()
    {
        SshOptions options = m_sshd.clientOptions();
        options.outputHeadBytes = 16 * 1024;
        options.outputTailBytes = 8 * 1024;
        SshTransport transport(options);
        const QString flag = m_sshd.path(QStringLiteral("budget.flag"));
        // 20,000 numbered lines (108,894 bytes, far beyond head + tail), then it waits (bounded) for a file
        // the test creates only once the last line has arrived: the output pane must not freeze meanwhile.
        Recorder r(transport.start(
            spec(QStringLiteral("seq 1 20000; i=0; while [ ! -e %1 ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; echo done")
                     .arg(flag)),
            &m_owner));
        QTRY_VERIFY_WITH_TIMEOUT(r.stdoutLines.size() >= 20000 || r.outcome, 30000);
        QVERIFY2(!r.outcome.has_value(), "the command ended before the test let it");
        QCOMPARE(r.stdoutLines.size(), 20000);
        QCOMPARE(r.stdoutLines.first(), QStringLiteral("1"));
        QCOMPARE(r.stdoutLines.last(), QStringLiteral("20000"));
        QVERIFY(!m_sshd.writeFile(QStringLiteral("budget.flag"), "1").isEmpty());
        QVERIFY(r.waitFinished());
        QVERIFY2(r.outcome->succeeded(), qPrintable(r.outcome->error));
        QCOMPARE(r.stdoutLines.last(), QStringLiteral("done"));
        QVERIFY(r.stderrLines.isEmpty());
        // What memory kept: at most head + tail of the 108,899 bytes; the rest is counted as dropped.
        QVERIFY(r.outcome->droppedOutputBytes >= 108899 - options.outputHeadBytes - options.outputTailBytes);
        QVERIFY(r.outcome->droppedOutputBytes < 108899);
    }

    // `set -x` and scripts that print their commands show a secret as the templater quoted it.
    void masksAShellQuotedSecret()
    {
        SshTransport transport(m_sshd.clientOptions());
        CommandSpec s = spec(QStringLiteral("printf '%s\\n' \"login 'p@ss'\\''w0rd' done\"; echo 'p@ss'\\''w0rd' | base64"));
        s.redactor = Redactor({QStringLiteral("p@ss'w0rd")});
        Recorder r(transport.start(s, &m_owner));
        QVERIFY(r.waitFinished());
        QVERIFY2(r.outcome->succeeded(), qPrintable(r.outcome->error));
        QCOMPARE(r.stdoutLines, (QStringList{QStringLiteral("login '***' done"), QStringLiteral("***Cg==")}));
    }

    void refusesAnUnknownHostKey()
    {
        SshOptions options = m_sshd.clientOptions();
        options.knownHostsFile = m_sshd.writeFile(QStringLiteral("known_hosts_empty"), {});
        SshTransport transport(options);
        QSignalSpy problems(&transport, &SshTransport::hostKeyProblem);
        Recorder r(transport.start(spec(QStringLiteral("echo should-not-run")), &m_owner));
        QVERIFY(r.waitFinished());
        QCOMPARE(r.outcome->kind, Kind::FailedToStart);
        QVERIFY(!r.outcome->hostKeyChanged);
        QVERIFY(r.stdoutLines.isEmpty());
        const QString error = r.outcome->error;
        QVERIFY2(error.contains(QStringLiteral("127.0.0.1:%1 is not trusted").arg(m_sshd.port())), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("ssh-ed25519")), qPrintable(error));
        QVERIFY2(error.contains(m_sshd.hostFingerprint()), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("lockstep-cli hosts trust")), qPrintable(error));
        QTRY_COMPARE(problems.size(), 1);
        const auto key = problems.first().first().value<HostKeyInfo>();
        QCOMPARE(key.state, HostKeyInfo::State::Unknown);
        QCOMPARE(key.fingerprint, m_sshd.hostFingerprint());
        QCOMPARE(transport.connectionsOpened(), 0);
    }

    void refusesAChangedHostKeyAndReportsIt()
    {
        const QString other = m_sshd.generateKey(QStringLiteral("impostor_host"));
        QVERIFY(!other.isEmpty());
        QFile pub(other + QStringLiteral(".pub"));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        const QList<QByteArray> parts = pub.readAll().split(' ');
        SshOptions options = m_sshd.clientOptions();
        options.knownHostsFile = m_sshd.writeFile(
            QStringLiteral("known_hosts_changed"),
            QStringLiteral("[127.0.0.1]:%1 %2 %3\n").arg(m_sshd.port()).arg(QString::fromLatin1(parts.at(0)), QString::fromLatin1(parts.at(1))).toUtf8());
        SshTransport transport(options);
        QSignalSpy problems(&transport, &SshTransport::hostKeyProblem);
        Recorder r(transport.start(spec(QStringLiteral("echo should-not-run")), &m_owner));
        QVERIFY(r.waitFinished());
        QCOMPARE(r.outcome->kind, Kind::FailedToStart);
        QVERIFY(r.outcome->hostKeyChanged);
        QVERIFY2(r.outcome->error.contains(QLatin1String("CHANGED")), qPrintable(r.outcome->error));
        QVERIFY2(r.outcome->error.contains(m_sshd.hostFingerprint()), qPrintable(r.outcome->error));
        QTRY_COMPARE(problems.size(), 1);
        const auto key = problems.first().first().value<HostKeyInfo>();
        QCOMPARE(key.state, HostKeyInfo::State::Changed);
        QCOMPARE(key.port, m_sshd.port());
        QCOMPARE(key.keyType, QStringLiteral("ssh-ed25519"));
    }

    void explainsAnAuthenticationFailure()
    {
        const QString wrong = m_sshd.generateKey(QStringLiteral("id_wrong"));
        QVERIFY(!wrong.isEmpty());
        SshOptions options = m_sshd.clientOptions();
        options.identityFiles = {wrong};
        SshTransport transport(options);
        Recorder r(transport.start(spec(QStringLiteral("true")), &m_owner));
        QVERIFY(r.waitFinished());
        QCOMPARE(r.outcome->kind, Kind::FailedToStart);
        QVERIFY2(r.outcome->error.contains(QStringLiteral("authentication as %1 failed").arg(m_sshd.target())),
                 qPrintable(r.outcome->error));
        QVERIFY2(r.outcome->error.contains(wrong), qPrintable(r.outcome->error));
        QVERIFY2(r.outcome->error.contains(QLatin1String("authorized_keys")), qPrintable(r.outcome->error));
    }

    void authenticatesWithTheAgent()
    {
        const QString agentError = m_sshd.startAgent();
        QVERIFY2(agentError.isEmpty(), qPrintable(agentError));
        const QString agentKey = m_sshd.generateKey(QStringLiteral("id_agent"));
        QVERIFY(m_sshd.authorize(agentKey));
        const QString addError = m_sshd.addToAgent(agentKey);
        QVERIFY2(addError.isEmpty(), qPrintable(addError));
        QVERIFY(QFile::remove(agentKey));    // only the agent holds it now

        SshOptions options = m_sshd.clientOptions();
        options.identityFiles.clear();
        options.agentSocket = m_sshd.agentSocket();
        SshTransport transport(options);
        Recorder r(transport.start(spec(QStringLiteral("echo via-agent")), &m_owner));
        QVERIFY(r.waitFinished());
        QVERIFY2(r.outcome->succeeded(), qPrintable(r.outcome->error));
        QCOMPARE(r.stdoutLines, QStringList{QStringLiteral("via-agent")});

        // The same options without the agent are refused: the agent is what authenticated.
        options.agentSocket = m_sshd.path(QStringLiteral("no-agent.sock"));
        SshTransport without(options);
        Recorder refused(without.start(spec(QStringLiteral("true")), &m_owner));
        QVERIFY(refused.waitFinished());
        QCOMPARE(refused.outcome->kind, Kind::FailedToStart);
    }

    void unlocksAnEncryptedKeyWithTheProvider()
    {
        const QString key = m_sshd.generateKey(QStringLiteral("id_locked"), QStringLiteral("open sesame"));
        QVERIFY(m_sshd.authorize(key));
        SshOptions options = m_sshd.clientOptions();
        options.identityFiles = {key};
        QStringList asked;
        options.passphraseProvider = [&asked](const QString &identity) -> std::optional<QByteArray> {
            asked.append(identity);
            return QByteArray("open sesame");
        };
        SshTransport transport(options);
        Recorder r(transport.start(spec(QStringLiteral("echo unlocked")), &m_owner));
        QVERIFY(r.waitFinished());
        QVERIFY2(r.outcome->succeeded(), qPrintable(r.outcome->error));
        QCOMPARE(asked, QStringList{key});

        options.passphraseProvider = [](const QString &) -> std::optional<QByteArray> { return std::nullopt; };
        SshTransport declined(options);
        Recorder refused(declined.start(spec(QStringLiteral("true")), &m_owner));
        QVERIFY(refused.waitFinished());
        QCOMPARE(refused.outcome->kind, Kind::FailedToStart);
    }

    void reportsConnectionRefused()
    {
        SshTransport transport(m_sshd.clientOptions());
        const quint16 closedPort = freePort();
        Recorder r(transport.start(spec(QStringLiteral("true"), QStringLiteral("%1@127.0.0.1:%2").arg(m_sshd.user()).arg(closedPort)), &m_owner));
        QVERIFY(r.waitFinished());
        QCOMPARE(r.outcome->kind, Kind::FailedToStart);
        QVERIFY2(r.outcome->error.contains(QStringLiteral("cannot connect to %1@127.0.0.1:%2").arg(m_sshd.user()).arg(closedPort)),
                 qPrintable(r.outcome->error));
        QVERIFY2(r.outcome->error.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(r.outcome->error));
    }

    void failsCleanlyWhenSshdDies()
    {
        Sshd doomed;
        const QString error = doomed.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        SshTransport transport(doomed.clientOptions());
        CommandSpec s = spec(QStringLiteral("echo started; sleep 30"), doomed.target());
        Recorder r(transport.start(s, &m_owner));
        QTRY_VERIFY_WITH_TIMEOUT(!r.stdoutLines.isEmpty() || r.outcome, 20000);
        QCOMPARE(r.stdoutLines, QStringList{QStringLiteral("started")});
        doomed.killAll();
        QVERIFY(r.waitFinished(15000));
        QCOMPARE(r.outcome->kind, Kind::ConnectionLost);
        QVERIFY2(r.outcome->error.contains(QLatin1String("connection to")), qPrintable(r.outcome->error));
        QCOMPARE(r.finishedCount, 1);
    }

    void followsAnSshConfigAlias()
    {
        const QString config = m_sshd.writeFile(
            QStringLiteral("ssh_config"),
            QStringLiteral("Host web-1\n  HostName 127.0.0.1\n  Port %1\n  User %2\n  IdentityFile %3\n")
                .arg(m_sshd.port()).arg(m_sshd.user(), m_sshd.clientKey()).toUtf8());
        SshOptions options = m_sshd.clientOptions();
        options.identityFiles.clear();
        options.readConfig = true;
        options.configFile = config;
        SshTransport transport(options);
        Recorder r(transport.start(spec(QStringLiteral("echo via-alias"), QStringLiteral("web-1")), &m_owner));
        QVERIFY(r.waitFinished());
        QVERIFY2(r.outcome->succeeded(), qPrintable(r.outcome->error));
        QCOMPARE(r.stdoutLines, QStringList{QStringLiteral("via-alias")});

        // With config reading off the alias means nothing.
        options.readConfig = false;
        options.connectTimeout = std::chrono::milliseconds(3000);
        SshTransport plain(options);
        Recorder refused(plain.start(spec(QStringLiteral("true"), QStringLiteral("web-1")), &m_owner));
        QVERIFY(refused.waitFinished());
        QCOMPARE(refused.outcome->kind, Kind::FailedToStart);
    }

    void reusesOneConnectionPerHost()
    {
        SshTransport transport(m_sshd.clientOptions());
        Recorder first(transport.start(spec(QStringLiteral("echo one")), &m_owner));
        QVERIFY(first.waitFinished());
        Recorder second(transport.start(spec(QStringLiteral("echo two")), &m_owner));
        Recorder third(transport.start(spec(QStringLiteral("echo three")), &m_owner));
        QVERIFY(second.waitFinished());
        QVERIFY(third.waitFinished());
        QVERIFY(first.outcome->succeeded() && second.outcome->succeeded() && third.outcome->succeeded());
        QCOMPARE(third.stdoutLines, QStringList{QStringLiteral("three")});
        QCOMPARE(transport.connectionsOpened(), 1);
    }

    void rejectsAnInvalidTarget()
    {
        SshTransport transport(m_sshd.clientOptions());
        Recorder r(transport.start(spec(QStringLiteral("true"), QStringLiteral("root@host:notaport")), &m_owner));
        QVERIFY(!r.outcome.has_value());    // reported asynchronously, after the caller connected
        QVERIFY(r.waitFinished());
        QCOMPARE(r.outcome->kind, Kind::FailedToStart);
        QVERIFY2(r.outcome->error.contains(QLatin1String("invalid SSH target")), qPrintable(r.outcome->error));
    }
};

QTEST_GUILESS_MAIN(TestSshTransport)
#include "tst_sshtransport.moc"
