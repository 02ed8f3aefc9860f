#include "app/audit/AuditLog.h"
#include "app/ssh/SshTransport.h"
#include "models/store/Database.h"
#include "tests/ssh/Recorder.h"
#include "tests/support/FreePort.h"
#include "tests/support/Sshd.h"
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
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

    CliResult cli(const QStringList &arguments, const QString &command = QStringLiteral("hosts")) const
    {
        QProcess process;
        // Trusts are audited in this store, never in the developer's own.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LOCKSTEP_DATABASE"), m_database);
        // Named operators for the audit checks: asserted for the test (OperatorIdentity).
        env.insert(QStringLiteral("LOCKSTEP_TEST_IDENTITIES"), QStringLiteral("1"));
        env.insert(QStringLiteral("LOCKSTEP_TEST_OPERATOR"), QStringLiteral("carol"));
        process.setProcessEnvironment(env);
        process.start(cliPath(), QStringList{command} + arguments);
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

    // The "hostkey.trusted" records in the test's store, oldest first.
    QList<AuditEvent> trustEvents() const
    {
        Database db;
        if (!db.open(m_database, QStringLiteral("tst_hoststrust_read")))
            return {};
        const auto events = AuditLog(db).query();
        QList<AuditEvent> trusted;
        if (events) {
            for (const AuditEvent &event : *events)
                if (event.action == QLatin1String("hostkey.trusted"))
                    trusted << event;
        }
        return trusted;
    }

    QByteArray changedLine()
    {
        const QString impostor = m_sshd.generateKey(QStringLiteral("impostor"));
        const QList<QByteArray> parts = contents(impostor + QStringLiteral(".pub")).split(' ');
        if (parts.size() < 2)
            return {};
        return QStringLiteral("[127.0.0.1]:%1 ").arg(m_sshd.port()).toUtf8() + parts.at(0) + ' ' + parts.at(1) + '\n';
    }

    Sshd m_sshd;
    QObject m_owner;
    QString m_database;

private slots:
    void initTestCase()
    {
        const QString missing = Sshd::missingPrograms();
        if (!missing.isEmpty())
            QFAIL(qPrintable(missing));
        qunsetenv("SSH_AUTH_SOCK");
        const QString error = m_sshd.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_database = m_sshd.path(QStringLiteral("store.db"));
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

        // The trust is in the audit log: who, which host, which key, which file.
        const QList<AuditEvent> events = trustEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().operatorName, QStringLiteral("carol"));
        QCOMPARE(events.first().instance, m_sshd.target());
        const QJsonObject evidence = QJsonDocument::fromJson(events.first().evidence.toUtf8()).object();
        QCOMPARE(evidence.value(QStringLiteral("fingerprint")).toString(), m_sshd.hostFingerprint());
        QCOMPARE(evidence.value(QStringLiteral("key_type")).toString(), QStringLiteral("ssh-ed25519"));
        QCOMPARE(evidence.value(QStringLiteral("known_hosts")).toString(), knownHosts);

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
        const QByteArray line = changedLine();
        QVERIFY(!line.isEmpty());
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

    // "Scan and trust" before a window: every SSH host of an inventory, each with its own known_hosts.
    void scanAndTrustAWholeInventory()
    {
        const int before = int(trustEvents().size());
        const QString trustedFile = m_sshd.writeFile(QStringLiteral("kh_inv_trusted"), m_sshd.knownHostsLine().toUtf8() + '\n');
        const QString unknownFile = m_sshd.writeFile(QStringLiteral("kh_inv_unknown"), {});
        const QByteArray changed = changedLine();
        const QString changedFile = m_sshd.writeFile(QStringLiteral("kh_inv_changed"), changed);
        const QString downFile = m_sshd.writeFile(QStringLiteral("kh_inv_down"), {});
        const auto instance = [](const QString &name, const QString &target, const QString &knownHosts) {
            return QStringLiteral("  - name: %1\n    product: app\n    url: http://127.0.0.1:1/%1\n    ssh: %2\n"
                                  "    ssh_known_hosts: %3\n    ssh_config: none\n")
                .arg(name, target, knownHosts);
        };
        const QString down = QStringLiteral("%1@127.0.0.1:%2").arg(m_sshd.user()).arg(freePort());
        const QString inventory = m_sshd.writeFile(
            QStringLiteral("inventory.yaml"),
            (QStringLiteral("products:\n  - id: app\ninstances:\n") + instance(QStringLiteral("web-trusted"), m_sshd.target(), trustedFile)
             + instance(QStringLiteral("web-unknown"), m_sshd.target(), unknownFile)
             + instance(QStringLiteral("web-changed"), m_sshd.target(), changedFile)
             + instance(QStringLiteral("web-down"), down, downFile) + QStringLiteral("  - name: no-ssh\n    product: app\n    url: http://127.0.0.1:1/x\n"))
                .toUtf8());

        const CliResult scan = cli({QStringLiteral("scan"), QStringLiteral("--inventory"), inventory});
        QCOMPARE(scan.exitCode, 1);
        const QStringList lines = scan.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines.at(0).startsWith(QStringLiteral("web-trusted ")) && lines.at(0).endsWith(QLatin1String(" trusted")), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(0).contains(m_sshd.hostFingerprint()), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).startsWith(QStringLiteral("web-unknown ")) && lines.at(1).endsWith(QLatin1String("NOT TRUSTED")), qPrintable(lines.at(1)));
        QVERIFY2(lines.at(2).startsWith(QStringLiteral("web-changed ")) && lines.at(2).contains(QLatin1String("CHANGED")), qPrintable(lines.at(2)));
        QVERIFY2(lines.at(3).startsWith(QStringLiteral("web-down ")) && lines.at(3).contains(QLatin1String("UNREACHABLE")), qPrintable(lines.at(3)));

        // Not confirmed: nothing is written and nothing audited.
        const CliResult unconfirmed = cli({QStringLiteral("trust"), QStringLiteral("--inventory"), inventory});
        QCOMPARE(unconfirmed.exitCode, 1);
        QVERIFY(contents(unknownFile).isEmpty());
        QCOMPARE(int(trustEvents().size()), before);

        const CliResult trusted = cli({QStringLiteral("trust"), QStringLiteral("--inventory"), inventory, QStringLiteral("--yes"),
                                       QStringLiteral("--operator"), QStringLiteral("dave")});
        QCOMPARE(trusted.exitCode, 1);      // the changed and the unreachable host remain
        QVERIFY2(trusted.out.contains(QStringLiteral("added [127.0.0.1]:%1 ssh-ed25519 %2 to %3")
                                          .arg(m_sshd.port()).arg(m_sshd.hostFingerprint(), unknownFile)),
                 qPrintable(trusted.out));
        QVERIFY2(trusted.err.contains(QLatin1String("not trusting the CHANGED key")), qPrintable(trusted.err));
        QVERIFY2(trusted.err.contains(QLatin1String("ssh-keygen -R")), qPrintable(trusted.err));
        QVERIFY(contents(unknownFile).startsWith(QStringLiteral("[127.0.0.1]:%1 ssh-ed25519 ").arg(m_sshd.port()).toUtf8()));
        QCOMPARE(contents(changedFile), changed);       // never replaced
        QVERIFY(contents(downFile).isEmpty());

        const QList<AuditEvent> events = trustEvents();
        QCOMPARE(int(events.size()), before + 1);
        QCOMPARE(events.last().operatorName, QStringLiteral("dave"));
        QCOMPARE(events.last().instance, QStringLiteral("web-unknown"));
        QVERIFY2(events.last().evidence.contains(m_sshd.hostFingerprint()), qPrintable(events.last().evidence));

        const CliResult rescan = cli({QStringLiteral("scan"), QStringLiteral("--inventory"), inventory});
        QVERIFY2(rescan.out.contains(QRegularExpression(QStringLiteral("web-unknown .* trusted\n"))), qPrintable(rescan.out));

        const CliResult verify = cli({QStringLiteral("verify"), QStringLiteral("--database"), m_database}, QStringLiteral("audit"));
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
        QVERIFY2(verify.out.contains(QLatin1String("intact")), qPrintable(verify.out));
    }
};

QTEST_GUILESS_MAIN(TestHostsTrust)
#include "tst_hoststrust.moc"
