#pragma once

#include "tests/e2e/CliProcess.h"
#include "tests/e2e/E2eFleet.h"
#include "tests/support/FleetSim.h"
#include "tests/support/PeerProcess.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace lockstep::test {

// A clustered key-value service for an end-to-end test: lockstep-clustersim (tests/e2e/peers/clustersim)
// on 127.0.0.1, an inventory of its nodes with zone, role and cluster tags, a store, and lockstep-cli
// against them. The peer records every node operation and cluster-level call in order and the most nodes
// that were down at once (record()).
class ClusterFleet
{
public:
    struct Node
    {
        QString name;
        QString zone;
        QString role;   // master | data
    };

    ClusterFleet() = default;
    ~ClusterFleet();
    ClusterFleet(const ClusterFleet &) = delete;
    ClusterFleet &operator=(const ClusterFleet &) = delete;

    // Starts the cluster (every node on `version`; `releases`: "VERSION=LATENCY_FACTOR") and writes the
    // inventory (each node tagged zone:Z, role:R, cluster:CLUSTER). Empty on success, else why.
    // A started node takes `recoveryMs` to catch up and rejoin (down until then).
    QString start(const QList<Node> &nodes, const QString &cluster, const QString &version,
                  const QStringList &releases = {}, int recoveryMs = 300);
    void stop();

    QUrl baseUrl() const;
    QString dir() const { return m_dir.path(); }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString inventory() const { return path(QStringLiteral("inventory.yaml")); }
    QString database() const { return path(QStringLiteral("lockstep.db")); }

    // lockstep-cli ARGS with this fleet's inventory, store and scrape interval added (run and plan).
    CliResult cli(const QStringList &args, int timeoutMs = 120000);
    // The same, started and left running (two runs at once); finish() it. `onLine` sees each line of
    // its output as it arrives.
    std::unique_ptr<CliProcess> startCli(const QStringList &args, const std::function<void(const QString &)> &onLine = {});

    FleetSim::Response get(const QString &path) const;
    QJsonObject node(const QString &name) const;      // GET /nodes/NAME
    QJsonObject record() const;                       // GET /admin/record
    // The record's events, in order ("kv-1 drain", "cluster allocation primaries", "chat ...").
    QStringList events() const;

private:
    QStringList withFleet(const QStringList &args) const;

    QTemporaryDir m_dir;
    PeerProcess m_process;
    quint16 m_port = 0;
};

} // namespace lockstep::test
