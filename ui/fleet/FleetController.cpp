#include "ui/fleet/FleetController.h"

#include "models/itemmodels/FleetModel.h"
#include "ui/inventory/InventoryService.h"

#include "ui/common/BackgroundJob.h"

#include <memory>

namespace lockstep {

FleetController::FleetController(FleetModel *fleet, InventoryService *inventory, QObject *parent)
    : QObject(parent)
    , m_fleet(fleet)
    , m_inventory(inventory)
{
}

Status FleetController::reload()
{
    auto instances = m_inventory->instances();
    if (!instances)
        return instances.error();
    auto releases = m_inventory->releases();
    if (!releases)
        return releases.error();
    // Live facts survive a reload: they are not in the store.
    QList<Instance> merged = *instances;
    for (Instance &in : merged) {
        const int row = m_fleet->rowOf(in.name);
        if (row < 0)
            continue;
        const Instance &live = m_fleet->rowAt(row).instance;
        in.health = live.health;
        in.lastSeen = live.lastSeen;
        in.lastError = live.lastError;
        if (in.currentVersion.isEmpty())
            in.currentVersion = live.currentVersion;
    }
    m_fleet->setReleases(*releases);
    m_fleet->setInstances(merged);
    emit inventoryChanged(merged);
    return okStatus();
}

Status FleetController::saveInstance(const Instance &instance, const QString &previousName)
{
    if (const Status saved = m_inventory->saveInstance(instance, previousName); !saved)
        return saved;
    Instance shown = instance;
    const int row = m_fleet->rowOf(previousName.isEmpty() ? instance.name : previousName);
    if (row >= 0) {
        const Instance &live = m_fleet->rowAt(row).instance;
        shown.health = live.health;
        shown.lastSeen = live.lastSeen;
        shown.lastError = live.lastError;
    }
    if (!previousName.isEmpty() && previousName != instance.name)
        m_fleet->removeInstance(previousName);
    m_fleet->upsertInstance(shown);
    QList<Instance> all;
    for (const FleetModel::Row &r : m_fleet->rows())
        all << r.instance;
    emit inventoryChanged(all);
    return okStatus();
}

Result<QList<Instance>> FleetController::removeInstances(const QStringList &names)
{
    QList<Instance> removed;
    for (const QString &name : names) {
        const int row = m_fleet->rowOf(name);
        if (row >= 0)
            removed << m_fleet->rowAt(row).instance;
    }
    if (const Status status = m_inventory->removeInstances(names); !status)
        return status.error();
    for (const QString &name : names)
        m_fleet->removeInstance(name);
    QList<Instance> all;
    for (const FleetModel::Row &r : m_fleet->rows())
        all << r.instance;
    emit inventoryChanged(all);
    return removed;
}

BackgroundJob *FleetController::importFile(const QString &path, std::function<void(const Result<int> &)> done)
{
    if (m_importing) {
        done(Error{QStringLiteral("another inventory is still being imported"), path,
                   QStringLiteral("wait until it is done")});
        return nullptr;
    }
    m_importing = true;
    // The worker only touches what it holds by value (the reader is self-contained); the result comes
    // back here, where the inventory is written, unless the operator cancelled meanwhile.
    m_importJob = BackgroundJob::start(
        this,
        [reader = m_inventory->fileReader(), path](const BackgroundJob::Control &control) -> Result<Inventory> {
            if (control.isCancelled())
                return Error{QStringLiteral("import cancelled"), path, QStringLiteral("nothing was imported")};
            return reader(path);
        },
        [this, path, done = std::move(done)](const Result<Inventory> &read) {
            m_importing = false;
            // Cancelled while it was being read (or just after): the file is dropped, nothing is written.
            if (m_importJob && m_importJob->isCancelled()) {
                done(Error{QStringLiteral("import cancelled"), path, QStringLiteral("nothing was imported")});
                return;
            }
            if (!read) {
                done(read.error());
                return;
            }
            auto imported = m_inventory->importInventory(read->instances, read->products);
            if (!imported) {
                done(imported.error());
                return;
            }
            if (const Status status = reload(); !status) {
                done(status.error());
                return;
            }
            done(*imported);
        });
    return m_importJob;
}

QStringList FleetController::names() const
{
    QStringList names;
    for (const FleetModel::Row &r : m_fleet->rows())
        names << r.instance.name;
    return names;
}

QStringList FleetController::productIds() const
{
    QStringList ids;
    for (const Product &product : m_inventory->products())
        ids << product.id;
    return ids;
}

Status FleetController::setProductReleases(const QString &product, const QList<Release> &releases)
{
    const Status saved = m_inventory->saveReleases(product, releases);
    // Shown even when the store refused them: the operator should see what the feed says now.
    m_fleet->setProductReleases(product, releases);
    return saved;
}

void FleetController::applyStatus(const QString &name, Health health, const QString &version,
                                  const QDateTime &lastSeen, const QString &lastError)
{
    // Only a changed version is written: a poll cycle over an unchanged fleet costs the store nothing.
    const int row = m_fleet->rowOf(name);
    if (row >= 0 && !version.isEmpty() && version != m_recordedVersions.value(name)
        && version != m_fleet->rowAt(row).instance.currentVersion) {
        if (const Status recorded = m_inventory->recordVersion(name, version); !recorded)
            qWarning("could not record the version of %s: %s", qUtf8Printable(name),
                     qUtf8Printable(recorded.error().toString()));
    }
    if (!version.isEmpty())
        m_recordedVersions.insert(name, version);
    m_fleet->queueStatus(name, health, version, lastSeen, lastError);
}

void FleetController::notePollCompleted(const QDateTime &when)
{
    emit pollCompleted(when);
}

} // namespace lockstep
