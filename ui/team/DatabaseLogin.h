#pragma once

#include "models/Result.h"

#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace lockstep {

// Team mode: the PostgreSQL URL a console keeps (settings, --database) has no password; libpq finds it in
// PGPASSWORD or ~/.pgpass, or a client certificate replaces it. When none of them has it and the server
// wants one, the console asks the operator. The password then lives only in memory for this session:
// it is never written to settings and never logged (errors and logs show Database::displayLocation).
class DatabaseLogin
{
public:
    // Asks for the password of `location` (shown without one); `problem` says why (none given, or the
    // server refused the last one). Returns the password, or nothing when the operator cancelled.
    using Ask = std::function<std::optional<QString>(const QString &location, const QString &problem)>;

    // The location to open: `location` itself when it needs no password (SQLite, a URL that connects, or
    // a failure a password would not fix: the store's open reports that one); otherwise the URL with the
    // password the operator gave. Refused when the operator cancelled or after `attempts` refused ones.
    static Result<QString> resolve(const QString &location, const Ask &ask, int attempts = 3);

    // The GUI's way to ask: a modal password dialog (objectName "databasePasswordDialog") over `parent`.
    static Ask dialog(QWidget *parent);
};

} // namespace lockstep
