#include "app/identity/OperatorIdentity.h"

#include "models/store/Database.h"

#include <QProcessEnvironment>
#include <QSqlError>
#include <QSqlQuery>

#include <pwd.h>
#include <unistd.h>

namespace lockstep {

QString OperatorIdentity::osAccount()
{
    // The password database, not $USER: an environment variable is whatever the caller set.
    if (const passwd *pw = getpwuid(geteuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return QStringLiteral("uid-%1").arg(geteuid());
}

bool OperatorIdentity::testIdentitiesEnabled()
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("LOCKSTEP_TEST_IDENTITIES")) == QLatin1String("1");
}

Result<OperatorIdentity> OperatorIdentity::resolve(Database &db, const QString &asserted)
{
    QString claimed = asserted;
    if (claimed.isEmpty() && testIdentitiesEnabled())
        claimed = QProcessEnvironment::systemEnvironment().value(QStringLiteral("LOCKSTEP_TEST_OPERATOR"));
    if (!claimed.isEmpty() && !testIdentitiesEnabled())
        return Error{QStringLiteral("the operator is who the store or the OS authenticated, not a name given (\"%1\")").arg(claimed),
                     QStringLiteral("--operator"),
                     QStringLiteral("drop --operator: team mode acts as the database role, one desktop as the OS account "
                                    "(names given are for tests only, LOCKSTEP_TEST_IDENTITIES=1)")};
    if (db.dialect() != Database::Dialect::Postgres) {
        if (!claimed.isEmpty())
            return OperatorIdentity(claimed, Source::Asserted, true);
        return OperatorIdentity(osAccount(), Source::OsAccount, true);
    }
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT session_user, lockstep_is_approver(session_user::text), "
                               "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"))
        || !q.next())
        return Error{QStringLiteral("cannot learn the session's role: %1").arg(q.lastError().text().trimmed()),
                     Database::displayLocation(db.location()), QStringLiteral("start Lockstep once as the schema's owner")};
    const QString role = q.value(0).toString();
    // Only a superuser's session keeps a name it gives (the identity triggers leave superusers alone).
    if (!claimed.isEmpty() && q.value(2).toBool())
        return OperatorIdentity(claimed, Source::Asserted, true);
    return OperatorIdentity(role, Source::DatabaseRole, q.value(1).toBool());
}

Result<QString> OperatorIdentity::authenticate(const OperatorIdentity *me, const QString &name, const QString &what)
{
    if (name.trimmed().isEmpty())
        return Error{QStringLiteral("%1 needs the operator").arg(what), {}, {}};
    // In team mode the server records its session role anyway (a superuser's session keeps the name).
    if (!me || (name != me->name() && testIdentitiesEnabled()))
        return QStringLiteral("asserted");
    if (name != me->name())
        return Error{QStringLiteral("you are signed in as %1; %2 cannot be done here in the name of %3").arg(me->describe(), what, name),
                     {}, me->source() == Source::DatabaseRole
                             ? QStringLiteral("%1 does it from their own console (their database role)").arg(name)
                             : QStringLiteral("%1 signs with their SSH key (lockstep-cli signoff --sign-key) and the "
                                              "signature is imported here").arg(name)};
    if (!me->isApprover())
        return Error{QStringLiteral("%1 may not sign off or approve: the role is not a member of lockstep_approver").arg(me->name()),
                     {}, QStringLiteral("an administrator grants it: GRANT lockstep_approver TO %1 (docs/team-mode.md)").arg(me->name())};
    return me->authentication();
}

QString OperatorIdentity::authentication() const
{
    switch (m_source) {
    case Source::DatabaseRole: return QStringLiteral("database-role");
    case Source::OsAccount: return QStringLiteral("os-account");
    case Source::Asserted: return QStringLiteral("asserted");
    }
    return {};
}

QString OperatorIdentity::describe() const
{
    switch (m_source) {
    case Source::DatabaseRole: return QStringLiteral("%1 (database role)").arg(m_name);
    case Source::OsAccount: return QStringLiteral("%1 (OS account)").arg(m_name);
    case Source::Asserted: return QStringLiteral("%1 (asserted for a test)").arg(m_name);
    }
    return m_name;
}

} // namespace lockstep
