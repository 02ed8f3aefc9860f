// SSH fan-out to 100 host aliases of one real sshd with its default MaxStartups (10:30:100): sshd
// drops some handshakes at random even under the transport's bound of 8 in flight, and a dropped
// handshake is retried, so every host runs its command.
#include "app/ssh/SshTransport.h"
#include "tests/ssh/Recorder.h"
#include "tests/support/Sshd.h"

#include <QTest>

#include <memory>
#include <vector>

using namespace lockstep;
using namespace lockstep::test;

class TestSshFanout : public QObject
{
    Q_OBJECT

private:
    static constexpr int kHosts = 100;
    Sshd m_sshd;
    QString m_config;

private slots:
    void initTestCase()
    {
        const QString missing = Sshd::missingPrograms();
        if (!missing.isEmpty())
            QFAIL(qPrintable(missing));
        // No MaxStartups line: sshd's default applies.
        const QString failure = m_sshd.start();
        if (!failure.isEmpty())
            QFAIL(qPrintable(failure));
        QByteArray config;
        for (int i = 1; i <= kHosts; ++i)
            config += QStringLiteral("Host host-%1\n  HostName 127.0.0.1\n  Port %2\n  User %3\n")
                          .arg(QString::number(i), QString::number(m_sshd.port()), m_sshd.user())
                          .toUtf8();
        m_config = m_sshd.writeFile(QStringLiteral("ssh_config"), config);
    }

    void everyHostBehindOneSshdSucceeds_data()
    {
        QTest::addColumn<int>("round");
        QTest::newRow("first 100") << 1;
        QTest::newRow("second 100") << 2;
    }

    void everyHostBehindOneSshdSucceeds()
    {
        SshOptions options = m_sshd.clientOptions();
        options.readConfig = true;
        options.configFile = m_config;
        SshTransport transport(options);
        QObject owner;
        std::vector<std::unique_ptr<Recorder>> runs;
        for (int i = 1; i <= kHosts; ++i) {
            CommandSpec spec;
            spec.target = QStringLiteral("host-%1").arg(i);
            spec.command = QStringLiteral("true");
            runs.push_back(std::make_unique<Recorder>(transport.start(spec, &owner)));
        }
        QStringList failures;
        for (const auto &run : runs) {
            QVERIFY(run->waitFinished(240000));
            if (!run->outcome->succeeded())
                failures << run->outcome->error;
        }
        qInfo("%d handshakes retried after sshd closed them", transport.handshakesRetried());
        QVERIFY2(failures.isEmpty(), qPrintable(QStringLiteral("%1 of %2 failed, e.g. %3")
                                                    .arg(QString::number(failures.size()), QString::number(kHosts),
                                                         failures.value(0))));
        QCOMPARE(transport.connectionsOpened(), kHosts);
    }
};

QTEST_GUILESS_MAIN(TestSshFanout)
#include "tst_sshfanout.moc"
