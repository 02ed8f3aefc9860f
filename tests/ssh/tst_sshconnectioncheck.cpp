#include "app/ssh/SshConnectionCheck.h"
#include "app/ssh/SshTransport.h"
#include "tests/ssh/Recorder.h"
#include "tests/support/FreePort.h"
#include "tests/support/Sshd.h"

#include <QFile>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;
using Outcome = SshConnectionReport::Outcome;

// The connection test behind the GUI's "Test SSH connection", and per-instance SSH settings, against a
// real sshd: what it reports for each way a connection can go.
class TestSshConnectionCheck : public QObject
{
    Q_OBJECT

private:
    QString changedKnownHosts()
    {
        const QString impostor = m_sshd.generateKey(QStringLiteral("impostor"));
        QFile pub(impostor + QStringLiteral(".pub"));
        if (!pub.open(QIODevice::ReadOnly))
            return {};
        const QList<QByteArray> parts = pub.readAll().split(' ');
        return m_sshd.writeFile(QStringLiteral("kh_changed"),
                                QStringLiteral("[127.0.0.1]:%1 ").arg(m_sshd.port()).toUtf8() + parts.at(0) + ' ' + parts.at(1) + '\n');
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
        qunsetenv("LOCKSTEP_SSH_PASSPHRASE");
        const QString error = m_sshd.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void reportsTheKeyAndTheKeyFileUsed()
    {
        const SshConnectionReport report = SshConnectionCheck::run(m_sshd.target(), m_sshd.clientOptions());
        QVERIFY2(report.connected(), qPrintable(report.error ? report.error->toString() : QString()));
        QVERIFY(report.hostKey);
        QCOMPARE(report.hostKey->keyType, QStringLiteral("ssh-ed25519"));
        QCOMPARE(report.hostKey->fingerprint, m_sshd.hostFingerprint());
        QCOMPARE(report.hostKey->knownHostsFile, m_sshd.knownHostsFile());
        QCOMPARE(report.authMethod, QStringLiteral("key file %1").arg(m_sshd.clientKey()));
        QCOMPARE(report.endpoint, m_sshd.target());
    }

    void reportsTheAgent()
    {
        const QString agentError = m_sshd.startAgent();
        QVERIFY2(agentError.isEmpty(), qPrintable(agentError));
        const QString agentKey = m_sshd.generateKey(QStringLiteral("id_check_agent"));
        QVERIFY(m_sshd.authorize(agentKey));
        QVERIFY(m_sshd.addToAgent(agentKey).isEmpty());
        SshOptions options = m_sshd.clientOptions();
        options.identityFiles.clear();
        options.agentSocket = m_sshd.agentSocket();
        const SshConnectionReport report = SshConnectionCheck::run(m_sshd.target(), options);
        QVERIFY2(report.connected(), qPrintable(report.error ? report.error->toString() : QString()));
        QVERIFY2(report.authMethod.startsWith(QLatin1String("ssh-agent")), qPrintable(report.authMethod));
        QVERIFY2(report.authMethod.contains(QLatin1String("id_check_agent")), qPrintable(report.authMethod));
    }

    void anUnknownKeyIsReportedWithItsFingerprint()
    {
        SshOptions options = m_sshd.clientOptions();
        options.knownHostsFile = m_sshd.writeFile(QStringLiteral("kh_empty"), {});
        const SshConnectionReport report = SshConnectionCheck::run(m_sshd.target(), options);
        QCOMPARE(report.outcome, Outcome::HostKeyUnknown);
        QVERIFY(report.hostKey);
        QCOMPARE(report.hostKey->fingerprint, m_sshd.hostFingerprint());
        QVERIFY(report.authMethod.isEmpty());
        QVERIFY2(report.error->toString().contains(QLatin1String("hosts trust")), qPrintable(report.error->toString()));
    }

    void aChangedKeyIsReportedWithTheRemedy()
    {
        SshOptions options = m_sshd.clientOptions();
        options.knownHostsFile = changedKnownHosts();
        const SshConnectionReport report = SshConnectionCheck::run(m_sshd.target(), options);
        QCOMPARE(report.outcome, Outcome::HostKeyChanged);
        QVERIFY2(report.error->toString().contains(QLatin1String("ssh-keygen -R")), qPrintable(report.error->toString()));
    }

    void aWrongKeyIsAnAuthenticationFailure()
    {
        SshOptions options = m_sshd.clientOptions();
        options.identityFiles = {m_sshd.generateKey(QStringLiteral("id_unauthorized"))};
        const SshConnectionReport report = SshConnectionCheck::run(m_sshd.target(), options);
        QCOMPARE(report.outcome, Outcome::AuthenticationFailed);
        QVERIFY(report.hostKey);     // the key was checked before authenticating
        QVERIFY2(report.error->toString().contains(QLatin1String("authorized_keys")), qPrintable(report.error->toString()));
    }

    void aClosedPortIsUnreachable()
    {
        const QString target = QStringLiteral("%1@127.0.0.1:%2").arg(m_sshd.user()).arg(freePort());
        const SshConnectionReport report = SshConnectionCheck::run(target, m_sshd.clientOptions());
        QCOMPARE(report.outcome, Outcome::Unreachable);
        QVERIFY(!report.hostKey);
        QVERIFY2(report.error->toString().contains(QLatin1String("cannot connect")), qPrintable(report.error->toString()));
    }

    // An instance's identity file is tried before the console's (both are authorized here).
    void theInstancesKeyIsTriedFirst()
    {
        const QString instanceKey = m_sshd.generateKey(QStringLiteral("id_instance"));
        QVERIFY(m_sshd.authorize(instanceKey));
        SshSettings settings;
        settings.identityFile = instanceKey;
        const SshConnectionReport report = SshConnectionCheck::run(m_sshd.target(), m_sshd.clientOptions().with(settings));
        QVERIFY2(report.connected(), qPrintable(report.error ? report.error->toString() : QString()));
        QCOMPARE(report.authMethod, QStringLiteral("key file %1").arg(instanceKey));
    }

    // An instance's own identity file and known_hosts reach the transport through CommandSpec::ssh:
    // the console's options alone trust nothing and offer no key.
    void runsWithTheInstancesOwnSettings()
    {
        SshOptions console = m_sshd.clientOptions();
        console.identityFiles.clear();
        console.knownHostsFile = m_sshd.writeFile(QStringLiteral("kh_console"), {});
        SshTransport transport(console);

        CommandSpec without;
        without.target = m_sshd.target();
        without.command = QStringLiteral("echo console");
        Recorder refused(transport.start(without, &m_owner));
        QVERIFY(refused.waitFinished());
        QCOMPARE(refused.outcome->kind, CommandOutcome::Kind::FailedToStart);

        CommandSpec with = without;
        with.command = QStringLiteral("echo instance");
        with.ssh.identityFile = m_sshd.clientKey();
        with.ssh.knownHostsFile = m_sshd.knownHostsFile();
        with.ssh.readConfig = false;
        Recorder ran(transport.start(with, &m_owner));
        QVERIFY(ran.waitFinished());
        QVERIFY2(ran.outcome->succeeded(), qPrintable(ran.outcome->error));
        QCOMPARE(ran.stdoutLines, QStringList{QStringLiteral("instance")});
    }
};

QTEST_GUILESS_MAIN(TestSshConnectionCheck)
#include "tst_sshconnectioncheck.moc"
