#include "app/ssh/SshTransport.h"
#include "tests/ssh/Recorder.h"
#include "tests/support/Sshd.h"
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;
using Kind = CommandOutcome::Kind;

// The trust flow: an unknown host is refused, `lockstep-cli hosts trust` adds its key, then it works.
class TestHostsTrust : public QObject
{
    Q_OBJECT

private:
    struct CliResult
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    CliResult cli(const QStringList &arguments) const
    {
        QProcess process;
        process.start(cliPath(), QStringList{QStringLiteral("hosts")} + arguments);
        process.closeWriteChannel();
        CliResult result;
        if (!process.waitForFinished(30000))
            return result;
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    static QByteArray contents(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    CommandOutcome runEcho(const QString &knownHosts)
    {
        SshOptions options = m_sshd.clientOptions();
        options.knownHostsFile = knownHosts;
        SshTransport transport(options);
        CommandSpec spec;
        spec.target = m_sshd.target();
        spec.command = QStringLiteral("echo trusted");
        Recorder r(transport.start(spec, &m_owner));
        if (!r.waitFinished())
            return {};
        return *r.outcome;
    }

    Sshd m_sshd;
    QObject m_owner;

private slots:
    void initTestCase()
    {
        const QString missing = Sshd::missingPrograms();
        if (!missing.isEmpty())
            QFAIL(qPrintable(missing));
        qunsetenv("SSH_AUTH_SOCK");
        const QString error = m_sshd.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void trustingAnUnknownHostLetsCommandsRun()
    {
        const QString knownHosts = m_sshd.writeFile(QStringLiteral("kh_trust"), {});
        const CommandOutcome before = runEcho(knownHosts);
        QCOMPARE(before.kind, Kind::FailedToStart);
        QVERIFY2(before.error.contains(QLatin1String("not trusted")), qPrintable(before.error));

        // Without a terminal to confirm on and without --yes nothing is written.
        const CliResult unconfirmed = cli({QStringLiteral("trust"), m_sshd.target(), QStringLiteral("--no-config"),
                                           QStringLiteral("--known-hosts"), knownHosts});
        QCOMPARE(unconfirmed.exitCode, 1);
        QVERIFY2(unconfirmed.out.contains(m_sshd.hostFingerprint()), qPrintable(unconfirmed.out));
        QVERIFY2(unconfirmed.err.contains(QLatin1String("--yes")), qPrintable(unconfirmed.err));
        QVERIFY(contents(knownHosts).isEmpty());

        const CliResult trusted = cli({QStringLiteral("trust"), m_sshd.target(), QStringLiteral("--no-config"),
                                       QStringLiteral("--known-hosts"), knownHosts, QStringLiteral("--yes")});
        QVERIFY2(trusted.exitCode == 0, qPrintable(trusted.err));
        QVERIFY2(trusted.out.contains(QStringLiteral("[127.0.0.1]:%1 ssh-ed25519 %2").arg(m_sshd.port()).arg(m_sshd.hostFingerprint())),
                 qPrintable(trusted.out));
        QVERIFY2(contents(knownHosts).startsWith(QStringLiteral("[127.0.0.1]:%1 ssh-ed25519 ").arg(m_sshd.port()).toUtf8()),
                 contents(knownHosts).constData());

        const CommandOutcome after = runEcho(knownHosts);
        QVERIFY2(after.succeeded(), qPrintable(after.error));

        const CliResult scan = cli({QStringLiteral("scan"), m_sshd.target(), QStringLiteral("--no-config"),
                                    QStringLiteral("--known-hosts"), knownHosts});
        QCOMPARE(scan.exitCode, 0);
        QVERIFY2(scan.out.contains(QLatin1String("trusted")), qPrintable(scan.out));
    }

    void aFingerprintThatDoesNotMatchIsNotTrusted()
    {
        const QString knownHosts = m_sshd.writeFile(QStringLiteral("kh_pinned"), {});
        const CliResult wrong = cli({QStringLiteral("trust"), m_sshd.target(), QStringLiteral("--no-config"),
                                     QStringLiteral("--known-hosts"), knownHosts,
                                     QStringLiteral("--fingerprint"), QStringLiteral("SHA256:not-the-key")});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY(contents(knownHosts).isEmpty());

        const CliResult pinned = cli({QStringLiteral("trust"), m_sshd.target(), QStringLiteral("--no-config"),
                                      QStringLiteral("--known-hosts"), knownHosts,
                                      QStringLiteral("--fingerprint"), m_sshd.hostFingerprint()});
        QVERIFY2(pinned.exitCode == 0, qPrintable(pinned.err));
        QVERIFY(!contents(knownHosts).isEmpty());
    }

    void aChangedKeyIsNeverReplaced()
    {
        const QString impostor = m_sshd.generateKey(QStringLiteral("impostor"));
        const QList<QByteArray> parts = contents(impostor + QStringLiteral(".pub")).split(' ');
        QVERIFY(parts.size() >= 2);
        const QByteArray line = QStringLiteral("[127.0.0.1]:%1 ").arg(m_sshd.port()).toUtf8() + parts.at(0) + ' ' + parts.at(1) + '\n';
        const QString knownHosts = m_sshd.writeFile(QStringLiteral("kh_changed"), line);
        const CliResult refused = cli({QStringLiteral("trust"), m_sshd.target(), QStringLiteral("--no-config"),
                                       QStringLiteral("--known-hosts"), knownHosts, QStringLiteral("--yes")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QLatin1String("CHANGED")), qPrintable(refused.err));
        QVERIFY2(refused.err.contains(QLatin1String("ssh-keygen -R")), qPrintable(refused.err));
        QCOMPARE(contents(knownHosts), line);

        const CliResult scan = cli({QStringLiteral("scan"), m_sshd.target(), QStringLiteral("--no-config"),
                                    QStringLiteral("--known-hosts"), knownHosts});
        QCOMPARE(scan.exitCode, 1);
        QVERIFY2(scan.out.contains(QLatin1String("CHANGED")), qPrintable(scan.out));
    }
};

QTEST_GUILESS_MAIN(TestHostsTrust)
#include "tst_hoststrust.moc"
