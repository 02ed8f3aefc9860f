#include "tests/e2e/E2eChecks.h"
#include "tests/e2e/E2eFleet.h"
#include "tests/e2e/FastRunbook.h"
#include "app/discovery/ReleaseFeedClient.h"
#include "models/ChannelPolicy.h"

#include <QFile>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

QStringList signOffs()
{
    QStringList out;
    for (const char *item : {"changelog", "compatibility", "dependencies", "window", "stakeholders", "rollback-plan"})
        out << QStringLiteral("--signoff") << QStringLiteral("%1=alice:done").arg(QLatin1String(item));
    return out;
}

} // namespace

// reference-procedures/platform-instance-upgrade.txt driven end to end by lockstep-cli: control-plane
// API calls against lockstep-fleetsim, docker steps over SSH (one sshd per host) through the shims.
class TestE2ePlatform : public QObject
{
    Q_OBJECT

    E2eFleet m_fleet;
    QString m_runbook;

    QStringList runArgs(const QString &version, const QString &instances)
    {
        return QStringList{QStringLiteral("run"), QStringLiteral("--runbook"), m_runbook, QStringLiteral("--version"), version,
                           QStringLiteral("--instances"), instances, QStringLiteral("--window"), E2eChecks::windowNow(),
                           QStringLiteral("--param"), QStringLiteral("config_dir=") + m_fleet.path(QStringLiteral("config")),
                           QStringLiteral("--approve-waves"), QStringLiteral("--confirm"),
                           QStringLiteral("configuration=configuration applied"), QStringLiteral("--confirm"),
                           QStringLiteral("notify=stakeholders told"), QStringLiteral("--confirm"),
                           QStringLiteral("announce=administrators told"), QStringLiteral("--confirm"),
                           QStringLiteral("completion-notice=sent")}
            + signOffs();
    }

private slots:
    void initTestCase()
    {
        const QStringList hosts{QStringLiteral("platform-prod-1"), QStringLiteral("platform-prod-2"),
                                QStringLiteral("platform-prod-3"), QStringLiteral("platform-prod-4"),
                                QStringLiteral("platform-staging-1"), QStringLiteral("platform-staging-2")};
        const QString failure = E2eChecks::preparePlatform(m_fleet, hosts, &m_runbook);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void watchSurvivesAKilledConsoleAndEndsEarly()
    {
        // The document's 24-48 h watch, here one hour: lockstep-cli shows the run watching with its time
        // left; the console is killed during the watch; `status` reads the time left from the store and
        // `run --resume --end-watch` ends it early with a reason, audited.
        QFile fast(m_runbook);
        QVERIFY(fast.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(fast.readAll());
        QVERIFY(text.contains(QStringLiteral("for: 3s")));
        text.replace(QStringLiteral("for: 3s"), QStringLiteral("for: 1h"));
        QFile hour(m_fleet.path(QStringLiteral("platform-watch-1h.yaml")));
        QVERIFY(hour.open(QIODevice::WriteOnly) && hour.write(text.toUtf8()) > 0);
        hour.close();
        // A patch (1.4.2 -> 1.4.3) on one staging host: the happy path below takes it on to 1.5.0.
        QStringList args = runArgs(QStringLiteral("1.4.3"), QStringLiteral("platform-staging-1"));
        args[2] = hour.fileName();
        const CliResult killed = m_fleet.cli(args, 60000);
        QVERIFY2(killed.exitCode == -1, qPrintable(killed.tail()));   // still watching when the console died
        QVERIFY2(killed.has(QStringLiteral(" watching: watching for 1h")), qPrintable(killed.tail()));
        QVERIFY2(killed.has(QStringLiteral("left, until")) && killed.has(QStringLiteral("--end-watch --reason")),
                 qPrintable(killed.tail()));
        const QString runId = E2eChecks::runId(killed);

        const CliResult status = m_fleet.cli({QStringLiteral("status"), runId});
        QVERIFY2(status.exitCode == 0 && status.has(QStringLiteral(": watching")), qPrintable(status.tail()));
        QVERIFY2(status.has(QStringLiteral("left of 1h, until")), qPrintable(status.tail()));

        const CliResult refused = m_fleet.cli({QStringLiteral("run"), QStringLiteral("--resume"), runId, QStringLiteral("--end-watch")});
        QVERIFY2(refused.exitCode == 2 && refused.has(QStringLiteral("needs a reason")), qPrintable(refused.tail()));
        const CliResult ended = m_fleet.cli({QStringLiteral("run"), QStringLiteral("--resume"), runId, QStringLiteral("--end-watch"),
                                             QStringLiteral("--reason"), QStringLiteral("staging only; metrics flat")});
        QVERIFY2(ended.exitCode == 0, qPrintable(ended.tail()));
        QVERIFY2(ended.has(QStringLiteral("restarted during the watch")), qPrintable(ended.tail()));
        QVERIFY2(ended.has(QStringLiteral("succeeded")), qPrintable(ended.tail()));
        QCOMPARE(m_fleet.version(QStringLiteral("platform-staging-1")), QStringLiteral("1.4.3"));
        const QList<QJsonObject> events = E2eChecks::auditEvents(m_fleet);
        QCOMPARE(E2eChecks::audited(events, QStringLiteral("watch.started")), 1);
        QCOMPARE(E2eChecks::audited(events, QStringLiteral("watch.ended-early"), {}, QStringLiteral("metrics flat")), 1);
    }

    void happyPathThroughEveryWave()
    {
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("1.5.0"),
                                                QStringLiteral("platform-prod-1,platform-prod-2,platform-prod-3,platform-staging-1,platform-staging-2")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.tail()));
        for (const char *name : {"platform-prod-1", "platform-prod-2", "platform-prod-3", "platform-staging-1", "platform-staging-2"}) {
            const QJsonObject i = m_fleet.instance(QLatin1String(name));
            QCOMPARE(i.value(QStringLiteral("version")).toString(), QStringLiteral("1.5.0"));
            QCOMPARE(i.value(QStringLiteral("schemaVersion")).toInt(), 8);
            QCOMPARE(i.value(QStringLiteral("maintenanceMode")).toBool(), false);
            QVERIFY(m_fleet.shimCalls().contains(
                QStringLiteral("%1 docker run -d --name webwaka-app-%1 webwaka/platform:1.5.0").arg(QLatin1String(name))));
        }
        QVERIFY2(r.has(QStringLiteral("wave 3 (")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("wave 2 succeeded")), qPrintable(r.tail()));
        // The document's thresholds were judged between the waves and on each instance.
        QVERIFY2(r.count(QStringLiteral("gate error_rate finished: gate error_rate (error_rate): passed")) >= 2, qPrintable(r.tail()));
        QVERIFY2(r.count(QStringLiteral("gate p95_latency finished: gate p95_latency (p95_latency): passed")) >= 2, qPrintable(r.tail()));
        QVERIFY2(r.count(QStringLiteral("gate queue_depth finished: gate queue_depth (queue_depth): passed")) >= 2, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("platform-prod-1 configuration confirmed by --confirm")), qPrintable(r.tail()));
        // Step 11's watch after the last wave (3 s in the shortened copy): the run watched, then succeeded.
        QVERIFY2(r.has(QStringLiteral(" watching: watching for 3s")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral(" succeeded: 5 succeeded")), qPrintable(r.tail()));

        const CliResult status = m_fleet.cli({QStringLiteral("status"), E2eChecks::runId(r)});
        QVERIFY2(status.has(QStringLiteral("signed changelog by alice")), qPrintable(status.tail()));
        QVERIFY2(status.has(QStringLiteral("monitor")), qPrintable(status.tail()));
    }

    void badReleaseFailsTheErrorGateAndRollsBack()
    {
        const QString before = m_fleet.version(QStringLiteral("platform-prod-4"));
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("1.5.1"), QStringLiteral("platform-prod-4")));
        QVERIFY2(r.exitCode == 3, qPrintable(r.tail()));   // rolled back
        const QJsonObject i = m_fleet.instance(QStringLiteral("platform-prod-4"));
        QCOMPARE(i.value(QStringLiteral("version")).toString(), before);
        QCOMPARE(i.value(QStringLiteral("schemaVersion")).toInt(), 7);     // migrations rolled back
        QCOMPARE(i.value(QStringLiteral("maintenanceMode")).toBool(), false);
        QVERIFY2(r.has(QStringLiteral("platform-prod-4 monitor failed")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("(error_rate): failure limit")), qPrintable(r.tail()));
        for (const char *step : {"stop-new", "migrate-down", "restore-config", "deploy-previous", "audit-rollback"})
            QVERIFY2(r.has(QStringLiteral("platform-prod-4 %1 started (rollback)").arg(QLatin1String(step))), step);
        // The rollback procedure's step 8: the platform's own audit log has the entry.
        QCOMPARE(E2eChecks::platformAuditEntries(m_fleet.sim(), QStringLiteral("instance.upgrade.rollback"),
                                                 QStringLiteral("platform-prod-4")),
                 1);
    }

    void frozenInstanceIsRefusedUnlessOverridden()
    {
        const QString before = m_fleet.version(QStringLiteral("platform-prod-4"));
        const FleetSim::Response patched = m_fleet.sim().request(
            "PATCH", QStringLiteral("/api/instances/platform-prod-4"), R"({"updateChannel":"frozen","pinnedVersion":"1.4.1"})");
        QCOMPARE(patched.status, 200);
        QVERIFY(m_fleet.refreshInventory().isEmpty());

        const CliResult refused = m_fleet.cli(runArgs(QStringLiteral("1.5.0"), QStringLiteral("platform-prod-4")));
        QVERIFY2(refused.exitCode == 2, qPrintable(refused.tail()));
        QVERIFY2(refused.has(QStringLiteral("refused by policy")), qPrintable(refused.tail()));
        QCOMPARE(m_fleet.version(QStringLiteral("platform-prod-4")), before);

        // An override does not go past what the channel policy refuses: frozen at 1.4.1 means security
        // patches of 1.4.x only. The CLI says it in the words the plan page shows (ChannelPolicy::explain).
        Instance frozen;
        frozen.name = QStringLiteral("platform-prod-4");
        frozen.product = QStringLiteral("webwaka-platform");
        frozen.currentVersion = before;
        frozen.channel = UpdateChannel::Frozen;
        frozen.pinnedVersion = QStringLiteral("1.4.1");
        auto feed = ReleaseFeedClient::parse(frozen.product, m_fleet.sim().get(QStringLiteral("/feeds/webwaka-platform/releases.json")).body);
        QVERIFY(feed.ok());
        const QString words = ChannelPolicy::explain(frozen, ChannelPolicy::decide(frozen, feed->releases, QStringLiteral("1.5.0")));
        QVERIFY2(words.contains(QStringLiteral("only security patches of 1.4.x")), qPrintable(words));
        const QStringList overrides{QStringLiteral("--override"), QStringLiteral("frozen:platform-prod-4=CVE fix approved in CHG-1234"),
                                    QStringLiteral("--override"), QStringLiteral("pinned:platform-prod-4=CVE fix approved in CHG-1234")};
        const CliResult stillRefused = m_fleet.cli(runArgs(QStringLiteral("1.5.0"), QStringLiteral("platform-prod-4")) << overrides);
        QVERIFY2(stillRefused.exitCode == 2, qPrintable(stillRefused.tail()));
        QVERIFY2(stillRefused.has(words), qPrintable(stillRefused.tail()));
        QCOMPARE(m_fleet.version(QStringLiteral("platform-prod-4")), before);

        // The security patch of the frozen line goes ahead with the overrides.
        const CliResult allowed = m_fleet.cli(runArgs(QStringLiteral("1.4.3"), QStringLiteral("platform-prod-4")) << overrides);
        QVERIFY2(allowed.exitCode == 0, qPrintable(allowed.tail()));
        QVERIFY2(allowed.has(QStringLiteral("CHG-1234")), qPrintable(allowed.tail()));
        QCOMPARE(m_fleet.version(QStringLiteral("platform-prod-4")), QStringLiteral("1.4.3"));

        // Both overrides are in the hash-chained audit trail with operator and reason, and the chain holds.
        const QList<QJsonObject> events = E2eChecks::auditEvents(m_fleet);
        QCOMPARE(E2eChecks::audited(events, QStringLiteral("override"), QStringLiteral("platform-prod-4"), QStringLiteral("CHG-1234")), 2);
        QVERIFY(E2eChecks::audited(events, QStringLiteral("gate.finished")) >= 6);
        QVERIFY(E2eChecks::audited(events, QStringLiteral("rollback.finished"), QStringLiteral("platform-prod-4")) >= 1);
        const CliResult verify = m_fleet.cli({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.tail()));
    }
};

QTEST_GUILESS_MAIN(TestE2ePlatform)
#include "tst_e2e_platform.moc"
