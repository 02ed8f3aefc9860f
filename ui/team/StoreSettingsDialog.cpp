#include "ui/team/StoreSettingsDialog.h"

#include "app/core/Settings.h"
#include "models/store/Database.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QUrl>
#include <QVBoxLayout>

namespace lockstep {

StoreSettingsDialog::StoreSettingsDialog(QWidget *parent)
    : QDialog(parent), m_location(new QLineEdit(Settings::instance().get(settings::databaseUrl), this))
{
    setObjectName(QStringLiteral("storeSettingsDialog"));
    setWindowTitle(tr("Store — Lockstep"));
    m_location->setObjectName(QStringLiteral("storeLocation"));
    m_location->setPlaceholderText(tr("lockstep.sqlite in the data directory"));
    m_location->setMinimumWidth(420);
    auto *help = new QLabel(tr("A SQLite file for this console alone, or <tt>postgresql://user@host:5432/lockstep</tt> "
                               "to share runs, sign-offs and the audit log with a team. Leave the password out: "
                               "it comes from PGPASSWORD or ~/.pgpass, or Lockstep asks for it at start and keeps it "
                               "only in memory. Used from the next start."),
                            this);
    help->setObjectName(QStringLiteral("storeHelp"));
    help->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("storeButtons"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_location);
    layout->addWidget(help);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const QString typed = m_location->text().trimmed();
        const bool hadPassword = Database::isPostgresLocation(typed) && !QUrl(typed).password().isEmpty();
        emit saved(save(typed), hadPassword);
        accept();
    });
}

QString StoreSettingsDialog::save(const QString &typed)
{
    const QString location = Database::displayLocation(typed.trimmed());
    if (location.isEmpty())
        Settings::instance().reset(settings::databaseUrl);
    else
        Settings::instance().set(settings::databaseUrl, location);
    Settings::instance().sync();
    return location;
}

} // namespace lockstep
