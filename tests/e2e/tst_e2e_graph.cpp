#include "tests/e2e/E2eChecks.h"
#include "tests/e2e/E2eFleet.h"
#include "tests/e2e/FastRunbook.h"

#include <QDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const QString kRunbook = QStringLiteral("graph-api-version-bump");

} // namespace

// reference-procedures/graph-api-version-bump.txt: the rolling deploy over SSH (git pull, docker
// compose pull/up, /health within 30 s, pnpm smoke) host by host against one sshd per host, and the
// app-only rollback when /health does not come back.
class TestE2eGraph : public QObject
{
    Q_OBJECT

    E2eFleet m_fleet;
    QString m_runbook;

    QStringList runArgs(const QString &version, const QString &instances, const QStringList &extra = {})
    {
        QStringList args{QStringLiteral("run"), QStringLiteral("--runbook"), m_runbook, QStringLiteral("--version"), version,
                         QStringLiteral("--instances"), instances, QStringLiteral("--approve-waves"),
                         QStringLiteral("--param"), QStringLiteral("app_dir=") + m_fleet.path(QStringLiteral("app")),
                         QStringLiteral("--param"), QStringLiteral("backup_dir=") + m_fleet.path(QStringLiteral("backups")),
                         QStringLiteral("--param"), QStringLiteral("previous_sha=4f2a9c1")};
        for (const char *item : {"changelog", "fixtures-types", "branch-tested", "staging-dry-run", "image-pushed"})
            args << QStringLiteral("--signoff") << QStringLiteral("%1=alice:done").arg(QLatin1String(item));
        return args + extra;
    }

private slots:
    void initTestCase()
    {
        const QString failure = m_fleet.start({QStringLiteral("graph-prod-1"), QStringLiteral("graph-prod-2"),
                                               QStringLiteral("graph-prod-3"), QStringLiteral("graph-staging-1")});
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QString error;
        m_runbook = FastRunbook::write(kRunbook, m_fleet.dir(), &error);
        QVERIFY2(!m_runbook.isEmpty(), qPrintable(error));
        QVERIFY(QDir().mkpath(m_fleet.path(QStringLiteral("app"))));
        QVERIFY(QDir().mkpath(m_fleet.path(QStringLiteral("backups"))));
    }

    void rollingDeployHostByHost()
    {
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("3.8.0"), QStringLiteral("graph-prod-1,graph-prod-2,graph-prod-3")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.tail()));
        for (const char *name : {"graph-prod-1", "graph-prod-2", "graph-prod-3"}) {
            const QJsonObject i = m_fleet.instance(QLatin1String(name));
            QCOMPARE(i.value(QStringLiteral("version")).toString(), QStringLiteral("3.8.0"));
            QCOMPARE(i.value(QStringLiteral("schemaVersion")).toInt(), 13);   // migrated on startup
            // Each command ran on that instance's own host, in the document's order.
            const QStringList calls = m_fleet.shimCalls().filter(QRegularExpression(QStringLiteral("^%1 ").arg(QLatin1String(name))));
            const QStringList expected{QStringLiteral("%1 git pull"), QStringLiteral("%1 docker compose pull app"),
                                       QStringLiteral("%1 docker compose up -d app"), QStringLiteral("%1 pnpm smoke")};
            QStringList seen;
            for (const QString &c : calls)
                for (const QString &e : expected)
                    if (c == e.arg(QLatin1String(name)) && !seen.contains(c))
                        seen << c;
            QCOMPARE(seen.size(), 4);
            for (int k = 0; k < 4; ++k)
                QCOMPARE(seen[k], expected[k].arg(QLatin1String(name)));
        }
        QVERIFY2(r.has(QStringLiteral("wave 2 (rest) started")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("(error_rate): passed")), qPrintable(r.tail()));
        QVERIFY2(!r.has(QStringLiteral("(rollback)")), qPrintable(r.tail()));
    }

    void healthNotBackWithin30sRollsBackTheAppOnly()
    {
        // The new release never answers /health: inject 500s once compose has restarted the app, and
        // let the previous release (after the app-only rollback) be healthy again.
        FleetSim &sim = m_fleet.sim();
        const QString before = m_fleet.version(QStringLiteral("graph-staging-1"));
        bool injected = false, cleared = false;
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("3.8.0"), QStringLiteral("graph-staging-1")), 90000,
                                        [&](const QString &line) {
                                            if (!injected && line.contains(QLatin1String("graph-staging-1 compose-up started"))) {
                                                injected = sim.inject(QStringLiteral("graph-staging-1"), QStringLiteral("error500"));
                                            } else if (!cleared && line.contains(QLatin1String("app-rollback started (rollback)"))) {
                                                cleared = sim.inject(QStringLiteral("graph-staging-1"), QStringLiteral("none"));
                                            }
                                        });
        QVERIFY(injected);
        QVERIFY(cleared);
        QVERIFY2(r.exitCode == 3, qPrintable(r.tail()));
        QCOMPARE(m_fleet.version(QStringLiteral("graph-staging-1")), before);
        QVERIFY2(r.has(QStringLiteral("graph-staging-1 healthy")), qPrintable(r.tail()));
        // App-only: no quarantine dump and no restore for a minor release.
        QVERIFY2(!r.has(QStringLiteral("quarantine-dump started")), qPrintable(r.tail()));
        QVERIFY2(!r.has(QStringLiteral("restore-predeploy started")), qPrintable(r.tail()));
        QVERIFY(m_fleet.shimCalls().contains(QStringLiteral("graph-staging-1 git checkout 4f2a9c1")));
        QVERIFY(m_fleet.shimCalls().contains(QStringLiteral("graph-staging-1 docker compose up -d")));
        QVERIFY2(r.has(QStringLiteral("graph-staging-1 previous-healthy succeeded")), qPrintable(r.tail()));
    }
};

QTEST_GUILESS_MAIN(TestE2eGraph)
#include "tst_e2e_graph.moc"
