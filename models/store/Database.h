#pragma once

#include "models/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <map>
#include <memory>

namespace lockstep {

class LeaseFence;

// The store's connection: SQLite by default (a file), PostgreSQL in team mode (a URL).
// Opening applies every pending forward-only migration, each in its own transaction.
class Database
{
public:
    enum class Dialect { Sqlite, Postgres };

    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // `location` is a file path (SQLite) or "postgresql://user@host:port/db" (PostgreSQL).
    // `connectionName` must be unique per thread; a connection belongs to the thread that opened it.
    // `targetVersion` stops migrating at that schema version (-1 = latest); the migration tests use it to
    // build databases of every earlier version.
    Status open(const QString &location, const QString &connectionName = QStringLiteral("lockstep"),
                int targetVersion = -1);
    void close();

    // Where a database lives when the operator names none: <AppDataLocation>/lockstep.db.
    static QString defaultLocation();

    // Applies migrations up to `targetVersion` (-1 = all). Exposed for the migration tests.
    Status migrate(int targetVersion = -1);
    int schemaVersion() const;
    static int latestSchemaVersion();

    // The folder migrations are read from; the compiled-in resources unless a test points elsewhere
    // (e.g. to inject a migration that fails). Call before open().
    void setMigrationDirectory(const QString &directory) { m_migrationDirectory = directory; }

    // Transactions nest: the outermost is a real transaction (SQLite: BEGIN IMMEDIATE, so a read-then-write
    // such as an audit append cannot be overtaken by another writer), inner ones are savepoints. Callers
    // compose repository calls into one atomic unit this way; prefer the RAII `Transaction`.
    Status beginTransaction();
    Status commitTransaction();
    void rollbackTransaction();
    int transactionDepth() const { return m_transactionDepth; }

    QSqlDatabase &connection() { return m_db; }
    Dialect dialect() const { return m_dialect; }
    QString location() const { return m_location; }
    bool isOpen() const { return m_db.isOpen(); }

    // Migration SQL is written once for both dialects; these tokens are replaced per dialect:
    // {{id}} an auto-increment primary key, {{blob}} binary, {{bool}} boolean. Lines from "-- @postgres"
    // to "-- @end" are for PostgreSQL only (functions and triggers; $$-quoted bodies stay one statement).
    static QString translate(const QString &sql, Dialect dialect);

    static bool isPostgresLocation(const QString &location);
    // Only connects (PostgreSQL; SQLite is always fine) and disconnects: whether the credentials work.
    static Status probe(const QString &location);
    // The server wants a password that was not given (neither in the URL, PGPASSWORD nor ~/.pgpass), or
    // refused the one given: the console may ask the operator for it.
    static bool wantsPassword(const Error &error);

    // The location as it may be logged or shown: a URL loses its password.
    static QString displayLocation(const QString &location);

    // Tells other consoles (PostgreSQL NOTIFY on kNotifyChannel, delivered at commit) and this process's
    // StoreNotifiers that `kind` ("signoff", "step", "run", "lease", "audit") changed for `runId`.
    // Best effort: a lost notification only delays a view; the tables stay the truth.
    void notify(const QString &kind, qint64 runId);
    static constexpr const char *kNotifyChannel = "lockstep_events";

    // The lease fences of the runs this console drives (LeaseRepository::fenceWrites): the repositories
    // on this connection write for such a run only while it still holds its leases.
    void setLeaseFence(std::shared_ptr<LeaseFence> fence);
    // Removes `fence` if it is still the one registered for its run.
    void removeLeaseFence(const LeaseFence *fence);
    LeaseFence *leaseFence(qint64 runId) const;

private:
    Status applyMigration(int version, const QString &name, const QString &sql);

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_location;
    Dialect m_dialect = Dialect::Sqlite;
    QString m_migrationDirectory;
    int m_transactionDepth = 0;
    std::map<qint64, std::shared_ptr<LeaseFence>> m_fences;
};

} // namespace lockstep
