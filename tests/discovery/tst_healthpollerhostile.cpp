// HealthPoller against a hostile loopback server: a host that trickles a byte a second, one that
// sends 200 headers and stalls, one that cuts its body short, one whose /version hides a
// right-to-left override. What the operator must see: the others polled on time, and no stalled
// host shown healthy, no bidi trick in the table.
#include "app/discovery/HealthPoller.h"
#include "tests/support/HostileHttpServer.h"

#include <QSignalSpy>
#include <QTest>

using namespace lockstep;
using namespace std::chrono_literals;
using lockstep::test::HostileHttpServer;

class TestHealthPollerHostile : public QObject
{
    Q_OBJECT

private:
    HostileHttpServer m_server;

    HealthPoller::Target target(const QString &name, const QString &behaviour) const
    {
        return {name, m_server.base(behaviour)};
    }

    static QHash<QString, InstanceStatus> cycle(HealthPoller &poller)
    {
        QHash<QString, InstanceStatus> seen;
        QObject context;
        connect(&poller, &HealthPoller::instanceUpdated, &context,
                [&seen](const InstanceStatus &s) { seen.insert(s.name, s); });
        QSignalSpy finished(&poller, &HealthPoller::pollCycleFinished);
        if (!poller.pollOnce() || !finished.wait(30000))
            qWarning("poll cycle did not finish");
        return seen;
    }

private slots:
    void stalledOrTruncated200IsNotHealthy()
    {
        HealthPoller poller;
        poller.setRequestTimeout(1500ms);
        poller.setTargets({target(QStringLiteral("fine"), QStringLiteral("ok")),
                           target(QStringLiteral("stalled"), QStringLiteral("stall")),
                           target(QStringLiteral("cut"), QStringLiteral("truncated"))});
        const auto seen = cycle(poller);
        QCOMPARE(seen.value(QStringLiteral("fine")).health, Health::Healthy);
        QCOMPARE(seen.value(QStringLiteral("fine")).version, QStringLiteral("1.2.3"));

        const InstanceStatus stalled = seen.value(QStringLiteral("stalled"));
        QCOMPARE(stalled.health, Health::Unhealthy);
        QVERIFY2(stalled.error.startsWith(QLatin1String("HTTP 200 but the body did not arrive in full: timeout after")),
                 qPrintable(stalled.error));

        const InstanceStatus cut = seen.value(QStringLiteral("cut"));
        QCOMPARE(cut.health, Health::Unhealthy);
        QVERIFY2(cut.error.startsWith(QLatin1String("HTTP 200 but the body did not arrive in full")), qPrintable(cut.error));
        QVERIFY(cut.version.isEmpty());
    }

    void trickleIsCutAtTheDeadline()
    {
        // One byte a second never trips a transfer (inactivity) timeout; the deadline ends it.
        HealthPoller poller;
        poller.setRequestTimeout(2s);
        poller.setTargets({target(QStringLiteral("slow"), QStringLiteral("trickle"))});
        const InstanceStatus slow = cycle(poller).value(QStringLiteral("slow"));
        QCOMPARE(slow.health, Health::Unhealthy);
        QVERIFY2(slow.error.contains(QLatin1String("timeout after 2 s")), qPrintable(slow.error));
    }

    void trickleDoesNotDelayTheOthers()
    {
        // A deadline far longer than the interval: the trickling host is still being asked while the
        // others are polled again and again, each cycle on time.
        HealthPoller poller;
        poller.setInterval(500ms);
        poller.setRequestTimeout(60s);
        poller.setTargets({target(QStringLiteral("slow"), QStringLiteral("trickle")),
                           target(QStringLiteral("a"), QStringLiteral("ok")),
                           target(QStringLiteral("b"), QStringLiteral("ok"))});
        QHash<QString, int> updates;
        QObject context;
        connect(&poller, &HealthPoller::instanceUpdated, &context,
                [&updates](const InstanceStatus &s) { ++updates[s.name]; });
        QSignalSpy cycles(&poller, &HealthPoller::pollCycleFinished);
        poller.start();
        QTRY_VERIFY_WITH_TIMEOUT(updates.value(QStringLiteral("a")) >= 4 && updates.value(QStringLiteral("b")) >= 4,
                                 30000);
        QCOMPARE(updates.value(QStringLiteral("slow")), 0);   // still trickling, and not asked twice
        QVERIFY(cycles.size() >= 3);
        const auto later = cycles.last().first().value<PollCycleStats>();
        QCOMPARE(later.stillBusy, 1);
        QCOMPARE(later.polled, 2);
        poller.stop();
    }

    void bidiAndControlCharactersAreNeutralised()
    {
        HealthPoller poller;
        poller.setTargets({target(QStringLiteral("tricky"), QStringLiteral("bidi"))});
        const InstanceStatus s = cycle(poller).value(QStringLiteral("tricky"));
        QVERIFY(s.version.isEmpty());   // not a semantic version: refused
        for (const QChar c : s.error)
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7F && c.unicode() != 0x202E && c.unicode() != 0x2066,
                     qPrintable(QStringLiteral("U+%1 in %2").arg(QString::number(c.unicode(), 16), s.error)));
        // Shown as visible escapes, so the operator sees that the host tried something.
        QVERIFY2(s.error.contains(QLatin1String("\\u202E")), qPrintable(s.error));
        QVERIFY2(s.error.contains(QLatin1String("\\u001B")), qPrintable(s.error));
    }
};

QTEST_GUILESS_MAIN(TestHealthPollerHostile)
#include "tst_healthpollerhostile.moc"
