#include "tests/e2e/ClusterFleet.h"

#include "tests/support/TestPaths.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcessEnvironment>
#include <QThread>

namespace lockstep::test {

ClusterFleet::~ClusterFleet()
{
    stop();
}

void ClusterFleet::stop()
{
    m_process.stop();
    m_port = 0;
}

QUrl ClusterFleet::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QString ClusterFleet::start(const QList<Node> &nodes, const QString &cluster, const QString &version,
                            const QStringList &releases, int recoveryMs)
{
    const QString program = QStringLiteral(LOCKSTEP_CLUSTERSIM_PATH);
    if (const QString missing = PeerProcess::missingProgram(program, QStringLiteral("lockstep (build the target lockstep-clustersim)"));
        !missing.isEmpty())
        return missing;
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    const QString portFile = path(QStringLiteral("clustersim.port"));
    QFile::remove(portFile);
    QStringList args{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--port-file"), portFile,
                     QStringLiteral("--version"), version, QStringLiteral("--recovery-ms"), QString::number(recoveryMs)};
    for (const Node &n : nodes)
        args << QStringLiteral("--node") << QStringLiteral("%1:%2:%3").arg(n.name, n.zone, n.role);
    for (const QString &r : releases)
        args << QStringLiteral("--release") << r;
    if (!m_process.start(program, args, 0))
        return QStringLiteral("lockstep-clustersim did not start: %1").arg(m_process.output());
    // The peer writes the port file atomically once it listens.
    QDeadlineTimer deadline(15000);
    while (m_port == 0 && !deadline.hasExpired() && m_process.isRunning()) {
        QFile file(portFile);
        if (file.open(QIODevice::ReadOnly))
            m_port = quint16(file.readAll().trimmed().toUInt());
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(10);
    }
    if (m_port == 0)
        return QStringLiteral("lockstep-clustersim reported no port within 15 s: %1").arg(m_process.output());

    const QString base = baseUrl().toString();
    QByteArray yaml = QStringLiteral("products:\n  - id: kv-cluster\n    name: Replicated key-value cluster\n"
                                     "    releases: %1/releases.json\ninstances:\n").arg(base).toUtf8();
    for (const Node &n : nodes)
        yaml += QStringLiteral("  - name: %1\n    product: kv-cluster\n    environment: prod\n"
                               "    tags: [\"zone:%2\", \"role:%3\", \"cluster:%4\"]\n"
                               "    url: %5/nodes/%1\n    api: %5\n    version: %6\n    metrics: scrape\n")
                    .arg(n.name, n.zone, n.role, cluster, base, version)
                    .toUtf8();
    QFile inv(inventory());
    if (!inv.open(QIODevice::WriteOnly | QIODevice::Truncate) || inv.write(yaml) != yaml.size())
        return QStringLiteral("cannot write %1").arg(inventory());
    return {};
}

QStringList ClusterFleet::withFleet(const QStringList &args) const
{
    QStringList all = args;
    const QString command = args.value(0);
    if (command == QLatin1String("run") || command == QLatin1String("plan"))
        all << QStringLiteral("--inventory") << inventory() << QStringLiteral("--scrape-interval") << QStringLiteral("250");
    if (command != QLatin1String("lint"))
        all << QStringLiteral("--database") << database();
    return all;
}

std::unique_ptr<CliProcess> ClusterFleet::startCli(const QStringList &args, const std::function<void(const QString &)> &onLine)
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("LOCKSTEP_TEST_IDENTITIES"), QStringLiteral("1"));
    e.insert(QStringLiteral("LOCKSTEP_TEST_OPERATOR"), QStringLiteral("alice"));
    e.remove(QStringLiteral("SSH_AUTH_SOCK"));
    auto process = std::make_unique<CliProcess>();
    process->onLine = onLine;
    process->start(withFleet(args), e);
    return process;
}

CliResult ClusterFleet::cli(const QStringList &args, int timeoutMs)
{
    return startCli(args)->finish(timeoutMs);
}

FleetSim::Response ClusterFleet::get(const QString &p) const
{
    return FleetSim::fetch(QUrl(baseUrl().toString() + p), "GET");
}

QJsonObject ClusterFleet::node(const QString &name) const
{
    return get(QStringLiteral("/nodes/") + name).json().toObject();
}

QJsonObject ClusterFleet::record() const
{
    return get(QStringLiteral("/admin/record")).json().toObject();
}

QStringList ClusterFleet::events() const
{
    QStringList out;
    for (const QJsonValue &v : record().value(QStringLiteral("events")).toArray())
        out << v.toObject().value(QStringLiteral("what")).toString();
    return out;
}

} // namespace lockstep::test
