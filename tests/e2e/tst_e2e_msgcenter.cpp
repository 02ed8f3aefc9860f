#include "tests/e2e/E2eChecks.h"
#include "tests/e2e/E2eFleet.h"
#include "tests/e2e/FastRunbook.h"

#include <QFile>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const QString kRunbook = QStringLiteral("message-center-k8s-upgrade");
const QString kMongoUri = QStringLiteral("mongodb://admin:s3cr3t-pw@mongo.internal:27017");

} // namespace

// reference-procedures/message-center-k8s-upgrade.txt: migrations with the new image before new pods
// (local kubectl), schema verification, diagnostics; a release that ran its migrations and then fails
// is rolled back with a restore of the pre-upgrade backup.
class TestE2eMsgCenter : public QObject
{
    Q_OBJECT

    E2eFleet m_fleet;
    QString m_runbook;

    CliResult run(const QString &version, const QString &schema, const QString &instances)
    {
        QStringList args{QStringLiteral("run"), QStringLiteral("--runbook"), m_runbook, QStringLiteral("--version"), version,
                         QStringLiteral("--instances"), instances, QStringLiteral("--approve-waves"),
                         QStringLiteral("--param"), QStringLiteral("expected_schema=") + schema,
                         QStringLiteral("--param"), QStringLiteral("backup_dir=") + m_fleet.path(QStringLiteral("backups"))};
        for (const char *item : {"release-notes", "new-env-vars", "low-traffic"})
            args << QStringLiteral("--signoff") << QStringLiteral("%1=alice:done").arg(QLatin1String(item));
        return m_fleet.cli(args, 90000, {}, {{QStringLiteral("LOCKSTEP_SECRET_MONGODB_URI"), kMongoUri}});
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

    void migrationsBeforeNewPods()
    {
        const CliResult r = run(QStringLiteral("5.3.0"), QStringLiteral("22"), QStringLiteral("msgcenter-prod-1,msgcenter-prod-2"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.tail()));
        for (const char *name : {"msgcenter-prod-1", "msgcenter-prod-2"}) {
            const QJsonObject d = m_fleet.sim().get(QStringLiteral("/api/diagnostics/") + QLatin1String(name)).json().toObject();
            QCOMPARE(d.value(QStringLiteral("version")).toString(), QStringLiteral("5.3.0"));
            QCOMPARE(d.value(QStringLiteral("schemaVersion")).toInt(), 22);
            QCOMPARE(d.value(QStringLiteral("coreApi")).toString(), QStringLiteral("ok"));
            // The migration ran before the deployment's image changed.
            const QStringList calls = m_fleet.shimCalls().filter(QRegularExpression(QStringLiteral("^%1 kubectl").arg(QLatin1String(name))));
            qsizetype migrate = -1, setImage = -1;
            for (qsizetype k = 0; k < calls.size(); ++k) {
                if (migrate < 0 && calls[k].contains(QLatin1String("run migrate")))
                    migrate = k;
                if (setImage < 0 && calls[k].contains(QLatin1String("set image")))
                    setImage = k;
            }
            QVERIFY2(migrate >= 0 && setImage > migrate, qPrintable(calls.join(QLatin1Char('\n'))));
            // Its own cluster, namespace, database and backup archive, from the inventory's vars.
            for (const QString &call : calls)
                QVERIFY2(call.contains(QStringLiteral("kubectl --context %1 -n message-center ").arg(QLatin1String(name))), qPrintable(call));
            QString db = QLatin1String(name);
            db.replace(QLatin1Char('-'), QLatin1Char('_'));
            const QString archive = m_fleet.path(QStringLiteral("backups/pre-upgrade-%1.gz").arg(QLatin1String(name)));
            QVERIFY(m_fleet.shimCalls().contains(
                QStringLiteral("%1 mongodump --db=%2 --archive=%3 --gzip").arg(QLatin1String(name), db, archive)));
            QFile file(archive);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll().contains(QByteArray("instance=").append(name)));
        }
        QVERIFY2(r.has(QStringLiteral("checklist audit-fallback-empty: ok")), qPrintable(r.tail()));
        QVERIFY2(!r.has(QStringLiteral("(rollback)")), qPrintable(r.tail()));
    }

    void failureAfterMigrationsRestoresTheBackup()
    {
        const CliResult r = run(QStringLiteral("5.3.1"), QStringLiteral("22"), QStringLiteral("msgcenter-staging-1"));
        QVERIFY2(r.exitCode == 3, qPrintable(r.tail()));
        const QJsonObject d = m_fleet.sim().get(QStringLiteral("/api/diagnostics/msgcenter-staging-1")).json().toObject();
        QCOMPARE(d.value(QStringLiteral("version")).toString(), QStringLiteral("5.2.0"));
        QCOMPARE(d.value(QStringLiteral("schemaVersion")).toInt(), 21);          // restored, not just the image
        QCOMPARE(d.value(QStringLiteral("coreApi")).toString(), QStringLiteral("ok"));
        QVERIFY2(r.has(QStringLiteral("msgcenter-staging-1 rollout-undo started (rollback)")), qPrintable(r.tail()));
        QVERIFY2(r.has(QStringLiteral("msgcenter-staging-1 restore started (rollback)")), qPrintable(r.tail()));
        QVERIFY(!m_fleet.shimCalls().filter(QStringLiteral("msgcenter-staging-1 mongorestore")).isEmpty());
        QVERIFY2(!r.has(kMongoUri), "the MongoDB URI secret leaked into the output");
        QString raw;
        const QList<QJsonObject> events = E2eChecks::auditEvents(m_fleet, &raw);
        QVERIFY(E2eChecks::audited(events, QStringLiteral("rollback.finished"), QStringLiteral("msgcenter-staging-1")) == 1);
        QVERIFY(E2eChecks::audited(events, QStringLiteral("rollback.started"), QStringLiteral("msgcenter-staging-1")) == 1);
        QVERIFY2(!raw.contains(kMongoUri), "the MongoDB URI secret leaked into the audit log");
    }
};

QTEST_GUILESS_MAIN(TestE2eMsgCenter)
#include "tst_e2e_msgcenter.moc"
