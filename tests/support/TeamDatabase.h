#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace lockstep::test {

class Postgres;

// A team-mode database set up the way docs/team-mode.md tells an administrator to: the owner role
// `lockstep_owner` owns the database and creates the schema (its first open runs the migrations), the
// consoles' group `lockstep_console` may read and write but never rewrite the audit chain or the schema
// version, and each operator logs in as their own role in the groups named.
struct TeamOperator
{
    QString name;
    QStringList groups;     // lockstep_console is implied; e.g. lockstep_approver, lockstep_release
};

// Empty on success, else what failed (the statement and PostgreSQL's error) for QFAIL.
QString setUpTeamDatabase(Postgres &postgres, const QString &database, const QList<TeamOperator> &operators);

} // namespace lockstep::test
