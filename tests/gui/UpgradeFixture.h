#pragma once

#include "models/itemmodels/FleetModel.h"
#include "tests/gui/FleetSimInventory.h"
#include "tests/support/FleetSim.h"
#include "ui/MainWindow.h"
#include "ui/fleet/FleetDiscovery.h"
#include "ui/inventory/InMemoryInventoryService.h"
#include "ui/upgrade/UpgradeWindow.h"

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace lockstep::test {

// A webwaka-platform upgrade through fleetsim's control-plane API, fast enough for a GUI test: a
// checklist with an automated check, a single and a four-eyes sign-off; canary, then the rest after
// an approval; an error-rate gate between the waves that a bad release fails.
inline const char *kGuiRunbook = R"(runbook: gui-platform-upgrade
title: Platform upgrade (GUI test)
product: webwaka-platform
strategy:
  waves: [{count: 1, name: canary}, {percent: 100}]
  max_parallel: 3
  between_waves: {observe: 300ms, then: approve}
  failure_budget: {max_failed: 0}
  on_failure: rollback
checklist:
  - id: healthy-before
    title: Instances healthy before the upgrade
    check: {http: "GET {{instance.url}}/health", expect: {status: 200}}
  - id: stakeholders
    title: Stakeholders notified
    signoff: {by: 1}
  - id: rollback-plan
    title: Rollback plan reviewed
    signoff: {by: 2}
steps:
  - id: maintenance-on
    title: Enable maintenance mode
    http: "POST {{instance.api}}/instances/{{instance.name}}/maintenance"
    body: {enabled: true}
    expect: {status: [200]}
    expected: 1s
    undo: maintenance-off
  - id: upgrade
    title: Deploy the new version
    http: "POST {{instance.api}}/instances/{{instance.name}}/upgrade"
    body: {version: "{{version}}"}
    expect: {status: [202]}
    expected: 1s
  - id: healthy
    title: Healthy again
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 10s
    poll_interval: 100ms
    expected: 1s
  - id: maintenance-off-step
    title: Disable maintenance mode
    http: "POST {{instance.api}}/instances/{{instance.name}}/maintenance"
    body: {enabled: false}
    expect: {status: [200]}
gates:
  - id: error-rate
    title: Error rate below 3%
    metric: error_rate
    below: 0.03
    interval: 400ms
    count: 3
    failure_limit: 1
    initial_delay: 1500ms
    no_data: fail
rollback: [restore-previous, healthy, maintenance-off]
rollback_steps:
  - id: restore-previous
    title: Restart into the previous version
    http: "POST {{instance.api}}/instances/{{instance.name}}/rollback"
    expect: {status: [202]}
  - id: maintenance-off
    http: "POST {{instance.api}}/instances/{{instance.name}}/maintenance"
    body: {enabled: false}
    expect: {status: [200]}
)";

// The same upgrade with a long command in the middle: something is in flight when the console "crashes".
// A command, not a wait: a console that comes back simply waits (or asks) again, while a command that was
// running when the console went away may have done its work or not, so the operator must resolve it.
inline const char *kSlowRunbook = R"(runbook: gui-slow-upgrade
product: webwaka-platform
strategy:
  waves: [{percent: 100, name: all}]
steps:
  - id: upgrade
    http: "POST {{instance.api}}/instances/{{instance.name}}/upgrade"
    body: {version: "{{version}}"}
    expect: {status: [202]}
  - id: soak
    title: Let it soak
    local: "sleep 60"
    expected: 60s
)";

inline QString writeFile(const QTemporaryDir &dir, const QString &name, const char *text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(text);
    return path;
}

inline EngineRuntime::Options fastEngine()
{
    EngineRuntime::Options options;
    options.scrapeInterval = std::chrono::milliseconds(250);
    options.gateMinimumWindow = std::chrono::milliseconds(1000);
    return options;
}

// One console: a main window on the simulator's inventory, its poller and feeds running, and the
// upgrade store at `storePath`.
struct Console
{
    std::unique_ptr<InMemoryInventoryService> inventory;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<FleetDiscovery> discovery;

    QString open(const FleetSim &sim, const QString &storePath, const EngineRuntime::Options &options = fastEngine())
    {
        auto loaded = loadFleetSimInventory(sim);
        if (!loaded)
            return loaded.error().toString();
        inventory = std::make_unique<InMemoryInventoryService>(loaded->instances, QList<Release>{});
        inventory->setProducts(loaded->products);
        window = std::make_unique<MainWindow>(inventory.get());
        window->show();
        discovery = std::make_unique<FleetDiscovery>(window->fleetController());
        discovery->start(std::chrono::milliseconds(200));
        if (!window->upgradeWindow()->openStore(storePath, options))
            return QStringLiteral("cannot open the store at ") + storePath;
        return {};
    }

    // Every instance has a version and every product its releases.
    bool discovered() const
    {
        FleetModel *fleet = window->fleetModel();
        for (const FleetModel::Row &row : fleet->rows())
            if (row.instance.currentVersion.isEmpty() || fleet->releasesOf(row.instance.product).isEmpty())
                return false;
        return true;
    }

    QString versionInTable(const QString &name) const
    {
        FleetModel *fleet = window->fleetModel();
        return fleet->index(fleet->rowOf(name), FleetModel::Version).data().toString();
    }

    void close()
    {
        discovery.reset();
        window.reset();
        inventory.reset();
    }
};

} // namespace lockstep::test
