#pragma once

#include "tests/e2e/peers/clustersim/NodeTraffic.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace lockstep::test::clustersim {

// One node of the cluster.
struct ClusterNode
{
    enum class State { Running, Stopped, Recovering };
    QString name;
    QString zone;
    QString role;            // "master" (the leader while it runs) or "data"
    QString version;
    State state = State::Running;
    bool drained = false;    // clients are no longer routed to it
    qint64 recoveredAtMs = 0;
    NodeTraffic traffic;
};

// The replicated key-value cluster: its nodes, the shard-allocation setting, and a record of everything
// done to it that a test reads back (GET /admin/record): every node operation and cluster-level call in
// order, the most nodes that were down at once, and the mistakes a rolling upgrade must not make — a node
// stopped while shard allocation is on (the cluster starts copying its shards elsewhere) and allocation
// turned back on while a node is still down.
class ClusterState
{
public:
    ClusterState(const QString &version, qint64 recoveryMs);

    void addNode(const QString &name, const QString &zone, const QString &role);
    void setLatencyFactor(const QString &version, double factor);   // a release's latency (2 = doubled)

    ClusterNode *node(const QString &name);
    QJsonObject nodeJson(const ClusterNode &node) const;
    QJsonArray nodesJson() const;
    QJsonObject health();
    QJsonObject settings() const;
    QJsonObject record();
    QJsonArray releases() const;

    // Operations; each returns an error message (empty: done).
    QString setAllocation(const QString &allocation);
    QString drain(const QString &name, bool drained);
    QString stop(const QString &name);
    QString start(const QString &name);
    QString install(const QString &name, const QString &version);
    void notify(const QString &text);

    // Nodes whose recovery has finished become Running; called before every request is answered.
    void refresh();
    qint64 now() const { return m_clock.elapsed(); }

private:
    int down() const;
    QString leader() const;
    void log(const QString &what);
    void noteDown();
    double latencyFactor(const QString &version) const;

    QElapsedTimer m_clock;
    qint64 m_recoveryMs;
    QString m_initialVersion;
    std::vector<ClusterNode> m_nodes;
    QMap<QString, double> m_latencyFactors;
    QString m_allocation = QStringLiteral("all");
    QString m_leader;
    QJsonArray m_events;
    int m_maxDown = 0;
    QStringList m_overlaps;          // "kv-1,kv-2": nodes down together
    int m_stopsWithAllocationOn = 0;
    int m_allocationOnWhileDown = 0;
    int m_elections = 0;
};

} // namespace lockstep::test::clustersim
