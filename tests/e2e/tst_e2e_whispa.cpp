#include "tests/e2e/E2eChecks.h"
#include "tests/e2e/E2eFleet.h"
#include "tests/e2e/FastRunbook.h"

#include <QDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const QString kRunbook = QStringLiteral("selfhosted-semver-upgrade");

} // namespace

// reference-procedures/selfhosted-semver-upgrade.txt: semantic versioning picks the path; pulumi
// preview/up run locally (the shim deploys on lockstep-fleetsim); a major release demands the extended
// checklist and its manual migration.
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
};

QTEST_GUILESS_MAIN(TestE2eWhispa)
#include "tst_e2e_whispa.moc"
