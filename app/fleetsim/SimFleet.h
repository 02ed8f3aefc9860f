#pragma once

#include "app/fleetsim/SimInstance.h"
#include "app/fleetsim/SimProduct.h"
#include "models/Result.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace lockstep {

// The simulated fleet: products with their release feeds and the instances running them.
// Every change the control-plane API can make goes through here; long operations (backup,
// upgrade, rollback) finish on timers so the event loop keeps serving meanwhile.
//
// Operations return an Error when the instance's current state forbids them (the HTTP layer
// answers 409); input is validated by the caller (400) and unknown names checked first (404).
class SimFleet : public QObject
{
    Q_OBJECT
public:
    struct Timing
    {
        int upgradeMs = 1500;   // restart time of an upgrade or rollback
        int backupMs = 300;
    };

    explicit SimFleet(quint64 seed, QObject *parent = nullptr);

    quint64 seed() const { return m_seed; }
    void setTiming(Timing timing) { m_timing = timing; }
    Timing timing() const { return m_timing; }

    void addProduct(const SimProduct &product);
    Status addInstance(SimInstance instance);

    const QStringList &productIds() const { return m_productOrder; }
    const QStringList &instanceNames() const { return m_instanceOrder; }
    const SimProduct *product(const QString &id) const;
    SimInstance *instance(const QString &name);
    const SimInstance *instance(const QString &name) const;

    // Control plane.
    Status setMaintenance(const QString &name, bool enabled);
    Result<SimBackup> startBackup(const QString &name);
    Status startUpgrade(const QString &name, const QString &version);
    Status rollback(const QString &name);
    Status emergencyRollback(const QString &name);
    // Sets the schema to that of `version` (default: the version the instance runs).
    Result<int> migrate(const QString &name, const QString &version = {});
    Status restore(const QString &name, const QString &backupId);
    // PATCH /api/instances/NAME: channel and pinned version (a pin needs the frozen channel).
    Status setChannel(const QString &name, const QString &channel, const QString &pinned);
    // POST /api/audit-logs (rollback step 8 of the reference procedure); the newest are kept.
    QJsonObject addAuditLog(QJsonObject entry);
    QJsonArray auditLogs() const { return m_auditLogs; }

    // Admin.
    Status setFault(const QString &nameOrStar, SimFault fault);
    Status setReleaseBad(const QString &productId, const QString &version, bool bad);
    // A good release made worse: errors and latency times `factor` (> 0; 1 = as released).
    Status setReleaseDegradation(const QString &productId, const QString &version, double factor);
    Status setRawVersion(const QString &name, const QString &raw);
    Status addHostileFeedEntry(const QString &productId, const QString &rawVersion);

    QJsonObject state() const;

private:
    void restartInto(const QString &name, const QString &target, const QString &status,
                     std::function<void(SimInstance &)> after = {});
    void refreshProfile(SimInstance &instance);
    Error refused(const QString &name, const QString &message, const QString &hint = {}) const;

    quint64 m_seed;
    Timing m_timing;
    QHash<QString, SimProduct> m_products;
    QStringList m_productOrder;
    QHash<QString, SimInstance> m_instances;
    QStringList m_instanceOrder;
    quint64 m_backupCounter = 0;
    QJsonArray m_auditLogs;
    quint64 m_auditCounter = 0;
};

} // namespace lockstep
