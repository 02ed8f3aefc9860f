#pragma once

#include "models/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace lockstep {

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
    Status open(const QString &location, const QString &connectionName = QStringLiteral("lockstep"));
    void close();

    // Applies migrations up to `targetVersion` (-1 = all). Exposed for the migration tests.
    Status migrate(int targetVersion = -1);
    int schemaVersion() const;
    static int latestSchemaVersion();

    QSqlDatabase &connection() { return m_db; }
    Dialect dialect() const { return m_dialect; }
    QString location() const { return m_location; }
    bool isOpen() const { return m_db.isOpen(); }

    // Migration SQL is written once for both dialects; these tokens are replaced per dialect:
    // {{id}} an auto-increment primary key, {{blob}} binary, {{bool}} boolean.
    static QString translate(const QString &sql, Dialect dialect);

private:
    Status applyMigration(int version, const QString &name, const QString &sql);

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_location;
    Dialect m_dialect = Dialect::Sqlite;
};

} // namespace lockstep
