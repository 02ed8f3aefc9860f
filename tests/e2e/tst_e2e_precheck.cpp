#include "tests/e2e/E2eChecks.h"
#include "tests/e2e/E2eFleet.h"
#include "tests/e2e/FastRunbook.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const QString kMongoUri = QStringLiteral("mongodb://admin:s3cr3t-pw@mongo.internal:27017");

QStringList signOffs(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QStringLiteral("--signoff") << QStringLiteral("%1=alice:done").arg(QLatin1String(item));
    return out;
}

} // namespace

// "A failure before any change-making step leaves the instance untouched": in each bundled runbook a
// pre-check (or the backup before the first change) fails with `on_failure: rollback` in force, and no
// rollback step runs — no container is stopped or started, no migration reverted, no database restored,
// no stack applied, no instance reverted. The tool stand-ins log every call; the instance stays on its
// version and schema, out of maintenance; the audit trail says "untouched".
class TestE2ePrecheck : public QObject
{
    Q_OBJECT

    E2eFleet m_fleet;
    QHash<QString, QString> m_runbooks;

    QString runbook(const QString &name)
    {
        if (!m_runbooks.contains(name)) {
            QString error;
            const QString path = FastRunbook::write(name, m_fleet.dir(), &error);
            if (path.isEmpty())
                qFatal("%s", qPrintable(error));
            m_runbooks.insert(name, path);
        }
        return m_runbooks.value(name);
    }

    QStringList platformArgs() const
    {
        return QStringList{QStringLiteral("--window"), E2eChecks::windowNow(), QStringLiteral("--param"),
                           QStringLiteral("config_dir=") + m_fleet.path(QStringLiteral("config")), QStringLiteral("--confirm"),
                           QStringLiteral("configuration=applied"), QStringLiteral("--confirm"), QStringLiteral("notify=told"),
                           QStringLiteral("--confirm"), QStringLiteral("announce=told"), QStringLiteral("--confirm"),
                           QStringLiteral("completion-notice=sent")}
               + signOffs({"changelog", "compatibility", "dependencies", "window", "stakeholders", "rollback-plan"});
    }

    // A major needs its extended checklist (migration notes, the DB window signed by two) and confirms
    // the fix-forward follow-up of its schema rollback.
    QStringList graphArgs(const QString &backupDir, bool major) const
    {
        QStringList args{QStringLiteral("--param"), QStringLiteral("app_dir=") + m_fleet.path(QStringLiteral("app")),
                         QStringLiteral("--param"), QStringLiteral("backup_dir=") + backupDir, QStringLiteral("--param"),
                         QStringLiteral("previous_sha=") + E2eChecks::releaseSha(QStringLiteral("graph-api"), QStringLiteral("3.7.0"))};
        args += signOffs({"changelog", "fixtures-types", "branch-tested", "staging-dry-run", "image-pushed"});
        if (major)
            args += QStringList{QStringLiteral("--signoff"), QStringLiteral("db-window=bob:agreed"), QStringLiteral("--confirm"),
                                QStringLiteral("fix-forward=noted")}
                    + signOffs({"migration-notes", "db-window"});
        return args;
    }

    QStringList msgcenterArgs() const
    {
        return QStringList{QStringLiteral("--param"), QStringLiteral("expected_schema=22"), QStringLiteral("--param"),
                           QStringLiteral("backup_dir=") + m_fleet.path(QStringLiteral("backups"))}
               + signOffs({"release-notes", "new-env-vars", "low-traffic"});
    }

private slots:
    void initTestCase()
    {
        const QString failure = E2eChecks::preparePlatform(m_fleet, {QStringLiteral("platform-prod-1"), QStringLiteral("graph-prod-1")},
                                                           &m_runbooks[QStringLiteral("platform-instance-upgrade")]);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QString prometheus = m_fleet.startPrometheus({QStringLiteral("realtime-prod-1")});
        QVERIFY2(prometheus.isEmpty(), qPrintable(prometheus));
        for (const char *dir : {"app", "backups", "infra"})
            QVERIFY(QDir().mkpath(m_fleet.path(QLatin1String(dir))));
    }

    void precheckFailureChangesNothing_data()
    {
        QTest::addColumn<QString>("runbookName");
        QTest::addColumn<QString>("instance");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("shimFail");       // LOCKSTEP_SHIM_FAIL for local tools
        QTest::addColumn<QString>("fault");          // a fleetsim fault on the instance while it runs
        QTest::addColumn<QString>("failing");        // the step that fails
        QTest::addColumn<QStringList>("destructive");   // shim calls that must not happen ("TOOL ARGS" prefixes)

        QTest::newRow("platform: health-before")
            << QStringLiteral("platform-instance-upgrade") << QStringLiteral("platform-prod-1") << QStringLiteral("1.5.0")
            << platformArgs()
            << QString() << QStringLiteral("error500") << QStringLiteral("health-before")
            << QStringList{QStringLiteral("docker stop"), QStringLiteral("docker rm"), QStringLiteral("docker run"), QStringLiteral("docker pull")};
        QTest::newRow("graph-api: pre-deploy dump of a major")
            << QStringLiteral("graph-api-version-bump") << QStringLiteral("graph-prod-1") << QStringLiteral("4.0.0")
            << graphArgs(m_fleet.path(QStringLiteral("no-such-dir")), true) << QString() << QString() << QStringLiteral("predeploy-dump")
            << QStringList{QStringLiteral("git"), QStringLiteral("docker"), QStringLiteral("pg_restore"),
                           QStringLiteral("pg_dump -Fc -f %1/quarantine").arg(m_fleet.path(QStringLiteral("no-such-dir")))};
        // The count of applied migrations (what decides the schema rollback) cannot be read: nothing ran yet.
        QTest::newRow("graph-api: migrations-before of a minor")
            << QStringLiteral("graph-api-version-bump") << QStringLiteral("graph-prod-1") << QStringLiteral("3.8.0")
            << graphArgs(m_fleet.path(QStringLiteral("backups")), false) << QStringLiteral("psql") << QString()
            << QStringLiteral("migrations-before")
            << QStringList{QStringLiteral("git"), QStringLiteral("docker"), QStringLiteral("pg_restore"),
                           QStringLiteral("pg_dump -Fc -f %1/quarantine").arg(m_fleet.path(QStringLiteral("backups")))};
        QTest::newRow("realtime: replay-before")
            << QStringLiteral("realtime-server-canary-upgrade") << QStringLiteral("realtime-prod-1") << QStringLiteral("2.12.0")
            << (QStringList{QStringLiteral("--confirm"), QStringLiteral("incident=INC-7"), QStringLiteral("--confirm"),
                            QStringLiteral("rollback-defined=written down")}
                + signOffs({"sdk-config", "runtime-flags", "backup-artifacts", "compatibility", "client-commands", "canary-traffic", "mixed-clients"}))
            << QStringLiteral("rt-probe replay-hash") << QString() << QStringLiteral("replay-before")
            << QStringList{QStringLiteral("rt-probe handshake"), QStringLiteral("rt-probe blob-roundtrip"),
                           QStringLiteral("rt-probe control-plane")};
        QTest::newRow("message-center: backup")
            << QStringLiteral("message-center-k8s-upgrade") << QStringLiteral("msgcenter-prod-1") << QStringLiteral("5.3.0")
            << msgcenterArgs() << QStringLiteral("mongodump") << QString() << QStringLiteral("backup")
            << QStringList{QStringLiteral("kubectl"), QStringLiteral("mongorestore")};
        // "Backup verified restorable" runs once the backup exists (a dry-run restore); when it fails, the
        // deployment is untouched — no kubectl, and mongorestore only the one dry run.
        QTest::newRow("message-center: backup-restorable")
            << QStringLiteral("message-center-k8s-upgrade") << QStringLiteral("msgcenter-prod-1") << QStringLiteral("5.3.0")
            << msgcenterArgs() << QStringLiteral("mongorestore") << QString() << QStringLiteral("backup-restorable")
            << QStringList{QStringLiteral("kubectl")};
        QTest::newRow("whispa: backup")
            << QStringLiteral("selfhosted-semver-upgrade") << QStringLiteral("whispa-prod-1") << QStringLiteral("1.9.0")
            << QStringList{QStringLiteral("--param"), QStringLiteral("stack_dir=") + m_fleet.path(QStringLiteral("infra")),
                           QStringLiteral("--param"), QStringLiteral("backup_dir=") + m_fleet.path(QStringLiteral("backups")),
                           QStringLiteral("--signoff"), QStringLiteral("release-notes=alice:read"), QStringLiteral("--signoff"),
                           QStringLiteral("maintenance-window=alice:Sunday 02:00")}
            << QStringLiteral("pg_dump") << QString() << QStringLiteral("backup")
            << QStringList{QStringLiteral("pulumi"), QStringLiteral("pg_restore"), QStringLiteral("alembic")};
    }

    void precheckFailureChangesNothing()
    {
        QFETCH(QString, runbookName);
        QFETCH(QString, instance);
        QFETCH(QString, version);
        QFETCH(QStringList, args);
        QFETCH(QString, shimFail);
        QFETCH(QString, fault);
        QFETCH(QString, failing);
        QFETCH(QStringList, destructive);

        const QJsonObject before = m_fleet.instance(instance);
        const qsizetype callsBefore = m_fleet.shimCalls().size();
        const int rollbacksBefore = E2eChecks::audited(E2eChecks::auditEvents(m_fleet), QStringLiteral("rollback.started"), instance);
        // The fault starts once the run exists (discovery has read the version): the checklist and the backup
        // go through the control plane, which a fault leaves up; the instance's own /health then fails.
        int injected = 0;
        const auto onLine = [&](const QString &line) {
            if (!fault.isEmpty() && !injected && line.contains(QLatin1String(" created by ")))
                injected = m_fleet.sim().request("POST", QStringLiteral("/admin/inject"),
                                                 QStringLiteral(R"({"instance":"%1","fault":"%2"})").arg(instance, fault).toUtf8()).status;
        };
        QMap<QString, QString> env{{QStringLiteral("LOCKSTEP_SECRET_MONGODB_URI"), kMongoUri}};
        // Local tools read it from the environment, the hosts' tools from the shared state directory.
        QFile failFile(m_fleet.path(QStringLiteral("state/fail")));
        if (!shimFail.isEmpty()) {
            env.insert(QStringLiteral("LOCKSTEP_SHIM_FAIL"), shimFail);
            QVERIFY(QDir().mkpath(m_fleet.path(QStringLiteral("state"))));
            QVERIFY(failFile.open(QIODevice::WriteOnly | QIODevice::Truncate) && failFile.write(shimFail.toUtf8()) > 0);
            failFile.close();
        }
        const auto removeFailFile = qScopeGuard([&failFile] { failFile.remove(); });
        const CliResult r = m_fleet.cli(QStringList{QStringLiteral("run"), QStringLiteral("--runbook"), runbook(runbookName),
                                                    QStringLiteral("--version"), version, QStringLiteral("--instances"), instance,
                                                    QStringLiteral("--approve-waves")}
                                            + args,
                                        90000, onLine, env);
        if (!fault.isEmpty()) {
            QCOMPARE(injected, 200);
            QCOMPARE(m_fleet.sim().request("POST", QStringLiteral("/admin/inject"),
                                           QStringLiteral(R"({"instance":"%1","fault":"none"})").arg(instance).toUtf8()).status,
                     200);
        }

        // The pre-check failed and the run says so: failed, the instance untouched, no rollback step ran.
        QVERIFY2(r.exitCode == 1, qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("%1 %2 failed").arg(instance, failing)), qPrintable(r.tail()));
        QVERIFY2(!r.has(QStringLiteral("(rollback)")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("1 failed (1 untouched)")), qPrintable(r.tail()));

        // No change-making or restoring command reached a tool: the stand-ins logged every call. The
        // failing tool itself was called once — by the pre-check, not again by a rollback.
        QStringList calls;
        for (const QString &call : m_fleet.shimCalls().mid(callsBefore))
            if (call.startsWith(instance + QLatin1Char(' ')))
                calls << call.section(QLatin1Char(' '), 1);
        for (const QString &call : std::as_const(calls))
            for (const QString &d : destructive)
                QVERIFY2(!call.startsWith(d), qPrintable(QStringLiteral("%1 ran after the pre-check failed").arg(call)));
        if (!shimFail.isEmpty())
            QVERIFY2(calls.filter(QRegularExpression(QStringLiteral("^") + QRegularExpression::escape(shimFail))).size() == 1,
                     qPrintable(calls.join(QLatin1Char('\n'))));

        // The instance is where it was.
        const QJsonObject after = m_fleet.instance(instance);
        for (const char *key : {"version", "schemaVersion", "maintenanceMode", "status"})
            QVERIFY2(after.value(QLatin1String(key)) == before.value(QLatin1String(key)),
                     qPrintable(QStringLiteral("%1 changed from %2 to %3").arg(QLatin1String(key), before.value(QLatin1String(key)).toVariant().toString(),
                                                                          after.value(QLatin1String(key)).toVariant().toString())));

        // The audit trail tells the truth: untouched, not rolled back.
        const QList<QJsonObject> events = E2eChecks::auditEvents(m_fleet);
        QCOMPARE(E2eChecks::audited(events, QStringLiteral("rollback.skipped"), instance, QStringLiteral("untouched")) > 0, true);
        QCOMPARE(E2eChecks::audited(events, QStringLiteral("rollback.started"), instance), rollbacksBefore);
    }

    // The stand-ins hold containers by name as Docker does: a second upgrade of the same instance meets
    // the containers the first one started. The platform deploy stops and removes them before it runs the
    // new ones, so both upgrades succeed; the stand-in itself refuses a name still in use.
    void secondUpgradeOfTheSameInstance()
    {
        const QString host = QStringLiteral("platform-prod-1");
        const QString app = QStringLiteral("webwaka-app-") + host;
        QVERIFY(E2eChecks::backup(m_fleet.sim(), host));
        const qsizetype callsBefore = m_fleet.shimCalls().size();
        for (const char *version : {"1.4.3", "1.5.0"}) {
            const CliResult r = m_fleet.cli(QStringList{QStringLiteral("run"), QStringLiteral("--runbook"),
                                                        runbook(QStringLiteral("platform-instance-upgrade")), QStringLiteral("--version"),
                                                        QLatin1String(version), QStringLiteral("--instances"), host,
                                                        QStringLiteral("--approve-waves")}
                                                + platformArgs(),
                                            120000);
            QVERIFY2(r.exitCode == 0, qPrintable(r.tail()));
            QCOMPARE(m_fleet.version(host), QLatin1String(version));
        }
        // Each deploy: stop, remove, then run under the same names.
        QStringList deploys;
        for (const QString &call : m_fleet.shimCalls().mid(callsBefore))
            if (call.startsWith(host + QStringLiteral(" docker stop ")) || call.startsWith(host + QStringLiteral(" docker rm "))
                || call.startsWith(host + QStringLiteral(" docker run -d --name ") + app))
                deploys << call.section(QLatin1Char(' '), 1, 2);
        QCOMPARE(deploys, (QStringList{QStringLiteral("docker stop"), QStringLiteral("docker rm"), QStringLiteral("docker run"),
                                       QStringLiteral("docker stop"), QStringLiteral("docker rm"), QStringLiteral("docker run")}));

        // What the document's deploy alone (stop, then run) meets on a real Docker host.
        QProcess docker;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LOCKSTEP_INSTANCE"), host);
        env.insert(QStringLiteral("LOCKSTEP_FLEETSIM_API"), m_fleet.sim().apiUrl().toString());
        env.insert(QStringLiteral("LOCKSTEP_SHIM_STATE"), m_fleet.path(QStringLiteral("state")));
        env.insert(QStringLiteral("LOCKSTEP_SHIM_LOG"), m_fleet.shimLog());
        docker.setProcessEnvironment(env);
        docker.start(m_fleet.shimsDir() + QStringLiteral("/docker"), {QStringLiteral("stop"), app});
        QVERIFY(docker.waitForFinished(30000));
        QCOMPARE(docker.exitCode(), 0);
        docker.start(m_fleet.shimsDir() + QStringLiteral("/docker"),
                     {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), app, QStringLiteral("webwaka/platform:1.5.0")});
        QVERIFY(docker.waitForFinished(30000));
        QCOMPARE(docker.exitCode(), 125);
        const QString error = QString::fromUtf8(docker.readAllStandardError());
        QVERIFY2(error.contains(QStringLiteral("Conflict. The container name \"/%1\" is already in use").arg(app)), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestE2ePrecheck)
#include "tst_e2e_precheck.moc"
