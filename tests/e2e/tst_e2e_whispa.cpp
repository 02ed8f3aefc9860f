#include "tests/e2e/E2eChecks.h"
#include "tests/e2e/E2eFleet.h"
#include "tests/e2e/FastRunbook.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const QString kRunbook = QStringLiteral("selfhosted-semver-upgrade");

} // namespace

// reference-procedures/selfhosted-semver-upgrade.txt: semantic versioning picks the path; pulumi
// preview/up run locally (the shim deploys on lockstep-fleetsim); a major release demands the extended
// checklist and its manual migration; a downgrade takes the standard path back.
class TestE2eWhispa : public QObject
{
    Q_OBJECT

    E2eFleet m_fleet;
    QString m_runbook;

    QStringList runArgs(const QString &version, const QString &instances, const QStringList &extra = {})
    {
        QStringList args{QStringLiteral("run"), QStringLiteral("--runbook"), m_runbook, QStringLiteral("--version"), version,
                         QStringLiteral("--instances"), instances, QStringLiteral("--approve-waves"),
                         QStringLiteral("--param"), QStringLiteral("stack_dir=") + m_fleet.path(QStringLiteral("infra")),
                         QStringLiteral("--param"), QStringLiteral("backup_dir=") + m_fleet.path(QStringLiteral("backups")),
                         QStringLiteral("--signoff"), QStringLiteral("release-notes=alice:read"),
                         QStringLiteral("--signoff"), QStringLiteral("maintenance-window=alice:Sunday 02:00")};
        return args + extra;
    }

private slots:
    void initTestCase()
    {
        const QString failure = m_fleet.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QString error;
        m_runbook = FastRunbook::write(kRunbook, m_fleet.dir(), &error);
        QVERIFY2(!m_runbook.isEmpty(), qPrintable(error));
        QVERIFY(QDir().mkpath(m_fleet.path(QStringLiteral("infra"))));
        QVERIFY(QDir().mkpath(m_fleet.path(QStringLiteral("backups"))));
    }

    void minorTakesTheStandardPath()
    {
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("1.9.0"), QStringLiteral("whispa-prod-1,whispa-prod-2")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.tail()));
        for (const char *name : {"whispa-prod-1", "whispa-prod-2"}) {
            const QJsonObject i = m_fleet.instance(QLatin1String(name));
            QCOMPARE(i.value(QStringLiteral("version")).toString(), QStringLiteral("1.9.0"));
            QCOMPARE(i.value(QStringLiteral("schemaVersion")).toInt(), 4);   // migrations on startup
        }
        QVERIFY2(r.has(QStringLiteral("whispa-prod-1 apply succeeded")), qPrintable(r.tail()));
        QVERIFY2(!r.has(QStringLiteral("apply-major")), qPrintable(r.tail()));
        QVERIFY(m_fleet.shimCalls().contains(QStringLiteral("whispa-prod-1 pulumi up --yes --stack whispa-prod-1")));
        QVERIFY(m_fleet.shimCalls().contains(QStringLiteral("whispa-prod-1 pulumi preview --stack whispa-prod-1 --non-interactive")));
    }

    void downgradeTakesTheQuickRollbackPath()
    {
        // After the minor, whispa-prod-1 and -2 run 1.9.0 (schema 4). Going back to 1.8.3 is a
        // downgrade: the standard path with the previous images, through every wave, gates judged.
        const QStringList names{QStringLiteral("whispa-prod-1"), QStringLiteral("whispa-prod-2")};
        for (const QString &n : names)
            QCOMPARE(m_fleet.version(n), QStringLiteral("1.9.0"));
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("1.8.3"), names.join(QLatin1Char(','))));
        QVERIFY2(r.exitCode == 0, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("runbook selfhosted-semver-upgrade: downgrade change to 1.8.3")), qPrintable(r.tail()));
        for (const QString &n : names) {
            const QJsonObject i = m_fleet.instance(n);
            QCOMPARE(i.value(QStringLiteral("version")).toString(), QStringLiteral("1.8.3"));
            // Migrations only go forward: the database keeps 1.9.0's schema (reverting it is the
            // document's rare, manual alembic downgrade, offered only when a major is rolled back).
            QCOMPARE(i.value(QStringLiteral("schemaVersion")).toInt(), 4);
            QVERIFY(m_fleet.shimCalls().contains(QStringLiteral("%1 pulumi config set --stack %1 whispa:backendImage "
                                                                "ghcr.io/whispa-ai/whispa-backend:v1.8.3").arg(n)));
            QVERIFY2(r.has(QStringLiteral("%1 apply succeeded").arg(n)), qPrintable(r.tail()));
        }
        // The backup named after the version it holds (1.9.0) was taken before anything changed.
        QVERIFY(QFile::exists(m_fleet.path(QStringLiteral("backups/backup-whispa-prod-1-1.9.0.sql"))));
        QVERIFY2(r.has(QStringLiteral("wave 2 (")), qPrintable(r.tail()));
        QVERIFY2(!r.has(QStringLiteral("apply-major")) && !r.has(QStringLiteral("(rollback)")), qPrintable(r.tail()));
        // The error-rate gate judged the first instance before the second was touched.
        QVERIFY2(r.has(QStringLiteral("gate error_rate finished: gate error_rate (error_rate): passed")), qPrintable(r.tail()));
        QVERIFY2(r.output.indexOf(QStringLiteral("gate error_rate finished")) < r.output.indexOf(QStringLiteral("whispa-prod-2 backup started")),
                 qPrintable(r.tail()));

        // The audit trail records the run as a downgrade from 1.9.0 to 1.8.3, and the gate.
        const QString runId = E2eChecks::runId(r);
        const QList<QJsonObject> events = E2eChecks::auditEvents(m_fleet);
        int downgradedSteps = 0, gates = 0;
        for (const QJsonObject &e : events) {
            if (e.value(QStringLiteral("run_id")).toString() != runId)
                continue;
            if (e.value(QStringLiteral("action")).toString() == QLatin1String("gate.finished")
                && e.value(QStringLiteral("result")).toString() == QLatin1String("passed"))
                ++gates;
            if (e.value(QStringLiteral("instance")).toString() == QLatin1String("whispa-prod-2")
                && e.value(QStringLiteral("from_version")).toString() == QLatin1String("1.9.0")
                && e.value(QStringLiteral("to_version")).toString() == QLatin1String("1.8.3"))
                ++downgradedSteps;
        }
        QCOMPARE(gates, 2);   // after each of the two waves: the last one is judged too
        QVERIFY(downgradedSteps >= 1);
    }

    void majorDemandsTheExtendedChecklist()
    {
        const QString before = m_fleet.version(QStringLiteral("whispa-staging-1"));
        const CliResult refused = m_fleet.cli(runArgs(QStringLiteral("2.0.0"), QStringLiteral("whispa-staging-1")));
        QVERIFY2(refused.exitCode == 2, qPrintable(refused.tail()));
        QVERIFY2(refused.has(QStringLiteral("checklist is not complete")), qPrintable(refused.tail()));
        for (const char *item : {"all-notes-read", "staging-tested", "extended-window", "rollback-ready"})
            QVERIFY2(refused.has(QLatin1String(item)), item);
        QCOMPARE(m_fleet.version(QStringLiteral("whispa-staging-1")), before);

        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("2.0.0"), QStringLiteral("whispa-staging-1"),
                                                {QStringLiteral("--signoff"), QStringLiteral("all-notes-read=alice:1.9 and 2.0 read"),
                                                 QStringLiteral("--signoff"), QStringLiteral("staging-tested=alice:staging green"),
                                                 QStringLiteral("--signoff"), QStringLiteral("staging-tested=bob:seen it"),
                                                 QStringLiteral("--signoff"), QStringLiteral("extended-window=alice:4h window"),
                                                 QStringLiteral("--signoff"), QStringLiteral("rollback-ready=alice:ready"),
                                                 QStringLiteral("--confirm"), QStringLiteral("new-config=no new options"),
                                                 QStringLiteral("--confirm"), QStringLiteral("review-preview=task definitions only"),
                                                 QStringLiteral("--confirm"), QStringLiteral("manual-migration=migrate_v2 done")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.tail()));
        const QJsonObject i = m_fleet.instance(QStringLiteral("whispa-staging-1"));
        QCOMPARE(i.value(QStringLiteral("version")).toString(), QStringLiteral("2.0.0"));
        QCOMPARE(i.value(QStringLiteral("schemaVersion")).toInt(), 5);
        QVERIFY2(r.has(QStringLiteral("whispa-staging-1 apply-major succeeded")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("manual-migration confirmed by --confirm")), qPrintable(r.tail()));
        const CliResult status = m_fleet.cli({QStringLiteral("status"), E2eChecks::runId(r)});
        QVERIFY2(status.has(QStringLiteral("signed staging-tested by bob")), qPrintable(status.tail()));
    }

    void frozenPinnedInstanceIsRefused()
    {
        const QString before = m_fleet.version(QStringLiteral("whispa-prod-4"));
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("1.9.0"), QStringLiteral("whispa-prod-4")));
        QVERIFY2(r.exitCode == 2, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("refused by policy")), qPrintable(r.tail()));
        QCOMPARE(m_fleet.version(QStringLiteral("whispa-prod-4")), before);
    }

    // Each stack's database is its own (db_host in the inventory): an instance the inventory gives none is
    // refused when the run is planned, before anything runs, naming the variable, the step and its line.
    void instanceWithoutItsDatabaseHostIsRefused()
    {
        QFile inventory(m_fleet.inventory());
        QVERIFY(inventory.open(QIODevice::ReadOnly));
        QStringList lines = QString::fromUtf8(inventory.readAll()).split(QLatin1Char('\n'));
        inventory.close();
        const qsizetype dropped = lines.removeAll(QStringLiteral("    vars: {db_host: \"whispa-prod-3-db.internal\"}"));
        QCOMPARE(dropped, 1);
        QVERIFY(inventory.open(QIODevice::WriteOnly | QIODevice::Truncate));
        inventory.write(lines.join(QLatin1Char('\n')).toUtf8());
        inventory.close();
        const qsizetype callsBefore = m_fleet.shimCalls().size();

        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("1.9.0"), QStringLiteral("whispa-prod-2,whispa-prod-3")));
        const QString refreshed = m_fleet.refreshInventory();
        QVERIFY2(refreshed.isEmpty(), qPrintable(refreshed));
        QVERIFY2(r.exitCode == 2, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("{{instance.vars.db_host}} of step backup (")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("selfhosted-semver-upgrade.yaml:")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("has no value for whispa-prod-3")), qPrintable(r.tail()));
        QVERIFY2(!r.has(QStringLiteral("whispa-prod-2, whispa-prod-3")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("vars: {db_host: ...}")), qPrintable(r.tail()));
        QVERIFY2(m_fleet.shimCalls().size() == callsBefore, qPrintable(r.tail()));   // nothing ran
    }
};

QTEST_GUILESS_MAIN(TestE2eWhispa)
#include "tst_e2e_whispa.moc"
