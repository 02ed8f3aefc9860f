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
// The reject-rate gate is PromQL: a real Prometheus scrapes the realtime instances and answers it.
class TestE2eRealtime : public QObject
{
    Q_OBJECT

    E2eFleet m_fleet;
    QString m_runbook;

    QStringList runArgs(const QString &version, const QString &instances)
    {
        QStringList args{QStringLiteral("run"), QStringLiteral("--runbook"), m_runbook, QStringLiteral("--version"), version,
                         QStringLiteral("--instances"), instances, QStringLiteral("--approve-waves"),
                         QStringLiteral("--confirm"), QStringLiteral("incident=INC-7 opened"),
                         QStringLiteral("--confirm"), QStringLiteral("rollback-defined=in the change record")};
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
        QStringList realtime;
        for (const char *name : {"realtime-staging-1", "realtime-staging-2", "realtime-prod-1", "realtime-prod-2",
                                 "realtime-prod-3", "realtime-prod-4"})
            realtime << QLatin1String(name);
        const QString prometheus = m_fleet.startPrometheus(realtime);
        QVERIFY2(prometheus.isEmpty(), qPrintable(prometheus));
        QString error;
        m_runbook = FastRunbook::write(kRunbook, m_fleet.dir(), &error);
        QVERIFY2(!m_runbook.isEmpty(), qPrintable(error));
    }

    void promqlGateWithoutPrometheusIsRefused()
    {
        // Before anything runs, not after the first wave: the gate could never be judged.
        m_fleet.usePrometheus(false);
        const QString before = m_fleet.version(QStringLiteral("realtime-prod-1"));
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("2.12.0"), QStringLiteral("realtime-prod-1,realtime-prod-2")));
        const CliResult plan = m_fleet.cli({QStringLiteral("plan"), QStringLiteral("--runbook"), m_runbook, QStringLiteral("--version"),
                                            QStringLiteral("2.12.0"), QStringLiteral("--instances"), QStringLiteral("realtime-prod-1"),
                                            QStringLiteral("--window"), E2eChecks::windowNow()});
        m_fleet.usePrometheus(true);
        QVERIFY2(r.exitCode == 2, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("gate \"reject-rate\" of runbook realtime-server-canary-upgrade is a PromQL query and no "
                                      "Prometheus is configured")),
                 qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("--prometheus")), qPrintable(r.tail()));
        QVERIFY2(!r.has(QStringLiteral("created by")), qPrintable(r.tail()));
        QVERIFY(m_fleet.shimCalls().filter(QStringLiteral("realtime-prod-1 ")).isEmpty());
        QCOMPARE(m_fleet.version(QStringLiteral("realtime-prod-1")), before);
        QVERIFY2(plan.exitCode != 0 && plan.has(QStringLiteral("reject-rate")), qPrintable(plan.tail()));
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
        // The PromQL gate was answered by Prometheus after every wave, with values, and passed.
        QVERIFY2(r.count(QStringLiteral("gate reject-rate finished: gate reject-rate (PromQL): passed")) >= 2, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("(Prometheus)")), qPrintable(r.tail()));
        const QList<QJsonObject> events = E2eChecks::auditEvents(m_fleet);
        int rejectGates = 0;
        for (const QJsonObject &e : events)
            if (e.value(QStringLiteral("action")).toString() == QLatin1String("gate.finished")
                && e.value(QStringLiteral("evidence")).toString().contains(QLatin1String("\"gate\":\"reject-rate\""))
                && e.value(QStringLiteral("result")).toString() == QLatin1String("passed"))
                ++rejectGates;
        QVERIFY(rejectGates >= 2);
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
        // Whichever gate reaches its failure limit first — the scraped error rate or Prometheus's reject
        // rate — rolls back at once; the other gate's remaining measurements are cancelled, not awaited.
        const bool errorRateFailed = r.has(QStringLiteral("gate error_rate finished: gate error_rate (error_rate): failure limit"));
        const bool rejectRateFailed = r.has(QStringLiteral("gate reject-rate finished: gate reject-rate (PromQL): failure limit"));
        QVERIFY2(errorRateFailed != rejectRateFailed, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("rolling back: gates failed after wave 1")), qPrintable(r.tail()));
        // Prometheus answered the PromQL gate during the observation.
        QVERIFY2(r.has(QStringLiteral("gate reject-rate: reject-rate ")), qPrintable(r.tail()));
        QCOMPARE(m_fleet.version(QStringLiteral("realtime-prod-3")), before);
        QCOMPARE(m_fleet.version(QStringLiteral("realtime-prod-4")), untouched);   // rollout stopped
        QVERIFY2(!r.has(QStringLiteral("realtime-prod-4 replay-before started")), qPrintable(r.tail()));
        for (const char *step : {"revert", "reverted", "reconverge", "replay-impacted"})
            QVERIFY2(r.has(QStringLiteral("realtime-prod-3 %1 started (rollback)").arg(QLatin1String(step))), step);
        // The incident is documented once for the run, after every reverted instance.
        QVERIFY2(r.has(QStringLiteral("run incident started (rollback)")), qPrintable(r.tail()));
        QVERIFY2(!r.has(QStringLiteral("realtime-prod-3 incident started")), qPrintable(r.tail()));
        const QList<QJsonObject> events = E2eChecks::auditEvents(m_fleet);
        QVERIFY(E2eChecks::audited(events, QStringLiteral("gate.finished"), {}, QStringLiteral("failure limit")) >= 1);
        QVERIFY(E2eChecks::audited(events, QStringLiteral("rollback.finished"), QStringLiteral("realtime-prod-3")) >= 1);
    }

    // "Rollback triggers: … blob failures": on a bad release the probe's blob round trip reads back a
    // different digest, the instance fails its protocol checks and is reverted before any gate is asked.
    void badReleaseFailsTheBlobPathsAndReverts()
    {
        FleetSim &sim = m_fleet.sim();
        const QString host = QStringLiteral("realtime-prod-4");
        const QString before = m_fleet.version(host);
        QVERIFY(sim.setReleaseBad(QStringLiteral("realtime-server"), QStringLiteral("2.12.1"), true));
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("2.12.1"), host), 90000);
        QVERIFY2(r.exitCode == 3, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("realtime-prod-4 blob-paths failed")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("realtime-prod-4 handshake succeeded")), qPrintable(r.tail()));   // the release did start
        QVERIFY2(!r.has(QStringLiteral("realtime-prod-4 control-plane started")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("realtime-prod-4 revert started (rollback)")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("realtime-prod-4 replay-impacted succeeded")), qPrintable(r.tail()));
        QCOMPARE(m_fleet.version(host), before);
    }
};

QTEST_GUILESS_MAIN(TestE2eRealtime)
#include "tst_e2e_realtime.moc"
