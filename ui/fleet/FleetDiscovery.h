#pragma once

#include "models/Instance.h"
#include "models/Product.h"
#include "models/Release.h"
#include "models/Result.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace lockstep {

class FleetController;
class HealthPoller;
class ReleaseFeedClient;
struct InstanceStatus;
struct PollCycleStats;

// Feeds the fleet screen from the network: the health poller's results become live table updates,
// release feeds become pending versions. Health transitions (down, healthy again) are logged, so the
// log panel tells what happened while nobody was looking.
class FleetDiscovery : public QObject
{
    Q_OBJECT
public:
    explicit FleetDiscovery(FleetController *controller, QObject *parent = nullptr);
    ~FleetDiscovery() override;

    HealthPoller *poller() const { return m_poller; }

    // Polls every `pollInterval` and reads release feeds now and every `feedInterval`.
    void start(std::chrono::milliseconds pollInterval,
               std::chrono::milliseconds feedInterval = std::chrono::minutes(5));
    void stop();
    void refreshReleases();

signals:
    void releasesRefreshed(const QString &product);

private:
    void onInstanceUpdated(const InstanceStatus &status);
    void onCycleFinished(const PollCycleStats &stats);
    void onReleasesFetched(const QString &product, const QList<Release> &releases, const QList<Error> &dropped);
    void onFetchFailed(const QString &product, const Error &error);

    FleetController *m_controller;
    HealthPoller *m_poller;
    ReleaseFeedClient *m_feeds;
    QTimer m_feedTimer;
    QHash<QString, Health> m_lastHealth;
};

} // namespace lockstep
