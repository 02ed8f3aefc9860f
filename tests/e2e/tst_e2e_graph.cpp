#include "tests/e2e/E2eChecks.h"
#include "tests/e2e/E2eFleet.h"
#include "tests/e2e/FastRunbook.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const QString kRunbook = QStringLiteral("graph-api-version-bump");

} // namespace

// reference-procedures/graph-api-version-bump.txt: the rolling deploy over SSH (git pull, docker
// compose pull/up, /health within 30 s, pnpm smoke) host by host against one sshd per host, the
// rollback when /health does not come back (app-only, or app + schema when the release ran a migration), a
// previous SHA git does not know failing the rollback, and a major release: refused until its extended
// checklist is signed, an ad-hoc pg_dump before the deploy, and the app + schema rollback that
// restores it when the new release does not come up.
class TestE2eGraph : public QObject
{
    Q_OBJECT

    E2eFleet m_fleet;
    QString m_runbook;

    // The rollback checks out the SHA of the release the hosts run now (the document's <previous-sha>).
    QStringList runArgs(const QString &version, const QString &instances, const QStringList &extra = {},
                        const QString &previous = QStringLiteral("3.7.0"))
    {
        QStringList args{QStringLiteral("run"), QStringLiteral("--runbook"), m_runbook, QStringLiteral("--version"), version,
                         QStringLiteral("--instances"), instances, QStringLiteral("--approve-waves"),
                         QStringLiteral("--param"), QStringLiteral("app_dir=") + m_fleet.path(QStringLiteral("app")),
                         QStringLiteral("--param"), QStringLiteral("backup_dir=") + m_fleet.path(QStringLiteral("backups")),
                         QStringLiteral("--param"),
                         QStringLiteral("previous_sha=") + E2eChecks::releaseSha(QStringLiteral("graph-api"), previous)};
        for (const char *item : {"changelog", "fixtures-types", "branch-tested", "staging-dry-run", "image-pushed"})
            args << QStringLiteral("--signoff") << QStringLiteral("%1=alice:done").arg(QLatin1String(item));
        return args + extra;
    }

private slots:
    void initTestCase()
    {
        const QString failure = m_fleet.start({QStringLiteral("graph-prod-1"), QStringLiteral("graph-prod-2"),
                                               QStringLiteral("graph-prod-3"), QStringLiteral("graph-staging-1"),
                                               QStringLiteral("graph-staging-2")});
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

    // The new release never answers /health: 500s are injected once compose has restarted the app, and
    // the previous release (after the rollback) is healthy again. Which rollback depends on whether the
    // release ran a migration, not on its change class: a patch that ran none takes the app-only path;
    // a minor that migrated the schema (12 -> 13 on startup) takes the app + schema path and is back on
    // schema 12. An unknown previous SHA fails the rollback, as git refuses the checkout.
    void healthNotBackWithin30sRollsBack_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("schemaPath");
        QTest::newRow("patch without a migration: app only") << QStringLiteral("3.7.1") << false;
        QTest::newRow("minor that ran a migration: app + schema") << QStringLiteral("3.8.0") << true;
    }
    void healthNotBackWithin30sRollsBack()
    {
        QFETCH(QString, version);
        QFETCH(bool, schemaPath);
        FleetSim &sim = m_fleet.sim();
        const QString host = QStringLiteral("graph-staging-1");
        const QString before = m_fleet.version(host);
        QCOMPARE(before, QStringLiteral("3.7.0"));
        QCOMPARE(m_fleet.instance(host).value(QStringLiteral("schemaVersion")).toInt(), 12);
        const qsizetype callsBefore = m_fleet.shimCalls().size();
        bool injected = false, cleared = false;
        const CliResult r = m_fleet.cli(runArgs(version, host), 90000, [&](const QString &line) {
            if (!injected && line.contains(QLatin1String("graph-staging-1 compose-up started"))) {
                injected = sim.inject(host, QStringLiteral("error500"));
            } else if (!cleared && line.contains(QLatin1String("app-rollback started (rollback)"))) {
                cleared = sim.inject(host, QStringLiteral("none"));
            }
        });
        QVERIFY(injected);
        QVERIFY(cleared);
        QVERIFY2(r.exitCode == 3, qPrintable(r.tail()));
        QCOMPARE(m_fleet.version(host), before);
        QCOMPARE(m_fleet.instance(host).value(QStringLiteral("schemaVersion")).toInt(), 12);
        const QStringList calls = m_fleet.shimCalls().mid(callsBefore);
        const QString backups = m_fleet.path(QStringLiteral("backups"));
        const QString quarantine = QStringLiteral("graph-staging-1 pg_dump -Fc -f %1/quarantine-graph-staging-1-%2.dump whatsapp").arg(backups, version);
        const QString restore = QStringLiteral("graph-staging-1 pg_restore --clean --if-exists -d whatsapp %1/predeploy-graph-staging-1-%2.dump")
                                    .arg(backups, version);
        QVERIFY2(calls.contains(quarantine) == schemaPath, qPrintable(calls.join(QLatin1Char('\n'))));
        QVERIFY2(calls.contains(restore) == schemaPath, qPrintable(calls.join(QLatin1Char('\n'))));
        // Both schema steps run in either case; they find out themselves whether a migration ran.
        QVERIFY2(r.has(QStringLiteral("graph-staging-1 restore-predeploy succeeded")), qPrintable(r.tail()));
        QVERIFY(calls.contains(QStringLiteral("graph-staging-1 git checkout %1").arg(E2eChecks::releaseSha(QStringLiteral("graph-api"), before))));
        QVERIFY(calls.contains(QStringLiteral("graph-staging-1 docker compose up -d")));
        QVERIFY2(r.has(QStringLiteral("graph-staging-1 previous-healthy succeeded")), qPrintable(r.tail()));
    }

    void rollbackToAnUnknownShaFails()
    {
        const QString host = QStringLiteral("graph-staging-1");
        bool injected = false;
        const qsizetype callsBefore = m_fleet.shimCalls().size();
        QStringList args = runArgs(QStringLiteral("3.7.1"), host);
        args[args.indexOf(QRegularExpression(QStringLiteral("^previous_sha=.*")))] = QStringLiteral("previous_sha=4f2a9c1");
        const CliResult r = m_fleet.cli(args, 90000, [&](const QString &line) {
            if (!injected && line.contains(QLatin1String("graph-staging-1 compose-up started")))
                injected = m_fleet.sim().inject(host, QStringLiteral("error500"));
        });
        QVERIFY(injected);
        QVERIFY(m_fleet.sim().inject(host, QStringLiteral("none")));
        QVERIFY2(r.exitCode != 0, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("graph-staging-1 app-rollback failed")), qPrintable(r.tail()));
        // git refused the checkout, so the compose restart after it never ran: nothing pretends.
        const QStringList calls = m_fleet.shimCalls().mid(callsBefore);
        QVERIFY2(calls.contains(QStringLiteral("graph-staging-1 git checkout 4f2a9c1")), qPrintable(calls.join(QLatin1Char('\n'))));
        QVERIFY2(!calls.contains(QStringLiteral("graph-staging-1 docker compose up -d")), qPrintable(calls.join(QLatin1Char('\n'))));
    }

    void majorIsRefusedUntilTheExtendedChecklistIsSigned()
    {
        const QString host = QStringLiteral("graph-staging-2");
        const QJsonObject before = m_fleet.instance(host);
        // Nothing signed beyond the standard checklist: both major items are missing.
        const CliResult unsigned_ = m_fleet.cli(runArgs(QStringLiteral("4.0.0"), host));
        QVERIFY2(unsigned_.exitCode == 2, qPrintable(unsigned_.tail()));
        QVERIFY2(unsigned_.has(QStringLiteral("checklist is not complete")), qPrintable(unsigned_.tail()));
        QVERIFY2(unsigned_.has(QStringLiteral("migration-notes")) && unsigned_.has(QStringLiteral("db-window")), qPrintable(unsigned_.tail()));
        // The DB-breaking window needs two operators: one is not enough.
        const CliResult oneSigner = m_fleet.cli(runArgs(QStringLiteral("4.0.0"), host,
                                                        {QStringLiteral("--signoff"), QStringLiteral("migration-notes=alice:read"),
                                                         QStringLiteral("--signoff"), QStringLiteral("db-window=alice:Sat 02:00-04:00")}));
        QVERIFY2(oneSigner.exitCode == 2, qPrintable(oneSigner.tail()));
        QVERIFY2(oneSigner.has(QStringLiteral("db-window")) && !oneSigner.output.section(QStringLiteral("not complete"), 1).contains(QStringLiteral("migration-notes")),
                 qPrintable(oneSigner.tail()));
        for (const CliResult *r : {&unsigned_, &oneSigner})
            QVERIFY2(!r->has(QStringLiteral("git-pull started")), qPrintable(r->tail()));
        QCOMPARE(m_fleet.instance(host).value(QStringLiteral("version")).toString(), before.value(QStringLiteral("version")).toString());
        QVERIFY(m_fleet.shimCalls().filter(QRegularExpression(QStringLiteral("^%1 ").arg(host))).isEmpty());

        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("4.0.0"), host,
                                                {QStringLiteral("--signoff"), QStringLiteral("migration-notes=alice:read"),
                                                 QStringLiteral("--signoff"), QStringLiteral("db-window=alice:Sat 02:00-04:00"),
                                                 QStringLiteral("--signoff"), QStringLiteral("db-window=bob:agreed")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.tail()));
        const QJsonObject after = m_fleet.instance(host);
        QCOMPARE(after.value(QStringLiteral("version")).toString(), QStringLiteral("4.0.0"));
        QCOMPARE(after.value(QStringLiteral("schemaVersion")).toInt(), 14);   // the major's migrations ran on startup
        // The ad-hoc dump came first, on the host, before the release was fetched.
        const QStringList calls = m_fleet.shimCalls().filter(QRegularExpression(QStringLiteral("^%1 ").arg(host)));
        const QString dump = QStringLiteral("%1 pg_dump -Fc -f %2/predeploy-%1-4.0.0.dump whatsapp").arg(host, m_fleet.path(QStringLiteral("backups")));
        QVERIFY2(calls.value(0) == dump, qPrintable(calls.join(QLatin1Char('\n'))));
        QVERIFY(calls.contains(QStringLiteral("%1 git pull").arg(host)));
        QVERIFY(QFile::exists(m_fleet.path(QStringLiteral("backups/predeploy-%1-4.0.0.dump").arg(host))));
        QVERIFY2(r.has(QStringLiteral("graph-staging-2 smoke succeeded")), qPrintable(r.tail()));
        const CliResult status = m_fleet.cli({QStringLiteral("status"), E2eChecks::runId(r)});
        QVERIFY2(status.has(QStringLiteral("signed db-window by bob")), qPrintable(status.tail()));
        QVERIFY2(status.has(QStringLiteral("signed migration-notes by alice")), qPrintable(status.tail()));
    }

    void majorThatDoesNotComeUpRestoresThePredeployDump()
    {
        // graph-prod-1 runs 3.8.0 (schema 13) since the rolling deploy. 4.0.0 migrates to 14 on startup
        // and then never answers /health: the app + schema rollback quarantines the broken state,
        // restores the pre-deploy dump (schema 13 again) and deploys the previous SHA.
        FleetSim &sim = m_fleet.sim();
        const QString host = QStringLiteral("graph-prod-1");
        QCOMPARE(m_fleet.version(host), QStringLiteral("3.8.0"));
        QCOMPARE(m_fleet.instance(host).value(QStringLiteral("schemaVersion")).toInt(), 13);
        bool injected = false, cleared = false;
        const CliResult r = m_fleet.cli(runArgs(QStringLiteral("4.0.0"), host,
                                                {QStringLiteral("--signoff"), QStringLiteral("migration-notes=alice:read"),
                                                 QStringLiteral("--signoff"), QStringLiteral("db-window=alice:Sat 02:00-04:00"),
                                                 QStringLiteral("--signoff"), QStringLiteral("db-window=bob:agreed"),
                                                 QStringLiteral("--confirm"), QStringLiteral("fix-forward=GRAPH-88 opened")},
                                                QStringLiteral("3.8.0")),
                                        90000, [&](const QString &line) {
                                            // Broken before /health is first asked (the compose shim
                                            // talks to the control plane, which the fault leaves alone):
                                            // injected on "healthy started", a fast restart could answer
                                            // 200 first and fail running-version instead.
                                            if (!injected && line.contains(QLatin1String("graph-prod-1 compose-up started"))) {
                                                injected = sim.inject(host, QStringLiteral("error500"));
                                            } else if (!cleared && line.contains(QLatin1String("app-rollback started (rollback)"))) {
                                                cleared = sim.inject(host, QStringLiteral("none"));
                                            }
                                        });
        QVERIFY(injected);
        QVERIFY(cleared);
        QVERIFY2(r.exitCode == 3, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("graph-prod-1 healthy timed-out")), qPrintable(r.tail()));
        const QJsonObject after = m_fleet.instance(host);
        QCOMPARE(after.value(QStringLiteral("version")).toString(), QStringLiteral("3.8.0"));
        QCOMPARE(after.value(QStringLiteral("schemaVersion")).toInt(), 13);    // the pre-deploy dump's schema
        // The document's order: quarantine dump, restore, previous SHA, then the follow-up.
        const QString backups = m_fleet.path(QStringLiteral("backups"));
        const QStringList expected{
            QStringLiteral("graph-prod-1 pg_dump -Fc -f %1/quarantine-graph-prod-1-4.0.0.dump whatsapp").arg(backups),
            QStringLiteral("graph-prod-1 pg_restore --clean --if-exists -d whatsapp %1/predeploy-graph-prod-1-4.0.0.dump").arg(backups),
            QStringLiteral("graph-prod-1 git checkout %1").arg(E2eChecks::releaseSha(QStringLiteral("graph-api"), QStringLiteral("3.8.0")))};
        const QStringList calls = m_fleet.shimCalls();
        qsizetype at = 0;
        for (const QString &e : expected) {
            const qsizetype found = calls.indexOf(e, at);
            QVERIFY2(found >= at, qPrintable(e + QStringLiteral("\n") + calls.join(QLatin1Char('\n'))));
            at = found + 1;
        }
        QVERIFY(QFile::exists(backups + QStringLiteral("/quarantine-graph-prod-1-4.0.0.dump")));
        for (const char *step : {"quarantine-dump", "restore-predeploy", "app-rollback", "previous-healthy", "fix-forward"})
            QVERIFY2(r.has(QStringLiteral("graph-prod-1 %1 started (rollback)").arg(QLatin1String(step))), step);
        QVERIFY2(r.has(QStringLiteral("fix-forward confirmed by --confirm")), qPrintable(r.tail()));

        const QList<QJsonObject> events = E2eChecks::auditEvents(m_fleet);
        QVERIFY(E2eChecks::audited(events, QStringLiteral("rollback.finished"), host) >= 1);
        QVERIFY(E2eChecks::audited(events, QStringLiteral("step.confirmed"), host, QStringLiteral("GRAPH-88")) >= 1);
        const CliResult verify = m_fleet.cli({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.tail()));
    }
};

QTEST_GUILESS_MAIN(TestE2eGraph)
#include "tst_e2e_graph.moc"
