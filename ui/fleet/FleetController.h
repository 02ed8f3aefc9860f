#pragma once

#include "models/Instance.h"
#include "models/Release.h"
#include "models/Result.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace lockstep {

class BackgroundJob;
class FleetModel;
class InventoryService;

// Keeps the fleet table in step with the inventory and the live poll results. Widgets call it; it never
// touches widgets, so it is tested without any.
class FleetController : public QObject
{
    Q_OBJECT
public:
    FleetController(FleetModel *fleet, InventoryService *inventory, QObject *parent = nullptr);

    FleetModel *fleet() const { return m_fleet; }
    InventoryService *inventory() const { return m_inventory; }

    Status reload();
    Status saveInstance(const Instance &instance, const QString &previousName);
    // Removes the instances and returns them as they were, for undo.
    Result<QList<Instance>> removeInstances(const QStringList &names);
    // Reads the file on a worker thread, then writes it to the inventory here (all or nothing) and calls
    // `done` with the number of instances added or updated. The GUI thread never waits on the file.
    // Returns the job (for a progress indicator; cancelling it imports nothing), or null when another
    // import is still going (`done` has been told).
    BackgroundJob *importFile(const QString &path, std::function<void(const Result<int> &)> done);
    bool importing() const { return m_importing; }
    QStringList names() const;
    QStringList productIds() const;
    // A release feed was read: keep it and recompute the product's pending versions.
    Status setProductReleases(const QString &product, const QList<Release> &releases);

    // Live facts from the poller.
    void applyStatus(const QString &name, Health health, const QString &version, const QDateTime &lastSeen,
                     const QString &lastError);
    void notePollCompleted(const QDateTime &when);

signals:
    // The set of instances changed (added, edited, removed, imported): the poller needs the new list.
    void inventoryChanged(const QList<lockstep::Instance> &instances);
    void pollCompleted(const QDateTime &when);

private:
    FleetModel *m_fleet;
    InventoryService *m_inventory;
    QHash<QString, QString> m_recordedVersions;   // last version reported per instance
    bool m_importing = false;
    QPointer<BackgroundJob> m_importJob;
};

} // namespace lockstep
