#include "tests/e2e/E2eChecks.h"
#include "tests/e2e/E2eFleet.h"
#include "tests/e2e/FastRunbook.h"

#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const QString kRunbook = QStringLiteral("realtime-server-canary-upgrade");

} // namespace

// reference-procedures/realtime-server-canary-upgrade.txt: canary first, bounded increments, protocol
// checks through the probe, and a canary whose error rate spikes stops the rollout and is reverted.
class TestE2eRealtime : public QObject
{
    Q_OBJECT

    E2eFleet m_fleet;
    QString m_runbook;

    QStringList runArgs(const QString &version, const QString &instances)
    {
        QStringList args{QStringLiteral("run"), QStringLiteral("--runbook"), m_runbook, QStringLiteral("--version"), version,
                         QStringLiteral("--instances"), instances, QStringLiteral("--approve-waves"),
                         QStringLiteral("--confirm"), QStringLiteral("incident=INC-7 opened")};
        for (const char *item : {"sdk-config", "runtime-flags", "backup-artifacts", "compatibility", "client-commands",
                                 "canary-traffic", "mixed-clients"})
            args << QStringLiteral("--signoff") << QStringLiteral("%1=alice:done").arg(QLatin1String(item));
        return args;
    }

private slots:
    void initTestCase()
    {
        const QString failure = m_fleet.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QString error;
        m_runbook = FastRunbook::write(kRunbook, m_fleet.dir(), &error);
        QVERIFY2(!m_runbook.isEmpty(), qPrintable(error));
    }

    void canaryThenIncrements()
    {
        const QStringList names{QStringLiteral("realtime-prod-1"), QStringLiteral("realtime-prod-2"),
                                QStringLiteral("realtime-staging-1"), QStringLiteral("realtime-staging-2")};
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("2.12.0"), names.join(QLatin1Char(','))), 120000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.tail()));
        for (const QString &n : names)
            QCOMPARE(m_fleet.version(n), QStringLiteral("2.12.0"));
        QVERIFY2(r.has(QStringLiteral("wave 1 (canary) started")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("wave 2 succeeded")), qPrintable(r.tail()));
        // The canary was upgraded and checked before any other instance started.
        const qsizetype canaryDone = r.output.indexOf(QStringLiteral("realtime-prod-1 replay-after succeeded"));
        const qsizetype secondStart = r.output.indexOf(QStringLiteral("realtime-prod-2 replay-before started"));
        QVERIFY2(canaryDone >= 0 && secondStart > canaryDone, qPrintable(r.tail()));
        for (const QString &n : names)
            for (const char *probe : {"handshake", "blob-roundtrip", "control-plane", "replay-hash"})
                QVERIFY2(!m_fleet.shimCalls().filter(QStringLiteral("%1 rt-probe %2").arg(n, QLatin1String(probe))).isEmpty(),
                         qPrintable(n + QLatin1Char(' ') + QLatin1String(probe)));
        QVERIFY2(r.count(QStringLiteral("(error_rate): passed")) >= 2, qPrintable(r.tail()));
    }

    void canaryErrorRateStopsTheRolloutAndRollsBack()
    {
        FleetSim &sim = m_fleet.sim();
        const QString before = m_fleet.version(QStringLiteral("realtime-prod-3"));
        const QString untouched = m_fleet.version(QStringLiteral("realtime-prod-4"));
        QVERIFY(sim.setReleaseBad(QStringLiteral("realtime-server"), QStringLiteral("2.12.1"), false));
        bool bad = false;
        // The canary passes its protocol checks; then its error rate spikes during the observation.
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("2.12.1"), QStringLiteral("realtime-prod-3,realtime-prod-4")), 90000,
                                        [&](const QString &line) {
                                            if (!bad && line.contains(QLatin1String("realtime-prod-3 replay-after succeeded")))
                                                bad = sim.setReleaseBad(QStringLiteral("realtime-server"), QStringLiteral("2.12.1"), true);
                                        });
        QVERIFY(bad);
        QVERIFY2(r.exitCode == 3, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("gate error_rate finished: gate error_rate (error_rate): failure limit")), qPrintable(r.tail()));
        QCOMPARE(m_fleet.version(QStringLiteral("realtime-prod-3")), before);
        QCOMPARE(m_fleet.version(QStringLiteral("realtime-prod-4")), untouched);   // rollout stopped
        QVERIFY2(!r.has(QStringLiteral("realtime-prod-4 replay-before started")), qPrintable(r.tail()));
        for (const char *step : {"revert", "reverted", "reconverge", "replay-impacted", "incident"})
            QVERIFY2(r.has(QStringLiteral("realtime-prod-3 %1 started (rollback)").arg(QLatin1String(step))), step);
    }
};

QTEST_GUILESS_MAIN(TestE2eRealtime)
#include "tst_e2e_realtime.moc"
