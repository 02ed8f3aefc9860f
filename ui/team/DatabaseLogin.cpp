#include "ui/team/DatabaseLogin.h"

#include "models/store/Database.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QUrl>

namespace lockstep {

Result<QString> DatabaseLogin::resolve(const QString &location, const Ask &ask, int attempts)
{
    if (!Database::isPostgresLocation(location))
        return location;
    Status connected = Database::probe(location);
    if (connected || !Database::wantsPassword(connected.error()))
        return location;
    QUrl url(location);
    for (int attempt = 0; attempt < attempts; ++attempt) {
        const QString problem = attempt == 0 && url.password().isEmpty()
                                    ? QCoreApplication::translate("DatabaseLogin", "The server wants a password; PGPASSWORD and ~/.pgpass have none for this user.")
                                    : QCoreApplication::translate("DatabaseLogin", "The server refused the password.");
        const std::optional<QString> password = ask(Database::displayLocation(location), problem);
        if (!password)
            return Error{QCoreApplication::translate("DatabaseLogin", "no password given for the store"),
                         Database::displayLocation(location),
                         QCoreApplication::translate("DatabaseLogin", "restart and enter it, or put it in ~/.pgpass (mode 0600)")};
        url.setPassword(*password, QUrl::DecodedMode);
        const QString withPassword = url.toString();
        connected = Database::probe(withPassword);
        if (connected || !Database::wantsPassword(connected.error()))
            return withPassword;
    }
    return Error{QCoreApplication::translate("DatabaseLogin", "the server refused the password %1 times").arg(attempts),
                 Database::displayLocation(location),
                 QCoreApplication::translate("DatabaseLogin", "check the user name in the URL and the password with your DBA")};
}

DatabaseLogin::Ask DatabaseLogin::dialog(QWidget *parent)
{
    return [parent](const QString &location, const QString &problem) -> std::optional<QString> {
        QInputDialog dialog(parent);
        dialog.setObjectName(QStringLiteral("databasePasswordDialog"));
        dialog.setWindowTitle(QCoreApplication::translate("DatabaseLogin", "Store password — Lockstep"));
        dialog.setLabelText(QCoreApplication::translate("DatabaseLogin", "%1\nPassword for %2 (kept for this session only):")
                                .arg(problem, location));
        dialog.setTextEchoMode(QLineEdit::Password);
        dialog.setInputMode(QInputDialog::TextInput);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.textValue();
    };
}

} // namespace lockstep
