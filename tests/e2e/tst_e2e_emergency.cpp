#include "tests/e2e/E2eChecks.h"
#include "tests/e2e/E2eFleet.h"
#include "tests/e2e/FastRunbook.h"

#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

// reference-procedures/platform-instance-upgrade.txt, "Emergency Rollback": the only one of the five
// documents with an emergency path. The canary is upgraded and passes its gates; while the run waits
// for the next wave's approval an operator pulls the emergency brake from another invocation
// (`run --resume ID --emergency-rollback`): the platform's emergency endpoint restores the previous
// version and the pre-upgrade schema in one go, then verification, the platform's audit-log entry and
// the on-call notification. A separate test from tst_e2e_platform so it owns its fleet.
class TestE2eEmergency : public QObject
{
    Q_OBJECT

    E2eFleet m_fleet;
    QString m_runbook;

private slots:
    void initTestCase()
    {
        const QStringList hosts{QStringLiteral("platform-prod-1"), QStringLiteral("platform-prod-2")};
        const QString failure = E2eChecks::preparePlatform(m_fleet, hosts, &m_runbook);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void emergencyRollbackWhileTheRolloutWaits()
    {
        const QString canary = QStringLiteral("platform-prod-1");
        const QString next = QStringLiteral("platform-prod-2");
        const QJsonObject canaryBefore = m_fleet.instance(canary);
        const QJsonObject nextBefore = m_fleet.instance(next);
        QStringList args{QStringLiteral("run"), QStringLiteral("--runbook"), m_runbook, QStringLiteral("--version"),
                         QStringLiteral("1.5.0"), QStringLiteral("--instances"), canary + QLatin1Char(',') + next,
                         QStringLiteral("--param"), QStringLiteral("config_dir=") + m_fleet.path(QStringLiteral("config")),
                         QStringLiteral("--confirm"), QStringLiteral("configuration=configuration applied"),
                         QStringLiteral("--confirm"), QStringLiteral("announce=administrators told")};
        for (const char *item : {"changelog", "compatibility", "dependencies", "window", "stakeholders", "rollback-plan"})
            args << QStringLiteral("--signoff") << QStringLiteral("%1=alice:done").arg(QLatin1String(item));

        // No --approve-waves: the canary runs, its gates pass, and the run waits for an approval.
        const CliResult first = m_fleet.cli(args);
        QVERIFY2(first.exitCode == 4 && first.has(QStringLiteral("waits for approval")), qPrintable(first.tail()));
        const QString runId = E2eChecks::runId(first);
        QVERIFY(!runId.isEmpty());
        QCOMPARE(m_fleet.instance(canary).value(QStringLiteral("version")).toString(), QStringLiteral("1.5.0"));
        QCOMPARE(m_fleet.instance(canary).value(QStringLiteral("schemaVersion")).toInt(), 8);
        QVERIFY2(first.has(QStringLiteral("gate error_rate finished: gate error_rate (error_rate): passed")), qPrintable(first.tail()));

        // The emergency brake needs a reason...
        const CliResult noReason = m_fleet.cli({QStringLiteral("run"), QStringLiteral("--resume"), runId,
                                                QStringLiteral("--emergency-rollback")});
        QVERIFY2(noReason.exitCode == 2 && noReason.has(QStringLiteral("needs a reason")), qPrintable(noReason.tail()));

        // ... and with one, every touched instance goes back through the document's emergency steps.
        const QString reason = QStringLiteral("P1: checkout broken on 1.5.0 (INC-4711)");
        const CliResult r = m_fleet.cli({QStringLiteral("run"), QStringLiteral("--resume"), runId, QStringLiteral("--emergency-rollback"),
                                         QStringLiteral("--reason"), reason, QStringLiteral("--confirm"),
                                         QStringLiteral("notify=paged the on-call team")});
        QVERIFY2(r.exitCode == 3, qPrintable(r.tail()));   // rolled back
        for (const char *step : {"emergency", "emergency-verified", "audit-rollback"})
            QVERIFY2(r.has(QStringLiteral("%1 %2 started (rollback)").arg(canary, QLatin1String(step))), step);
        // The on-call team and the stakeholders are told once, after the rollback (the run-level undo of
        // the before: announcement).
        QVERIFY2(r.has(QStringLiteral("run notify started (rollback)")), qPrintable(r.tail()));
        // Only the emergency path: not the 9-step standard rollback.
        QVERIFY2(!r.has(QStringLiteral("migrate-down started")), qPrintable(r.tail()));
        QVERIFY2(!r.has(QStringLiteral("deploy-previous started")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("run notify confirmed by --confirm")), qPrintable(r.tail()));

        // The canary is back on its version and schema, active, out of maintenance; the next instance
        // was never touched.
        const QJsonObject after = m_fleet.instance(canary);
        QCOMPARE(after.value(QStringLiteral("version")).toString(), canaryBefore.value(QStringLiteral("version")).toString());
        QCOMPARE(after.value(QStringLiteral("schemaVersion")).toInt(), canaryBefore.value(QStringLiteral("schemaVersion")).toInt());
        QCOMPARE(after.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
        QCOMPARE(after.value(QStringLiteral("maintenanceMode")).toBool(), false);
        QCOMPARE(m_fleet.instance(next).value(QStringLiteral("version")).toString(), nextBefore.value(QStringLiteral("version")).toString());
        QVERIFY(m_fleet.shimCalls().filter(QRegularExpression(QStringLiteral("^%1 ").arg(next))).isEmpty());
        QCOMPARE(E2eChecks::platformAuditEntries(m_fleet.sim(), QStringLiteral("instance.upgrade.rollback"), canary), 1);

        // Lockstep's audit trail: who pulled the brake and why, the canary's gates before it, the
        // rollback's end; the chain verifies.
        const QList<QJsonObject> events = E2eChecks::auditEvents(m_fleet);
        QCOMPARE(E2eChecks::audited(events, QStringLiteral("rollback.emergency"), {}, QStringLiteral("INC-4711")), 1);
        for (const QJsonObject &e : events)
            if (e.value(QStringLiteral("action")).toString() == QLatin1String("rollback.emergency"))
                QCOMPARE(e.value(QStringLiteral("operator")).toString(), QStringLiteral("alice"));
        QCOMPARE(E2eChecks::audited(events, QStringLiteral("gate.finished"), {}, QStringLiteral("passed")), 3);
        QVERIFY(E2eChecks::audited(events, QStringLiteral("rollback.finished"), canary) >= 1);
        QCOMPARE(E2eChecks::audited(events, QStringLiteral("rollback.started"), next), 0);
        const CliResult verify = m_fleet.cli({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.tail()));
        const CliResult status = m_fleet.cli({QStringLiteral("status"), runId});
        QVERIFY2(status.has(QStringLiteral("rolled-back")), qPrintable(status.tail()));
    }
};

QTEST_GUILESS_MAIN(TestE2eEmergency)
#include "tst_e2e_emergency.moc"
