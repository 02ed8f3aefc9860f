#include "app/core/Logging.h"
#include "app/core/Settings.h"
#include "app/inventory/InventoryFile.h"
#include "models/store/Database.h"
#include "ui/MainWindow.h"
#include "ui/fleet/FleetController.h"
#include "ui/fleet/FleetDiscovery.h"
#include "ui/inventory/InMemoryInventoryService.h"
#include "ui/inventory/RemoteInventoryLoader.h"
#include "ui/inventory/StoreInventoryService.h"
#include "ui/ssh/SshConsole.h"
#include "ui/team/DatabaseLogin.h"
#include "ui/upgrade/UpgradeController.h"
#include "ui/upgrade/UpgradeWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTranslator>

using namespace lockstep;
using namespace std::chrono_literals;

namespace {

Q_LOGGING_CATEGORY(lcMain, "lockstep.main")

void installTranslations(QApplication &app)
{
    // Qt's own strings (dialog buttons) and ours, both chosen by the system locale.
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *ours = new QTranslator(&app);
    if (ours->load(QLocale(), QStringLiteral("lockstep"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Lockstep"));
    QApplication::setApplicationName(QStringLiteral("lockstep"));
    QApplication::setApplicationVersion(QStringLiteral(LOCKSTEP_VERSION));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Guided upgrades across a fleet"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
        QApplication::translate("main", "Keep the store, settings and log in <dir>."), QStringLiteral("dir"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
        QApplication::translate("main", "Import <url>/inventory.yaml of a lockstep-fleetsim at start and poll it."),
        QStringLiteral("url"));
    const QCommandLineOption databaseOption(QStringLiteral("database"),
        QApplication::translate("main", "Use the store at <url> (postgresql://...) instead of SQLite."),
        QStringLiteral("url"));
    parser.addOptions({dataDirOption, demoOption, databaseOption});
    parser.process(app);

    const QString dataDir = parser.isSet(dataDirOption)
        ? QDir(parser.value(dataDirOption)).absolutePath()
        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dataDir);
    Settings::open(parser.isSet(dataDirOption) ? QDir(dataDir).filePath(QStringLiteral("lockstep.ini")) : QString());

    Logging::Options logOptions;
    logOptions.directory = dataDir;
    if (const Status logging = Logging::init(logOptions); !logging)
        qWarning("%s", qUtf8Printable(logging.error().toString()));
    qCInfo(lcMain).noquote() << "Lockstep" << QApplication::applicationVersion() << "data directory" << dataDir;

    // The store: SQLite in the data directory unless a database URL was given (or remembered).
    QString location = parser.isSet(databaseOption) ? parser.value(databaseOption)
                                                    : Settings::instance().get(settings::databaseUrl);
    if (location.isEmpty())
        location = QDir(dataDir).filePath(QStringLiteral("lockstep.sqlite"));
    // Team mode: when the server wants a password that neither the URL, PGPASSWORD nor ~/.pgpass gives,
    // the operator is asked; it stays in memory for this session (never in settings, never logged).
    Status opened = okStatus();
    if (auto login = DatabaseLogin::resolve(location, DatabaseLogin::dialog(nullptr)); login)
        location = *login;
    else
        opened = login.error();
    Database database;
    std::unique_ptr<InventoryService> store;
    if (opened)
        opened = database.open(location);
    if (opened) {
        store = std::make_unique<StoreInventoryService>(database);
        qCInfo(lcMain).noquote() << "store" << Database::displayLocation(location);   // never the password
    } else {
        // The console still starts, on an in-memory inventory, and says why at the top of the window.
        auto memory = std::make_unique<InMemoryInventoryService>();
        memory->setImporter(&InventoryFile::read);
        store = std::move(memory);
    }
    InventoryService &inventory = *store;
    MainWindow window(&inventory);
    if (!opened)
        window.showError(QApplication::translate("main", "The store could not be opened, changes are not kept: %1")
                             .arg(opened.error().toString()));
    // Runs, sign-offs, leases and the audit log live in the same store (a connection of their own);
    // a run a crash left unfinished opens the recovery view.
    if (opened) {
        // The engine's peers from the settings (the demo sets them); ssh: steps ask for an encrypted
        // key's passphrase in the GUI, like the connection test, and the fleet's SSH actions use the
        // same ssh_config and known_hosts.
        EngineRuntime::Options engineOptions = UpgradeController::optionsFromSettings();
        window.sshConsole()->setBaseOptions(engineOptions.ssh);
        engineOptions.ssh = window.sshConsole()->options();
        window.upgradeWindow()->openStore(location, engineOptions);
    }
    FleetDiscovery discovery(window.fleetController());
    const auto pollInterval = std::chrono::milliseconds(Settings::instance().get(settings::pollIntervalMs));

    RemoteInventoryLoader loader;
    if (parser.isSet(demoOption)) {
        const QUrl demo = QUrl::fromUserInput(parser.value(demoOption));
        QObject::connect(&loader, &RemoteInventoryLoader::loaded, &window,
                         [&, demo](const RemoteInventoryLoader::Inventory &loaded) {
            if (const auto imported = inventory.importInventory(loaded.instances, loaded.products); !imported) {
                window.showError(imported.error().toString());
                return;
            }
            if (const Status status = window.fleetController()->reload(); !status)
                window.showError(status.error().toString());
            qCInfo(lcMain).noquote() << "imported" << loaded.instances.size() << "instances from" << demo.toString();
            discovery.start(pollInterval);
        });
        QObject::connect(&loader, &RemoteInventoryLoader::failed, &window, [&](const Error &error) {
            window.showError(error.toString());
        });
        loader.load(demo);
    } else {
        discovery.start(pollInterval);
    }

    window.show();
    const int rc = app.exec();
    discovery.stop();
    Logging::shutdown();
    return rc;
}
