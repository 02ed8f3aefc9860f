#include "app/audit/AuditLog.h"
#include "models/store/Database.h"
#include "models/store/InstanceRepository.h"
#include "models/store/ProductRepository.h"
#include "models/store/ReleaseRepository.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;

// Every schema version ever shipped must open and migrate with its data intact, and the store must refuse
// what it cannot handle without damaging it.
class TestMigrations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static bool exec(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(sql)) {
            qWarning("%s", qPrintable(sql));
            return false;
        }
        return true;
    }

    // Data as a user of schema version `version` would have written it, with the SQL of that version (not
    // the current repositories, which may rely on later columns).
    static bool seed(Database &db, int version)
    {
        switch (version) {
        case 1:
            return exec(db, QStringLiteral("INSERT INTO products (id, display_name, release_source) VALUES "
                                           "('webwaka-platform', 'WebWaka Platform', 'http://127.0.0.1:9/feed.json')"))
                   && exec(db, QStringLiteral("INSERT INTO instances (name, product, environment, tags, current_version, "
                                              "update_channel, pinned_version) VALUES ('platform-prod-1', "
                                              "'webwaka-platform', 'prod', 'eu,canary', '1.4.2', 'frozen', '1.4.0')"))
                   && exec(db, QStringLiteral("INSERT INTO releases (product, version, security) VALUES "
                                              "('webwaka-platform', '1.4.3', 1)"));
        case 2: {
            AuditLog log(db);
            AuditEvent e;
            e.operatorName = QStringLiteral("alice");
            e.action = QStringLiteral("override");
            e.reason = QStringLiteral("CVE fix on a frozen instance");
            return log.append(e).ok() && log.append(e).ok();
        }
        default:
            return true;  // a version without seed data of its own still has to carry the older data forward
        }
    }

    static void checkSeeded(Database &db, int version)
    {
        if (version >= 1) {
            const auto instance = InstanceRepository(db).get(QStringLiteral("platform-prod-1"));
            QVERIFY2(instance.ok(), qPrintable(instance.ok() ? QString() : instance.error().toString()));
            QCOMPARE(instance->currentVersion, QStringLiteral("1.4.2"));
            QCOMPARE(instance->channel, UpdateChannel::Frozen);
            QCOMPARE(instance->pinnedVersion, QStringLiteral("1.4.0"));
            QCOMPARE(instance->tags, (QStringList{QStringLiteral("eu"), QStringLiteral("canary")}));
            QCOMPARE(ProductRepository(db).get(QStringLiteral("webwaka-platform"))->displayName,
                     QStringLiteral("WebWaka Platform"));
            const auto releases = ReleaseRepository(db).list(QStringLiteral("webwaka-platform"));
            QCOMPARE(releases->size(), 1);
            QVERIFY(releases->first().security);
        }
        if (version >= 2) {
            const auto report = AuditLog(db).verify();
            QVERIFY(report.ok());
            QVERIFY2(report->ok(), qPrintable(report->reason));
            QCOMPARE(report->records, 2);
        }
    }

    static QString describe(const Status &s) { return s.ok() ? QString() : s.error().toString(); }

private slots:
    void initTestCase() { QVERIFY(Database::latestSchemaVersion() >= 2); }

    void everyEarlierVersionMigratesWithItsData_data()
    {
        QTest::addColumn<int>("version");
        // Every version a store can be at: none, and each migration's (numbers may have gaps while
        // parallel work lands its migrations in another order).
        QList<int> versions{0};
        for (const QString &file : QDir(QStringLiteral(":/lockstep/migrations")).entryList(QDir::Files, QDir::Name))
            versions << file.left(4).toInt();
        for (int v : std::as_const(versions))
            if (v < Database::latestSchemaVersion())
                QTest::addRow("from v%d", v) << v;
    }
    void everyEarlierVersionMigratesWithItsData()
    {
        QFETCH(int, version);
        const QString path = m_dir.filePath(QStringLiteral("from-v%1.db").arg(version));
        {
            Database old;
            const Status opened = old.open(path, QStringLiteral("old"), version);
            QVERIFY2(opened.ok(), qPrintable(describe(opened)));
            QCOMPARE(old.schemaVersion(), version);
            for (int v = 1; v <= version; ++v)
                QVERIFY2(seed(old, v), qPrintable(QStringLiteral("seeding v%1").arg(v)));
        }
        Database db;
        const Status migrated = db.open(path, QStringLiteral("new"));
        QVERIFY2(migrated.ok(), qPrintable(describe(migrated)));
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        checkSeeded(db, version);
        db.close();

        // Opening an up-to-date database again changes nothing.
        QVERIFY(db.open(path, QStringLiteral("again")).ok());
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        checkSeeded(db, version);
    }

    void aMigrationMissingBelowTheHighestIsStillApplied()
    {
        // Branches merged out of order: a database got 0003 before 0002 existed.
        const QString path = m_dir.filePath(QStringLiteral("gap.db"));
        {
            Database db;
            QVERIFY(db.open(path, QStringLiteral("gap")).ok());
            QVERIFY(seed(db, 1));
            QVERIFY(exec(db, QStringLiteral("DROP TABLE audit_events")));
            QVERIFY(exec(db, QStringLiteral("DELETE FROM schema_version WHERE version = 2")));
        }
        Database db;
        const Status reopened = db.open(path, QStringLiteral("gap-again"));
        QVERIFY2(reopened.ok(), qPrintable(describe(reopened)));
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        QVERIFY(seed(db, 2));
        checkSeeded(db, 2);
    }

    void refusesADatabaseNewerThanTheCode()
    {
        const QString path = m_dir.filePath(QStringLiteral("future.db"));
        const int future = Database::latestSchemaVersion() + 1;
        {
            Database db;
            QVERIFY(db.open(path, QStringLiteral("future")).ok());
            QVERIFY(seed(db, 1));
            QVERIFY(exec(db, QStringLiteral("INSERT INTO schema_version (version, name, applied_at) VALUES "
                                            "(%1, 'from-the-future', '2030-01-01T00:00:00.000Z')").arg(future)));
        }
        Database db;
        const Status refused = db.open(path, QStringLiteral("future-again"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("newer")), qPrintable(refused.error().message));
        QVERIFY(refused.error().message.contains(QString::number(future)));
        QCOMPARE(refused.error().where, path);
        QVERIFY(!refused.error().hint.isEmpty());
        QCOMPARE(db.schemaVersion(), future);
        QVERIFY(InstanceRepository(db).get(QStringLiteral("platform-prod-1")).ok());
    }

    void refusesAFileThatIsNotADatabaseWithoutTouchingIt()
    {
        const QString path = m_dir.filePath(QStringLiteral("notes.db"));
        QByteArray content;
        for (int i = 0; i < 200; ++i)
            content += "these are my notes, not a database: line " + QByteArray::number(i) + '\n';
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        Database db;
        const Status refused = db.open(path, QStringLiteral("notes"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().where, path);
        QVERIFY2(refused.error().toString().contains(QStringLiteral("database")), qPrintable(refused.error().toString()));
        db.close();
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
    }

    void aFailedMigrationLeavesThePreviousVersionIntact()
    {
        // The shipped migrations plus one that fails half-way: its first statements succeed, then one fails.
        QTemporaryDir migrations;
        const QDir builtIn(QStringLiteral(":/lockstep/migrations"));
        for (const QString &name : builtIn.entryList(QDir::Files))
            QVERIFY(QFile::copy(builtIn.filePath(name), migrations.filePath(name)));
        {
            QFile broken(migrations.filePath(QStringLiteral("9000_broken.sql")));
            QVERIFY(broken.open(QIODevice::WriteOnly));
            broken.write("CREATE TABLE half_done (id INTEGER);\n"
                         "INSERT INTO half_done (id) VALUES (1);\n"
                         "UPDATE instances SET environment = 'clobbered';\n"
                         "INSERT INTO no_such_table (id) VALUES (1);\n");
        }
        const QString path = m_dir.filePath(QStringLiteral("broken-migration.db"));
        const int latest = Database::latestSchemaVersion();
        {
            Database db;
            QVERIFY(db.open(path, QStringLiteral("before")).ok());
            for (int v = 1; v <= latest; ++v)
                QVERIFY(seed(db, v));
        }
        {
            Database db;
            db.setMigrationDirectory(migrations.path());
            const Status failed = db.open(path, QStringLiteral("broken"));
            QVERIFY(!failed.ok());
            QVERIFY2(failed.error().message.contains(QStringLiteral("9000")), qPrintable(failed.error().message));
            QVERIFY(failed.error().message.contains(QStringLiteral("no_such_table")));
            QVERIFY2(failed.error().hint.contains(QString::number(latest)), qPrintable(failed.error().hint));
        }
        Database db;
        QVERIFY(db.open(path, QStringLiteral("after")).ok());
        QCOMPARE(db.schemaVersion(), latest);
        checkSeeded(db, latest);
        QCOMPARE(InstanceRepository(db).get(QStringLiteral("platform-prod-1"))->environment, QStringLiteral("prod"));
        QSqlQuery q(db.connection());
        QVERIFY2(!q.exec(QStringLiteral("SELECT count(*) FROM half_done")), "the failed migration's table must not exist");
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
