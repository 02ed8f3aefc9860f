#include "CliSession.h"

#include "app/discovery/HealthPoller.h"
#include "app/audit/AuditLog.h"
#include "app/discovery/KnownReleases.h"
#include "app/identity/OperatorIdentity.h"
#include "app/notify/RunNotifications.h"
#include "app/engine/Planner.h"
#include "app/inventory/InventoryFile.h"
#include "app/runbook/RunbookLoader.h"
#include "app/runbook/SecretStore.h"
#include "models/Clock.h"
#include "models/store/LeaseRepository.h"

#include <QEventLoop>
#include <QFile>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTimer>

#include <unistd.h>

namespace lockstep {

namespace {

QStringList listValues(const QCommandLineParser &parser, const QString &name)
{
    QStringList out;
    for (const QString &v : parser.values(name))
        for (const QString &part : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
            out << part.trimmed();
    return out;
}

// Learns the versions the inventory does not say, with one discovery poll.
void discoverVersions(QList<Instance> &instances)
{
    QList<Instance> unknown;
    for (const Instance &i : instances)
        if (i.currentVersion.isEmpty() && i.baseUrl.isValid())
            unknown << i;
    if (unknown.isEmpty())
        return;
    HealthPoller poller;
    poller.setInstances(unknown);
    QHash<QString, QString> versions;
    QEventLoop loop;
    QObject::connect(&poller, &HealthPoller::instanceUpdated, &loop,
                     [&versions](const InstanceStatus &s) { versions.insert(s.name, s.version); });
    QObject::connect(&poller, &HealthPoller::pollCycleFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(std::chrono::seconds(30), &loop, &QEventLoop::quit);
    if (poller.pollOnce())
        loop.exec();
    for (Instance &i : instances)
        if (i.currentVersion.isEmpty())
            i.currentVersion = versions.value(i.name);
}

Result<PolicyOverride> parseOverride(const QString &text, const QString &operatorName)
{
    // kind[:instance]=reason
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    const QString head = text.left(eq);
    const QString reason = eq < 0 ? QString() : text.mid(eq + 1).trimmed();
    const QString kind = head.section(QLatin1Char(':'), 0, 0);
    PolicyOverride o;
    o.instance = head.section(QLatin1Char(':'), 1);
    o.reason = reason;
    o.operatorName = operatorName;
    if (kind == QLatin1String("frozen"))
        o.kind = PolicyOverride::Kind::Frozen;
    else if (kind == QLatin1String("pinned"))
        o.kind = PolicyOverride::Kind::Pinned;
    else if (kind == QLatin1String("window"))
        o.kind = PolicyOverride::Kind::MaintenanceWindow;
    else
        return Error{QStringLiteral("unknown override \"%1\"").arg(text), QStringLiteral("--override"),
                     QStringLiteral("write frozen:INSTANCE=reason, pinned:INSTANCE=reason or window=reason")};
    if (reason.isEmpty())
        return Error{QStringLiteral("override \"%1\" has no reason").arg(text), QStringLiteral("--override"),
                     QStringLiteral("every override needs a reason after '='; it goes to the audit log")};
    return o;
}

} // namespace

QList<QCommandLineOption> CliSession::storeOptions()
{
    return {
        QCommandLineOption(QStringLiteral("database"), QStringLiteral("Store: a SQLite file or postgresql:// URL."),
                           QStringLiteral("path")),
        // The operator is the database role (team mode) or the OS account; a name given is for tests only.
        [] {
            QCommandLineOption asserted(QStringLiteral("operator"), QStringLiteral("Tests only (LOCKSTEP_TEST_IDENTITIES=1): act as NAME."),
                                        QStringLiteral("name"));
            asserted.setFlags(QCommandLineOption::HiddenFromHelp);
            return asserted;
        }(),
        QCommandLineOption(QStringLiteral("allowed-signers"),
                           QStringLiteral("allowed_signers file SSH-signed sign-offs are verified against (default $LOCKSTEP_ALLOWED_SIGNERS)."),
                           QStringLiteral("file")),
        QCommandLineOption(QStringLiteral("scrape-interval"), QStringLiteral("Metrics scrape interval for gates, ms."),
                           QStringLiteral("ms"), QStringLiteral("5000")),
        QCommandLineOption(QStringLiteral("prometheus"),
                           QStringLiteral("Prometheus that scrapes the fleet, for PromQL gates (default $LOCKSTEP_PROMETHEUS_URL)."),
                           QStringLiteral("url")),
        QCommandLineOption(QStringLiteral("lease-timeout"),
                           QStringLiteral("Team mode: a lease not refreshed for this long may be taken over, ms "
                                          "(default 30000 on PostgreSQL; leases never expire on SQLite)."),
                           QStringLiteral("ms")),
        QCommandLineOption(QStringLiteral("secrets-file"), QStringLiteral("File of 'name: value' secrets (mode 0600)."),
                           QStringLiteral("path")),
        QCommandLineOption(QStringLiteral("ssh-config"), QStringLiteral("ssh_config for ssh steps (default ~/.ssh/config)."),
                           QStringLiteral("file")),
        QCommandLineOption(QStringLiteral("witness-file"),
                           QStringLiteral("Append-only file outside the data directory where the audit head is anchored "
                                          "(default $LOCKSTEP_AUDIT_WITNESS_FILE, the audit/witnessFile setting, "
                                          "~/.local/state/lockstep/audit-anchors.jsonl)."),
                           QStringLiteral("file")),
        QCommandLineOption(QStringLiteral("syslog-socket"),
                           QStringLiteral("System log socket the audit head is also sent to (default /dev/log; off: none)."),
                           QStringLiteral("path")),
        QCommandLineOption(QStringLiteral("known-hosts"), QStringLiteral("known_hosts for ssh steps (default ~/.ssh/known_hosts)."),
                           QStringLiteral("file")),
    };
}

QList<QCommandLineOption> CliSession::planOptions()
{
    return {
        QCommandLineOption(QStringLiteral("runbook"), QStringLiteral("Runbook file(s); the one for the product and change class is used."),
                           QStringLiteral("file")),
        QCommandLineOption(QStringLiteral("version"), QStringLiteral("Target version."), QStringLiteral("semver")),
        QCommandLineOption(QStringLiteral("instances"), QStringLiteral("Instances, comma-separated, canary first."),
                           QStringLiteral("a,b")),
        QCommandLineOption(QStringLiteral("product"), QStringLiteral("Every instance of this product."), QStringLiteral("id")),
        QCommandLineOption(QStringLiteral("inventory"), QStringLiteral("Inventory YAML file."), QStringLiteral("file")),
        QCommandLineOption(QStringLiteral("param"), QStringLiteral("Runbook parameter."), QStringLiteral("name=value")),
        QCommandLineOption(QStringLiteral("window"), QStringLiteral("Maintenance window, ISO-8601 START/END."),
                           QStringLiteral("start/end")),
        QCommandLineOption(QStringLiteral("override"), QStringLiteral("Policy override with a reason."),
                           QStringLiteral("kind[:instance]=reason")),
        QCommandLineOption(QStringLiteral("time-scale"),
                           QStringLiteral("Demo time scale: the runbook's observation, gate intervals and waits divided by N "
                                          "(default 1: real timings; $LOCKSTEP_TIME_SCALE)."),
                           QStringLiteral("N")),
    };
}

CliSession::~CliSession()
{
    // A webhook sent as the run ended (a failed gate, then the rollback) must not be cut off by exit.
    m_session.notifications()->waitForWebhooks(std::chrono::seconds(15));
}

QString CliSession::operatorName() const
{
    return m_session.operatorName();
}

bool CliSession::stdinIsTerminal()
{
    return isatty(STDIN_FILENO) == 1;
}

Result<std::unique_ptr<CliSession>> CliSession::open(const QCommandLineParser &parser)
{
    QString location = parser.value(QStringLiteral("database"));
    if (location.isEmpty())
        location = QProcessEnvironment::systemEnvironment().value(QStringLiteral("LOCKSTEP_DATABASE"));
    if (location.isEmpty())
        location = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/lockstep.db");
    ConsoleSession::Options options;
    EngineRuntime::Options &engine = options.engine;
    engine.scrapeInterval = std::chrono::milliseconds(std::max(100, parser.value(QStringLiteral("scrape-interval")).toInt()));
    // Rates need several scrapes in their window; faster scraping allows a shorter window.
    engine.gateMinimumWindow = std::min<std::chrono::milliseconds>(std::chrono::seconds(30), 6 * engine.scrapeInterval);
    engine.allowedSigners = parser.value(QStringLiteral("allowed-signers"));
    if (engine.allowedSigners.isEmpty())
        engine.allowedSigners = QProcessEnvironment::systemEnvironment().value(QStringLiteral("LOCKSTEP_ALLOWED_SIGNERS"));
    engine.ssh.configFile = parser.value(QStringLiteral("ssh-config"));
    engine.ssh.knownHostsFile = parser.value(QStringLiteral("known-hosts"));
    QString prometheus = parser.value(QStringLiteral("prometheus"));
    if (prometheus.isEmpty())
        prometheus = QProcessEnvironment::systemEnvironment().value(QStringLiteral("LOCKSTEP_PROMETHEUS_URL"));
    if (!prometheus.isEmpty()) {
        const QUrl url(prometheus, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) || url.host().isEmpty())
            return Error{QStringLiteral("cannot use \"%1\" as the Prometheus URL").arg(prometheus), QStringLiteral("--prometheus"),
                         QStringLiteral("give the server's base URL, e.g. http://127.0.0.1:9090")};
        engine.prometheusUrl = url;
    }
    options.anchoring = AuditAnchoring::Options::resolve(parser.value(QStringLiteral("witness-file")),
                                                         parser.value(QStringLiteral("syslog-socket")));
    if (parser.isSet(QStringLiteral("lease-timeout")))
        options.leaseTimeout = std::chrono::milliseconds(std::max(0, parser.value(QStringLiteral("lease-timeout")).toInt()));
    options.assertedOperator = parser.value(QStringLiteral("operator"));
    std::unique_ptr<CliSession> session(new CliSession);
    if (Status s = session->m_session.open(location, options); !s)
        return s.error();
    return session;
}

Result<Plan> CliSession::buildPlan(const QCommandLineParser &parser)
{
    const QStringList runbookFiles = listValues(parser, QStringLiteral("runbook"));
    if (runbookFiles.isEmpty())
        return Error{QStringLiteral("no runbook given"), QStringLiteral("--runbook"), QStringLiteral("--runbook FILE")};
    if (!parser.isSet(QStringLiteral("version")))
        return Error{QStringLiteral("no target version given"), QStringLiteral("--version"), QStringLiteral("--version 1.5.0")};
    if (!parser.isSet(QStringLiteral("inventory")))
        return Error{QStringLiteral("no inventory given"), QStringLiteral("--inventory"),
                     QStringLiteral("--inventory FILE (lockstep-fleetsim serves one at /inventory.yaml)")};

    PlanRequest request;
    QHash<QString, QString> sources;
    for (const QString &file : runbookFiles) {
        auto runbook = RunbookLoader::loadFile(file);
        if (!runbook)
            return runbook.error();
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("cannot read %1").arg(file), file, {}};
        sources.insert(runbook->file, QString::fromUtf8(f.readAll()));
        request.runbooks << *runbook;
    }
    auto inventory = InventoryFile::read(parser.value(QStringLiteral("inventory")));
    if (!inventory)
        return inventory.error();
    const QStringList names = listValues(parser, QStringLiteral("instances"));
    const QString product = parser.value(QStringLiteral("product"));
    if (names.isEmpty() == product.isEmpty())
        return Error{QStringLiteral("give either --instances or --product"), {}, QStringLiteral("--instances a,b or --product ID")};
    for (const QString &name : names) {
        auto it = std::find_if(inventory->cbegin(), inventory->cend(), [&](const Instance &i) { return i.name == name; });
        if (it == inventory->cend())
            return Error{QStringLiteral("no instance \"%1\" in the inventory").arg(name), QStringLiteral("--instances"), {}};
        request.instances << *it;
    }
    for (const Instance &i : *inventory)
        if (!product.isEmpty() && i.product == product)
            request.instances << i;
    discoverVersions(request.instances);
    // The channel policy the GUI applies needs the product's releases (a frozen instance: a security patch).
    request.releases = KnownReleases::of(request.instances.value(0).product, parser.value(QStringLiteral("inventory")), db());
    request.targetVersion = parser.value(QStringLiteral("version"));
    for (const QString &p : parser.values(QStringLiteral("param"))) {
        const qsizetype eq = p.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return Error{QStringLiteral("parameter \"%1\" is not name=value").arg(p), QStringLiteral("--param"), {}};
        request.params.insert(p.left(eq), p.mid(eq + 1));
    }
    if (parser.isSet(QStringLiteral("window"))) {
        const QStringList parts = parser.value(QStringLiteral("window")).split(QLatin1Char('/'));
        MaintenanceWindow w;
        if (parts.size() == 2) {
            w.start = QDateTime::fromString(parts[0], Qt::ISODate);
            w.end = QDateTime::fromString(parts[1], Qt::ISODate);
        }
        if (!w.isValid())
            return Error{QStringLiteral("cannot read the window \"%1\"").arg(parser.value(QStringLiteral("window"))),
                         QStringLiteral("--window"), QStringLiteral("2026-07-01T22:00:00Z/2026-07-02T02:00:00Z")};
        request.window = w;
    }
    const QString op = operatorName();
    for (const QString &o : parser.values(QStringLiteral("override"))) {
        auto parsed = parseOverride(o, op);
        if (!parsed)
            return parsed.error();
        request.overrides << *parsed;
    }
    QString scale = parser.value(QStringLiteral("time-scale"));
    if (scale.isEmpty())
        scale = QProcessEnvironment::systemEnvironment().value(QStringLiteral("LOCKSTEP_TIME_SCALE"));
    if (!scale.isEmpty()) {
        bool ok = false;
        request.timeScale = scale.toInt(&ok);
        if (!ok)
            return Error{QStringLiteral("time scale \"%1\" is not a number").arg(scale), QStringLiteral("--time-scale"),
                         QStringLiteral("--time-scale 20 for the demo, 1 for real timings")};
    }
    auto plan = Planner::plan(request, Clock::instance().now());
    if (!plan)
        return plan.error();
    // A PromQL gate without a Prometheus would only fail once the first wave is done: refuse now.
    if (Status sources = runtime().checkGateSources(plan->runbook); !sources)
        return sources.error();
    plan->runbookSource = sources.value(plan->runbook.file);

    QStringList secretNames = plan->runbook.secrets;
    if (!secretNames.isEmpty()) {
        auto secrets = SecretStore::resolve(secretNames, parser.value(QStringLiteral("secrets-file")));
        if (!secrets)
            return secrets.error();
        runtime().setSecrets(*secrets);
        m_session.auditLog()->redact(runtime().redactor().forms());
    }
    return plan;
}

void CliSession::printPreview(QTextStream &out, const PlanPreview &p)
{
    auto minutes = [](Millis d) { return QStringLiteral("%1s").arg(double(d.count()) / 1000.0, 0, 'f', 1); };
    out << "runbook " << p.runbookId << ": " << changeClassName(p.changeClass) << " change to " << p.targetVersion
        << "\n";
    if (p.timeScale > 1)
        out << "demo time scale x" << p.timeScale << ": observation, gate intervals and waits divided by " << p.timeScale
            << " (not for a real upgrade)\n";
    out << "waves (max_parallel " << p.maxParallel << ", "
        << (p.autoPromote ? "promote automatically" : "promote by approval") << ", observe " << minutes(p.observe)
        << "):\n";
    for (int i = 0; i < p.waves.size(); ++i)
        out << "  " << (i + 1) << ". " << p.waves[i].name << " (" << p.waves[i].instances.size()
            << "): " << p.waves[i].instances.join(QStringLiteral(", ")) << "  ~" << minutes(p.waves[i].expected) << "\n";
    if (!p.order.isEmpty())
        out << p.order << "\n";
    if (!p.lock.isEmpty())
        out << "lock: " << p.lock << "\n";
    auto printSteps = [&](const char *heading, const QList<PlanPreview::StepLine> &steps) {
        out << heading << "\n";
        for (const auto &s : steps)
            out << "  " << s.id << (s.disruptive ? " [disruptive]" : "")
                << (s.irreversible ? " [cannot be undone: a rollback stops here for a restore by hand]" : "")
                << "  expected " << minutes(s.expected) << "\n";
    };
    if (!p.before.isEmpty())
        printSteps("before (once, before the first instance):", p.before);
    printSteps(p.before.isEmpty() && p.after.isEmpty() ? "steps:" : "steps (per instance):", p.steps);
    if (!p.after.isEmpty())
        printSteps("after (once, after the last wave):", p.after);
    out << "rollback: ";
    QStringList rb;
    for (const auto &s : p.rollback)
        rb << s.id;
    out << (rb.isEmpty() ? QStringLiteral("(undo steps only)") : rb.join(QStringLiteral(" -> "))) << "\n";
    out << "maintenance window: " << p.windowStatus << "\n";
    for (const QString &o : p.overrides)
        out << "override: " << o << "\n";
    for (const QString &e : p.excluded)
        out << "excluded: " << e << "\n";
    out << "expected total: " << minutes(p.expectedTotal) << "\n";
}

} // namespace lockstep
