#pragma once

#include "models/Result.h"

#include <QString>

namespace lockstep {

class Database;

// Who is acting at this console, from something that authenticated them rather than a typed name:
// in team mode the PostgreSQL session role (the server checked its credentials, and migration 0006 makes
// the server record it whatever a client sends); on one desktop the OS account. A name given for a test
// (LOCKSTEP_TEST_IDENTITIES=1 with LOCKSTEP_TEST_OPERATOR or --operator) is "asserted": it is recorded
// as such on every sign-off and never taken for an authenticated one.
class OperatorIdentity
{
public:
    enum class Source { DatabaseRole, OsAccount, Asserted };

    OperatorIdentity() = default;
    OperatorIdentity(QString name, Source source, bool approver)
        : m_name(std::move(name)), m_source(source), m_approver(approver) {}

    // `asserted`: a name a test gives (--operator); refused unless test identities are enabled.
    static Result<OperatorIdentity> resolve(Database &db, const QString &asserted = {});
    // The login name of the account this process runs as.
    static QString osAccount();
    // LOCKSTEP_TEST_IDENTITIES=1: tests may act under names they give (asserted, audited as such).
    static bool testIdentitiesEnabled();

    // How a sign-off or approval by `name` at this console is authenticated ("database-role", "os-account",
    // "asserted"), or why it is refused: another person signs with their own key or from their own
    // console, and in team mode only approvers sign. `me` null (services wired by hand): asserted.
    static Result<QString> authenticate(const OperatorIdentity *me, const QString &name, const QString &what);

    QString name() const { return m_name; }
    Source source() const { return m_source; }
    // Team mode: a member of lockstep_approver (may sign off, approve and override). On one desktop the
    // account's owner decides, so always true there.
    bool isApprover() const { return m_approver; }
    // How a sign-off records it: "database-role", "os-account" or "asserted".
    QString authentication() const;
    // For the window and the CLI: "alice (database role)".
    QString describe() const;

private:
    QString m_name;
    Source m_source = Source::OsAccount;
    bool m_approver = false;
};

} // namespace lockstep
