#include "ui/fleet/FleetDiscovery.h"

#include "app/discovery/HealthPoller.h"
#include "app/discovery/PollCycleStats.h"
#include "app/discovery/ReleaseFeedClient.h"
#include "models/InstanceStatus.h"
#include "ui/fleet/FleetController.h"
#include "ui/inventory/InventoryService.h"

#include <QLoggingCategory>

namespace lockstep {

Q_LOGGING_CATEGORY(lcDiscovery, "lockstep.discovery")

FleetDiscovery::FleetDiscovery(FleetController *controller, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_poller(new HealthPoller(this))
    , m_feeds(new ReleaseFeedClient(nullptr, this))
{
    connect(m_poller, &HealthPoller::instanceUpdated, this, &FleetDiscovery::onInstanceUpdated);
    connect(m_poller, &HealthPoller::pollCycleFinished, this, &FleetDiscovery::onCycleFinished);
    connect(m_feeds, &ReleaseFeedClient::releasesFetched, this, &FleetDiscovery::onReleasesFetched);
    connect(m_feeds, &ReleaseFeedClient::fetchFailed, this, &FleetDiscovery::onFetchFailed);
    connect(m_controller, &FleetController::inventoryChanged, m_poller, &HealthPoller::setInstances);
    connect(&m_feedTimer, &QTimer::timeout, this, &FleetDiscovery::refreshReleases);
}

FleetDiscovery::~FleetDiscovery() = default;

void FleetDiscovery::start(std::chrono::milliseconds pollInterval, std::chrono::milliseconds feedInterval)
{
    QList<Instance> instances;
    if (auto listed = m_controller->inventory()->instances())
        instances = *listed;
    m_poller->setInstances(instances);
    m_poller->setInterval(pollInterval);
    m_poller->start();
    refreshReleases();
    m_feedTimer.start(feedInterval);
    qCInfo(lcDiscovery) << "polling" << instances.size() << "instances every" << pollInterval.count() << "ms";
}

void FleetDiscovery::stop()
{
    m_poller->stop();
    m_feedTimer.stop();
}

void FleetDiscovery::refreshReleases()
{
    for (const Product &product : m_controller->inventory()->products()) {
        if (product.releaseSourceKind == QLatin1String("feed") && product.releaseSource.isValid())
            m_feeds->fetch(product.id, product.releaseSource);
    }
}

void FleetDiscovery::onInstanceUpdated(const InstanceStatus &status)
{
    m_controller->applyStatus(status.name, status.health, status.version, status.lastSeen, status.error);
    const auto previous = m_lastHealth.value(status.name, Health::Unknown);
    m_lastHealth.insert(status.name, status.health);
    if (previous == status.health)
        return;
    switch (status.health) {
    case Health::Down:
        qCWarning(lcDiscovery).noquote() << status.name << "is down:" << status.error;
        break;
    case Health::Unhealthy:
        qCWarning(lcDiscovery).noquote() << status.name << "is unhealthy:" << status.error;
        break;
    case Health::Healthy:
        if (previous != Health::Unknown)
            qCInfo(lcDiscovery).noquote() << status.name << "is healthy again";
        break;
    case Health::Unknown:
        break;
    }
}

void FleetDiscovery::onCycleFinished(const PollCycleStats &stats)
{
    m_controller->notePollCompleted(stats.started.addMSecs(stats.elapsedMs));
    qCDebug(lcDiscovery) << "poll cycle:" << stats.polled << "polled," << stats.healthy << "healthy," << stats.down
                         << "down," << stats.skipped << "backing off," << stats.elapsedMs << "ms";
}

void FleetDiscovery::onReleasesFetched(const QString &product, const QList<Release> &releases,
                                       const QList<Error> &dropped)
{
    for (const Error &error : dropped)
        qCWarning(lcDiscovery).noquote() << "release feed entry refused:" << error.toString();
    if (const Status saved = m_controller->setProductReleases(product, releases); !saved)
        qCWarning(lcDiscovery).noquote() << "could not store releases of" << product << ":" << saved.error().toString();
    qCInfo(lcDiscovery).noquote() << product << "has" << releases.size() << "releases"
                                  << (releases.isEmpty() ? QString() : QStringLiteral("(newest %1)").arg(releases.first().version));
    emit releasesRefreshed(product);
}

void FleetDiscovery::onFetchFailed(const QString &product, const Error &error)
{
    qCWarning(lcDiscovery).noquote() << "release feed of" << product << "failed:" << error.toString();
}

} // namespace lockstep
