#include "app/core/Logging.h"
#include "app/core/Settings.h"
#include "app/inventory/InventoryFile.h"
#include "models/IgnoredStatus.h"
#include "models/store/Database.h"
#include "ui/MainWindow.h"
#include "ui/fleet/FleetController.h"
#include "ui/fleet/FleetDiscovery.h"
#include "ui/inventory/InMemoryInventoryService.h"
#include "ui/inventory/RemoteInventoryLoader.h"
#include "ui/inventory/StoreInventoryService.h"
#include "ui/ssh/SshConsole.h"
#include "ui/team/DatabaseLogin.h"
#include "app/session/ConsoleSession.h"
#include "app/session/ConsoleSettings.h"
#include "ui/upgrade/UpgradeWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTranslator>

#include <cstdio>

using namespace lockstep;
using namespace std::chrono_literals;

namespace {

Q_LOGGING_CATEGORY(lcMain, "lockstep.main")

void installTranslations(QCoreApplication &app)
{
    // Qt's own strings (dialog buttons) and ours, both chosen by the system locale.
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *ours = new QTranslator(&app);
    if (ours->load(QLocale(), QStringLiteral("lockstep"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(ours);
}

void nameApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Lockstep"));
    QCoreApplication::setApplicationName(QStringLiteral("lockstep"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOCKSTEP_VERSION));
}

struct LaunchOptions
{
    QCommandLineOption dataDir{QStringLiteral("data-dir"),
        QCoreApplication::translate("main", "Keep the store, settings and log in <dir>."), QStringLiteral("dir")};
    QCommandLineOption demo{QStringLiteral("demo"),
        QCoreApplication::translate("main", "Import <url>/inventory.yaml of a lockstep-fleetsim at start and poll it."),
        QStringLiteral("url")};
    QCommandLineOption database{QStringLiteral("database"),
        QCoreApplication::translate("main", "Use the store at <url> (postgresql://...) instead of SQLite."),
        QStringLiteral("url")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(QCoreApplication::translate("main", "Guided upgrades across a fleet"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({dataDir, demo, database});
    }
};

// --help and --version answer on a terminal (or for help2man at build time) without a display: they are
// parsed by a QCoreApplication before the QApplication, which needs one, exists. The usage line names the
// program as it is typed, not by the path it was started from. Returns -1 when the console should start.
int answerWithoutWindow(int argc, char *argv[])
{
    const QStringList info{QStringLiteral("-h"), QStringLiteral("--help"), QStringLiteral("-?"),
                           QStringLiteral("--help-all"), QStringLiteral("-v"), QStringLiteral("--version")};
    bool asked = false;
    for (int i = 1; i < argc && !asked; ++i)
        asked = info.contains(QString::fromLocal8Bit(argv[i]));
    if (!asked)
        return -1;
    QCoreApplication core(argc, argv);
    nameApplication();
    installTranslations(core);
    QCommandLineParser parser;
    const LaunchOptions options;
    options.addTo(parser);
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "lockstep: %s\n", qUtf8Printable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (parser.isSet(QStringLiteral("help-all")))
        parser.process(core);   // Qt's own options too; prints and exits
    QString help = parser.helpText();
    const QString program = QCoreApplication::arguments().constFirst();
    if (const qsizetype at = help.indexOf(program); at >= 0 && at < help.indexOf(QLatin1Char('\n')))
        help.replace(at, program.size(), QStringLiteral("lockstep"));
    std::fputs(qUtf8Printable(help), stdout);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (const int answered = answerWithoutWindow(argc, argv); answered >= 0)
        return answered;

    QApplication app(argc, argv);
    nameApplication();
    installTranslations(app);

    QCommandLineParser parser;
    const LaunchOptions launch;
    launch.addTo(parser);
    const QCommandLineOption &dataDirOption = launch.dataDir;
    const QCommandLineOption &demoOption = launch.demo;
    const QCommandLineOption &databaseOption = launch.database;
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
    // The console's one session: the store's runs, audit, leases and notifications, for every window.
    ConsoleSession session;
    MainWindow window(&inventory, &session);
    if (!opened)
        window.showError(QApplication::translate("main", "The store could not be opened, changes are not kept: %1")
                             .arg(opened.error().toString()));
    // Runs, sign-offs, leases and the audit log live in the same store (a connection of their own);
    // a run a crash left unfinished opens the recovery view.
    if (opened) {
        // The engine's peers from the settings (the demo sets them); ssh: steps ask for an encrypted
        // key's passphrase in the GUI, like the connection test, and the fleet's SSH actions use the
        // same ssh_config and known_hosts.
        EngineRuntime::Options engineOptions = ConsoleSettings::engineOptions();
        window.sshConsole()->setBaseOptions(engineOptions.ssh);
        engineOptions.ssh = window.sshConsole()->options();
        // The session's, and its pages. A failure is shown in the upgrade window itself (upgrades are not
        // possible then); the fleet views go on without it.
        ignoreStatus(window.upgradeWindow()->openStore(location, engineOptions),
                     "UpgradeWindow::openStore shows the failure in the window; the fleet views work without the store");
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
