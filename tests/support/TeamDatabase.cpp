#include "tests/support/TeamDatabase.h"

#include "models/store/Database.h"
#include "tests/support/Postgres.h"

#include <QSet>

namespace lockstep::test {

namespace {

QString runAll(Postgres &postgres, const QString &database, const QStringList &statements, const QString &user)
{
    for (const QString &sql : statements)
        if (const QString failed = postgres.execute(database, sql, user); !failed.isEmpty())
            return sql + QStringLiteral(": ") + failed;
    return {};
}

} // namespace

QString setUpTeamDatabase(Postgres &postgres, const QString &database, const QList<TeamOperator> &operators)
{
    QStringList roles{QStringLiteral("CREATE ROLE lockstep_owner LOGIN"),
                      QStringLiteral("CREATE DATABASE %1 OWNER lockstep_owner").arg(database),
                      QStringLiteral("CREATE ROLE lockstep_console NOLOGIN"),
                      QStringLiteral("GRANT CONNECT, TEMPORARY ON DATABASE %1 TO lockstep_console").arg(database)};
    QSet<QString> groups;
    for (const TeamOperator &op : operators)
        for (const QString &group : op.groups)
            if (!groups.contains(group)) {
                groups.insert(group);
                roles << QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(group);
            }
    for (const TeamOperator &op : operators)
        roles << QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE %2")
                     .arg(op.name, (QStringList{QStringLiteral("lockstep_console")} + op.groups).join(QStringLiteral(", ")));
    if (QString failed = runAll(postgres, QStringLiteral("postgres"), roles, QStringLiteral("lockstep")); !failed.isEmpty())
        return failed;
    if (QString failed = runAll(postgres, database,
                                {QStringLiteral("ALTER SCHEMA public OWNER TO lockstep_owner"),
                                 QStringLiteral("REVOKE ALL ON SCHEMA public FROM PUBLIC"),
                                 QStringLiteral("GRANT USAGE ON SCHEMA public TO lockstep_console")},
                                QStringLiteral("lockstep"));
        !failed.isEmpty())
        return failed;
    {
        // The owner's first open creates the schema.
        Database owner;
        if (const Status opened = owner.open(postgres.url(database, QStringLiteral("lockstep_owner")), database + QStringLiteral("-owner"));
            !opened)
            return QStringLiteral("the owner's first open: ") + opened.error().toString();
    }
    return runAll(postgres, database,
                  {QStringLiteral("GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO lockstep_console"),
                   QStringLiteral("REVOKE UPDATE ON audit_events, schema_version FROM lockstep_console"),
                   QStringLiteral("REVOKE INSERT ON schema_version FROM lockstep_console")},
                  QStringLiteral("lockstep_owner"));
}

} // namespace lockstep::test
