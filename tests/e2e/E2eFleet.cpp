#include "tests/e2e/E2eFleet.h"

#include "tests/e2e/CliProcess.h"
#include "tests/support/TestPaths.h"

#include <QDateTime>
#include <QFile>
#include <QProcessEnvironment>
#include <QTest>

namespace lockstep::test {

namespace {

bool writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

} // namespace

E2eFleet::E2eFleet() = default;

E2eFleet::~E2eFleet()
{
    for (auto &s : m_sshds)
        s->stop();
    m_prometheus.stop();
    m_sim.stop();
}

QString E2eFleet::shimsDir() const
{
    return sourceDir() + QStringLiteral("/tests/shims");
}

QString E2eFleet::start(const QStringList &sshInstances, const QStringList &fleetsimArgs)
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    if (const QString missing = PeerProcess::missingProgram(QStringLiteral("/usr/bin/curl"), QStringLiteral("curl"));
        !missing.isEmpty())
        return missing;
    if (const QString failure = m_sim.start(QStringList{QStringLiteral("--demo"), QStringLiteral("--upgrade-ms"),
                                                        QStringLiteral("300"), QStringLiteral("--backup-ms"),
                                                        QStringLiteral("100")}
                                            + fleetsimArgs);
        !failure.isEmpty())
        return failure;
    if (!sshInstances.isEmpty())
        if (const QString missing = Sshd::missingPrograms(); !missing.isEmpty())
            return missing;
    const QString remotePath = shimsDir() + QStringLiteral(":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    QByteArray sshConfig, knownHosts;
    for (const QString &name : sshInstances) {
        auto sshd = std::make_unique<Sshd>();
        // Each host knows which instance it runs and where the simulator is, as a real host knows itself.
        const QString env = QStringLiteral("SetEnv LOCKSTEP_INSTANCE=%1 LOCKSTEP_FLEETSIM_API=%2 PATH=%3 "
                                           "LOCKSTEP_SHIM_LOG=%4 LOCKSTEP_SHIM_STATE=%5")
                                .arg(name, m_sim.apiUrl().toString(), remotePath, shimLog(), path(QStringLiteral("state")));
        if (const QString failure = sshd->start({env}); !failure.isEmpty())
            return QStringLiteral("sshd for %1: %2").arg(name, failure);
        sshConfig += QStringLiteral("Host %1\n  HostName 127.0.0.1\n  Port %2\n  User %3\n  IdentityFile %4\n"
                                    "  UserKnownHostsFile %5\n\n")
                         .arg(name)
                         .arg(sshd->port())
                         .arg(sshd->user(), sshd->clientKey(), path(QStringLiteral("known_hosts")))
                         .toUtf8();
        knownHosts += sshd->knownHostsLine().toUtf8() + '\n';
        m_sshds.push_back(std::move(sshd));
    }
    m_sshInstances = sshInstances;
    if (!writeText(path(QStringLiteral("ssh_config")), sshConfig) || !writeText(path(QStringLiteral("known_hosts")), knownHosts))
        return QStringLiteral("cannot write the ssh files in %1").arg(dir());
    return refreshInventory();
}

QString E2eFleet::startPrometheus(const QStringList &instances)
{
    QList<Prometheus::Target> targets;
    for (const QString &name : instances)
        targets << Prometheus::Target{name, m_sim.instanceUrl(name)};
    // Scrapes as often as Lockstep's own (--scrape-interval 250): the shortened gates' windows are 1.5 s.
    if (const QString failure = m_prometheus.start(targets, std::chrono::milliseconds(250)); !failure.isEmpty())
        return failure;
    if (!m_prometheus.waitForScrapes(3))
        return QStringLiteral("Prometheus did not scrape all %1 instances within 30 s: %2").arg(instances.size()).arg(m_prometheus.output());
    m_prometheusStarted = true;
    m_usePrometheus = true;
    return {};
}

QString E2eFleet::refreshInventory()
{
    const FleetSim::Response r = m_sim.get(QStringLiteral("/inventory.yaml"));
    if (r.status != 200)
        return QStringLiteral("GET /inventory.yaml: %1 %2").arg(r.status).arg(r.error);
    QStringList lines = QString::fromUtf8(r.body).split(QLatin1Char('\n'));
    QString current;
    for (QString &line : lines) {
        if (line.startsWith(QLatin1String("  - name: ")))
            current = line.mid(10).trimmed();
        else if (line == QLatin1String("    ssh: \"\"") && m_sshInstances.contains(current))
            line = QStringLiteral("    ssh: ") + current;
    }
    if (!writeText(inventory(), lines.join(QLatin1Char('\n')).toUtf8()))
        return QStringLiteral("cannot write %1").arg(inventory());
    return {};
}

CliResult E2eFleet::cli(const QStringList &args, int timeoutMs, const std::function<void(const QString &)> &onLine,
                        const QMap<QString, QString> &env)
{
    QStringList all = args;
    const QString command = args.value(0);
    if (command == QLatin1String("run") || command == QLatin1String("plan"))
        all << QStringLiteral("--inventory") << inventory() << QStringLiteral("--ssh-config") << path(QStringLiteral("ssh_config"))
            << QStringLiteral("--known-hosts") << path(QStringLiteral("known_hosts")) << QStringLiteral("--scrape-interval")
            << QStringLiteral("250");
    if ((command == QLatin1String("run") || command == QLatin1String("plan")) && m_prometheusStarted && m_usePrometheus)
        all << QStringLiteral("--prometheus") << m_prometheus.baseUrl().toString();
    // Disruptive steps run only inside a maintenance window: the tests run inside one unless they say.
    if (command == QLatin1String("run") && !args.contains(QStringLiteral("--window"))) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        all << QStringLiteral("--window")
            << now.addSecs(-3600).toString(Qt::ISODate) + QLatin1Char('/') + now.addSecs(7200).toString(Qt::ISODate);
    }
    if (command != QLatin1String("lint"))
        all << QStringLiteral("--database") << database();
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("PATH"), shimsDir() + QLatin1Char(':') + e.value(QStringLiteral("PATH")));
    e.insert(QStringLiteral("LOCKSTEP_FLEETSIM_API"), m_sim.apiUrl().toString());
    e.insert(QStringLiteral("LOCKSTEP_SHIM_LOG"), shimLog());
    e.insert(QStringLiteral("LOCKSTEP_SHIM_STATE"), path(QStringLiteral("state")));
    // The runbooks' four-eyes items are signed by two named operators on one desktop: names asserted for
    // the test (OperatorIdentity; every sign-off records "asserted").
    e.insert(QStringLiteral("LOCKSTEP_TEST_IDENTITIES"), QStringLiteral("1"));
    e.insert(QStringLiteral("LOCKSTEP_TEST_OPERATOR"), QStringLiteral("alice"));
    e.remove(QStringLiteral("SSH_AUTH_SOCK"));
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        e.insert(it.key(), it.value());
    CliProcess process;
    process.onLine = onLine;
    process.start(all, e);
    return process.finish(timeoutMs);
}

QJsonObject E2eFleet::instance(const QString &name) const
{
    return m_sim.get(QStringLiteral("/api/instances/") + name).json().toObject();
}

QString E2eFleet::version(const QString &name) const
{
    return instance(name).value(QStringLiteral("version")).toString();
}

QStringList E2eFleet::shimCalls() const
{
    QFile f(shimLog());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace lockstep::test
