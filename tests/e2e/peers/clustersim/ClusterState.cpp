#include "tests/e2e/peers/clustersim/ClusterState.h"

namespace lockstep::test::clustersim {

namespace {

QString stateName(ClusterNode::State state)
{
    switch (state) {
    case ClusterNode::State::Running:
        return QStringLiteral("running");
    case ClusterNode::State::Stopped:
        return QStringLiteral("stopped");
    case ClusterNode::State::Recovering:
        return QStringLiteral("recovering");
    }
    return {};
}

} // namespace

ClusterState::ClusterState(const QString &version, qint64 recoveryMs)
    : m_recoveryMs(recoveryMs)
    , m_initialVersion(version)
{
    m_clock.start();
}

void ClusterState::addNode(const QString &name, const QString &zone, const QString &role)
{
    ClusterNode n;
    n.name = name;
    n.zone = zone;
    n.role = role;
    n.version = m_initialVersion;
    n.traffic.restart(now());
    n.traffic.setServing(true, now());
    m_nodes.push_back(std::move(n));
    m_leader = leader();
}

void ClusterState::setLatencyFactor(const QString &version, double factor)
{
    m_latencyFactors.insert(version, factor);
    for (ClusterNode &n : m_nodes)
        if (n.version == version)
            n.traffic.setLatencyFactor(factor, now());
}

double ClusterState::latencyFactor(const QString &version) const
{
    return m_latencyFactors.value(version, 1.0);
}

ClusterNode *ClusterState::node(const QString &name)
{
    for (ClusterNode &n : m_nodes)
        if (n.name == name)
            return &n;
    return nullptr;
}

QJsonObject ClusterState::nodeJson(const ClusterNode &n) const
{
    return QJsonObject{{QStringLiteral("name"), n.name},
                       {QStringLiteral("zone"), n.zone},
                       {QStringLiteral("role"), n.role},
                       {QStringLiteral("version"), n.version},
                       {QStringLiteral("state"), stateName(n.state)},
                       {QStringLiteral("joined"), n.state == ClusterNode::State::Running},
                       {QStringLiteral("drained"), n.drained},
                       {QStringLiteral("leader"), n.name == m_leader}};
}

QJsonArray ClusterState::nodesJson() const
{
    QJsonArray all;
    for (const ClusterNode &n : m_nodes)
        all.append(nodeJson(n));
    return all;
}

int ClusterState::down() const
{
    int n = 0;
    for (const ClusterNode &node : m_nodes)
        n += node.state != ClusterNode::State::Running;
    return n;
}

QString ClusterState::leader() const
{
    // The running master leads; while it is down a data node stands in (an election each time it moves).
    for (const ClusterNode &n : m_nodes)
        if (n.role == QLatin1String("master") && n.state == ClusterNode::State::Running)
            return n.name;
    for (const ClusterNode &n : m_nodes)
        if (n.name == m_leader && n.state == ClusterNode::State::Running)
            return n.name;
    for (const ClusterNode &n : m_nodes)
        if (n.state == ClusterNode::State::Running)
            return n.name;
    return {};
}

QJsonObject ClusterState::health()
{
    const int d = down();
    const QString status = d == 0 ? QStringLiteral("green") : d == 1 ? QStringLiteral("yellow") : QStringLiteral("red");
    return QJsonObject{{QStringLiteral("status"), status},
                       {QStringLiteral("nodes"), int(m_nodes.size())},
                       {QStringLiteral("nodes_down"), d},
                       {QStringLiteral("leader"), m_leader},
                       {QStringLiteral("allocation"), m_allocation}};
}

QJsonObject ClusterState::settings() const
{
    return QJsonObject{{QStringLiteral("allocation"), m_allocation}};
}

QJsonObject ClusterState::record()
{
    return QJsonObject{{QStringLiteral("events"), m_events},
                       {QStringLiteral("max_down"), m_maxDown},
                       {QStringLiteral("down_together"), QJsonArray::fromStringList(m_overlaps)},
                       {QStringLiteral("stops_with_allocation_on"), m_stopsWithAllocationOn},
                       {QStringLiteral("allocation_on_while_down"), m_allocationOnWhileDown},
                       {QStringLiteral("elections"), m_elections}};
}

QJsonArray ClusterState::releases() const
{
    QStringList versions{m_initialVersion};
    for (auto it = m_latencyFactors.cbegin(); it != m_latencyFactors.cend(); ++it)
        if (!versions.contains(it.key()))
            versions << it.key();
    QJsonArray out;
    for (const QString &v : versions)
        out.append(QJsonObject{{QStringLiteral("version"), v},
                               {QStringLiteral("notes"), QStringLiteral("kv-cluster %1").arg(v)},
                               {QStringLiteral("bad"), latencyFactor(v) > 1.0}});
    return out;
}

void ClusterState::log(const QString &what)
{
    m_events.append(QJsonObject{{QStringLiteral("t"), now()}, {QStringLiteral("what"), what}});
}

void ClusterState::noteDown()
{
    const int d = down();
    m_maxDown = std::max(m_maxDown, d);
    if (d > 1) {
        QStringList names;
        for (const ClusterNode &n : m_nodes)
            if (n.state != ClusterNode::State::Running)
                names << n.name;
        m_overlaps << names.join(QLatin1Char(','));
    }
    const QString l = leader();
    if (l != m_leader) {
        ++m_elections;
        log(QStringLiteral("leader %1 -> %2").arg(m_leader, l));
        m_leader = l;
    }
}

void ClusterState::refresh()
{
    bool changed = false;
    for (ClusterNode &n : m_nodes) {
        if (n.state == ClusterNode::State::Recovering && now() >= n.recoveredAtMs) {
            n.state = ClusterNode::State::Running;
            n.traffic.setServing(!n.drained, now());
            changed = true;
        }
    }
    if (changed)
        noteDown();
}

QString ClusterState::setAllocation(const QString &allocation)
{
    if (allocation != QLatin1String("all") && allocation != QLatin1String("primaries"))
        return QStringLiteral("allocation must be \"all\" or \"primaries\", not \"%1\"").arg(allocation);
    log(QStringLiteral("cluster allocation %1").arg(allocation));
    if (allocation == QLatin1String("all") && m_allocation != allocation && down() > 0)
        ++m_allocationOnWhileDown;
    m_allocation = allocation;
    return {};
}

QString ClusterState::drain(const QString &name, bool drained)
{
    ClusterNode *n = node(name);
    if (!n)
        return QStringLiteral("no node %1").arg(name);
    log(QStringLiteral("%1 %2").arg(name, drained ? QStringLiteral("drain") : QStringLiteral("undrain")));
    n->drained = drained;
    n->traffic.setServing(n->state == ClusterNode::State::Running && !drained, now());
    return {};
}

QString ClusterState::stop(const QString &name)
{
    ClusterNode *n = node(name);
    if (!n)
        return QStringLiteral("no node %1").arg(name);
    log(QStringLiteral("%1 stop").arg(name));
    if (n->state == ClusterNode::State::Stopped)
        return {};   // already stopped: stopping again changes nothing, as systemctl stop does
    if (m_allocation == QLatin1String("all"))
        ++m_stopsWithAllocationOn;
    n->state = ClusterNode::State::Stopped;
    n->traffic.setServing(false, now());
    noteDown();
    return {};
}

QString ClusterState::start(const QString &name)
{
    ClusterNode *n = node(name);
    if (!n)
        return QStringLiteral("no node %1").arg(name);
    log(QStringLiteral("%1 start").arg(name));
    if (n->state != ClusterNode::State::Stopped)
        return {};
    // A new process: counters from zero, latency of the release it now runs; it serves once it has
    // caught up with the others (recovering: down until then).
    n->state = ClusterNode::State::Recovering;
    n->recoveredAtMs = now() + m_recoveryMs;
    n->traffic.restart(now());
    n->traffic.setServing(false, now());
    n->traffic.setLatencyFactor(latencyFactor(n->version), now());
    return {};
}

QString ClusterState::install(const QString &name, const QString &version)
{
    ClusterNode *n = node(name);
    if (!n)
        return QStringLiteral("no node %1").arg(name);
    if (version.isEmpty())
        return QStringLiteral("no version to install on %1").arg(name);
    log(QStringLiteral("%1 install %2").arg(name, version));
    if (n->state != ClusterNode::State::Stopped)
        return QStringLiteral("node %1 is %2: stop it before installing a release").arg(name, stateName(n->state));
    n->version = version;
    return {};
}

void ClusterState::notify(const QString &text)
{
    log(QStringLiteral("chat %1").arg(text));
}

} // namespace lockstep::test::clustersim
