#include "app/fleetsim/SimFleet.h"

#include "models/Clock.h"
#include "models/SemVer.h"

#include <QJsonArray>
#include <QTimer>

namespace lockstep {

namespace {

QDateTime now()
{
    return Clock::instance().now();
}

} // namespace

SimFleet::SimFleet(quint64 seed, QObject *parent)
    : QObject(parent)
    , m_seed(seed)
{
}

void SimFleet::addProduct(const SimProduct &product)
{
    if (!m_products.contains(product.id))
        m_productOrder.append(product.id);
    m_products.insert(product.id, product);
}

Status SimFleet::addInstance(SimInstance instance)
{
    if (!m_products.contains(instance.product))
        return Error{QStringLiteral("unknown product \"%1\"").arg(instance.product), instance.name, {}};
    if (m_instances.contains(instance.name))
        return Error{QStringLiteral("duplicate instance name"), instance.name, {}};
    if (!SemVer::isValid(instance.version))
        return Error{QStringLiteral("\"%1\" is not a semantic version").arg(instance.version), instance.name, {}};
    // Each instance's traffic differs but is fixed by (fleet seed, instance name).
    instance.traffic = SimTraffic(m_seed ^ qHash(instance.name, 0x5eed));
    instance.traffic.restart(now());
    const QString name = instance.name;
    m_instanceOrder.append(name);
    refreshProfile(m_instances.insert(name, std::move(instance)).value());
    return okStatus();
}

const SimProduct *SimFleet::product(const QString &id) const
{
    const auto it = m_products.constFind(id);
    return it == m_products.constEnd() ? nullptr : &it.value();
}

SimInstance *SimFleet::instance(const QString &name)
{
    const auto it = m_instances.find(name);
    return it == m_instances.end() ? nullptr : &it.value();
}

const SimInstance *SimFleet::instance(const QString &name) const
{
    const auto it = m_instances.constFind(name);
    return it == m_instances.constEnd() ? nullptr : &it.value();
}

Error SimFleet::refused(const QString &name, const QString &message, const QString &hint) const
{
    return Error{message, name, hint};
}

Status SimFleet::setMaintenance(const QString &name, bool enabled)
{
    SimInstance *inst = instance(name);
    if (!inst)
        return refused(name, QStringLiteral("no such instance"));
    inst->maintenance = enabled;
    return okStatus();
}

Result<SimBackup> SimFleet::startBackup(const QString &name)
{
    SimInstance *inst = instance(name);
    if (!inst)
        return refused(name, QStringLiteral("no such instance"));
    if (inst->restarting())
        return refused(name, QStringLiteral("cannot back up while the instance is %1").arg(inst->status),
                       QStringLiteral("wait until the instance is active"));
    SimBackup backup;
    backup.id = QStringLiteral("bk-%1-%2").arg(name, QString::number(++m_backupCounter));
    backup.status = QStringLiteral("running");
    backup.created = now();
    backup.version = inst->version;
    backup.schemaVersion = inst->schemaVersion;
    inst->backups.prepend(backup);
    QTimer::singleShot(m_timing.backupMs, this, [this, name, id = backup.id] {
        if (SimInstance *i = instance(name)) {
            for (SimBackup &b : i->backups) {
                if (b.id == id)
                    b.status = QStringLiteral("completed");
            }
        }
    });
    return backup;
}

Status SimFleet::startUpgrade(const QString &name, const QString &version)
{
    SimInstance *inst = instance(name);
    if (!inst)
        return refused(name, QStringLiteral("no such instance"));
    if (inst->restarting())
        return refused(name, QStringLiteral("instance is already %1").arg(inst->status),
                       QStringLiteral("wait until the running operation finishes"));
    if (inst->version == version)
        return refused(name, QStringLiteral("instance already runs %1").arg(version));
    restartInto(name, version, QStringLiteral("upgrading"));
    return okStatus();
}

Status SimFleet::rollback(const QString &name)
{
    SimInstance *inst = instance(name);
    if (!inst)
        return refused(name, QStringLiteral("no such instance"));
    if (inst->restarting())
        return refused(name, QStringLiteral("instance is already %1").arg(inst->status),
                       QStringLiteral("wait until the running operation finishes"));
    if (inst->previousVersion.isEmpty())
        return refused(name, QStringLiteral("there is no previous version to roll back to"));
    restartInto(name, inst->previousVersion, QStringLiteral("rolling-back"));
    return okStatus();
}

Status SimFleet::emergencyRollback(const QString &name)
{
    SimInstance *inst = instance(name);
    if (!inst)
        return refused(name, QStringLiteral("no such instance"));
    if (inst->previousVersion.isEmpty())
        return refused(name, QStringLiteral("there is no previous version to roll back to"));
    // The automated path of the reference procedure: maintenance on, stop the new version,
    // restore the database from the latest backup, start the previous version, maintenance off.
    inst->maintenance = true;
    for (const SimBackup &b : inst->backups) {
        if (b.status == QLatin1String("completed")) {
            inst->schemaVersion = b.schemaVersion;
            break;
        }
    }
    restartInto(name, inst->previousVersion, QStringLiteral("rolling-back"),
                [](SimInstance &i) { i.maintenance = false; });
    return okStatus();
}

Result<int> SimFleet::migrate(const QString &name, const QString &version)
{
    SimInstance *inst = instance(name);
    if (!inst)
        return refused(name, QStringLiteral("no such instance"));
    const QString target = version.isEmpty() ? inst->version : version;
    const SimRelease *release = m_products.value(inst->product).release(target);
    if (!release)
        return refused(name, QStringLiteral("%1 has no release %2").arg(inst->product, target));
    inst->schemaVersion = release->schema;
    return inst->schemaVersion;
}

Status SimFleet::restore(const QString &name, const QString &backupId)
{
    SimInstance *inst = instance(name);
    if (!inst)
        return refused(name, QStringLiteral("no such instance"));
    for (const SimBackup &b : inst->backups) {
        if (b.id != backupId)
            continue;
        if (b.status != QLatin1String("completed"))
            return refused(name, QStringLiteral("backup %1 is still %2").arg(b.id, b.status),
                           QStringLiteral("wait until the backup has completed"));
        inst->schemaVersion = b.schemaVersion;
        return okStatus();
    }
    return refused(name, QStringLiteral("no backup \"%1\"").arg(backupId));
}

Status SimFleet::setChannel(const QString &name, const QString &channel, const QString &pinned)
{
    SimInstance *inst = instance(name);
    if (!inst)
        return refused(name, QStringLiteral("no such instance"));
    if (!pinned.isEmpty() && channel != QLatin1String("frozen"))
        return refused(name, QStringLiteral("a pinned version needs the frozen channel"),
                       QStringLiteral("send {\"updateChannel\":\"frozen\",\"pinnedVersion\":\"%1\"}").arg(pinned));
    inst->channel = channel;
    inst->pinned = pinned;
    return okStatus();
}

QJsonObject SimFleet::addAuditLog(QJsonObject entry)
{
    constexpr qsizetype kMaxAuditLogs = 10000;
    entry.insert(QStringLiteral("id"), QStringLiteral("audit-%1").arg(++m_auditCounter));
    entry.insert(QStringLiteral("recorded"), now().toString(Qt::ISODate));
    m_auditLogs.append(entry);
    if (m_auditLogs.size() > kMaxAuditLogs)
        m_auditLogs.removeFirst();
    return entry;
}

Status SimFleet::setFault(const QString &nameOrStar, SimFault fault)
{
    if (fault.kind == SimFault::Kind::Slow && fault.delayMs <= 0)
        fault.delayMs = SimFault::kDefaultSlowMs;
    if (nameOrStar == QLatin1String("*")) {
        for (SimInstance &i : m_instances)
            i.fault = fault;
        return okStatus();
    }
    SimInstance *inst = instance(nameOrStar);
    if (!inst)
        return refused(nameOrStar, QStringLiteral("no such instance"));
    inst->fault = fault;
    return okStatus();
}

Status SimFleet::setReleaseBad(const QString &productId, const QString &version, bool bad)
{
    const auto it = m_products.find(productId);
    if (it == m_products.end())
        return refused(productId, QStringLiteral("no such product"));
    SimRelease *release = it->release(version);
    if (!release)
        return refused(productId, QStringLiteral("no release %1").arg(version));
    release->bad = bad;
    for (SimInstance &i : m_instances) {
        if (i.product == productId)
            refreshProfile(i);
    }
    return okStatus();
}

Status SimFleet::setReleaseDegradation(const QString &productId, const QString &version, double factor)
{
    if (!(factor > 0) || factor > 1000)
        return refused(productId, QStringLiteral("degradation must be a number above 0 (1 = as released), not %1").arg(factor));
    const auto it = m_products.find(productId);
    if (it == m_products.end())
        return refused(productId, QStringLiteral("no such product"));
    SimRelease *release = it->release(version);
    if (!release)
        return refused(productId, QStringLiteral("no release %1").arg(version));
    release->degradation = factor;
    for (SimInstance &i : m_instances) {
        if (i.product == productId)
            refreshProfile(i);
    }
    return okStatus();
}

Status SimFleet::setRawVersion(const QString &name, const QString &raw)
{
    SimInstance *inst = instance(name);
    if (!inst)
        return refused(name, QStringLiteral("no such instance"));
    inst->rawVersion = raw;
    return okStatus();
}

Status SimFleet::addHostileFeedEntry(const QString &productId, const QString &rawVersion)
{
    const auto it = m_products.find(productId);
    if (it == m_products.end())
        return refused(productId, QStringLiteral("no such product"));
    SimRelease entry;
    entry.version = rawVersion;
    entry.published = now();
    it->hostileEntries.append(entry);
    return okStatus();
}

void SimFleet::restartInto(const QString &name, const QString &target, const QString &status,
                           std::function<void(SimInstance &)> after)
{
    SimInstance *inst = instance(name);
    inst->status = status;
    const quint64 generation = ++inst->generation;
    QTimer::singleShot(m_timing.upgradeMs, this, [this, name, target, generation, after] {
        SimInstance *i = instance(name);
        if (!i || i->generation != generation)
            return;
        i->previousVersion = i->version;
        i->version = target;
        i->rawVersion.clear();
        i->status = QStringLiteral("active");
        // A new process: its counters start again from zero.
        i->traffic = SimTraffic(m_seed ^ qHash(name, 0x5eed) ^ generation);
        i->traffic.restart(now());
        refreshProfile(*i);
        if (after)
            after(*i);
    });
}

void SimFleet::refreshProfile(SimInstance &instance)
{
    const SimRelease *release = m_products.value(instance.product).release(instance.version);
    const bool bad = release && release->bad;
    instance.traffic.setProfile(bad ? SimTraffic::Profile::Bad : SimTraffic::Profile::Good, now(),
                                release ? release->degradation : 1.0);
}

QJsonObject SimFleet::state() const
{
    QJsonArray instances;
    for (const QString &name : m_instanceOrder)
        instances.append(m_instances.value(name).toJson());
    QJsonArray products;
    for (const QString &id : m_productOrder) {
        const SimProduct &p = m_products.value(id);
        QJsonArray bad;
        for (const SimRelease &r : p.releases) {
            if (r.bad)
                bad.append(r.version);
        }
        products.append(QJsonObject{{QStringLiteral("id"), p.id},
                                    {QStringLiteral("name"), p.name},
                                    {QStringLiteral("badReleases"), bad}});
    }
    return QJsonObject{{QStringLiteral("seed"), QString::number(m_seed)},
                       {QStringLiteral("upgradeMs"), m_timing.upgradeMs},
                       {QStringLiteral("backupMs"), m_timing.backupMs},
                       {QStringLiteral("products"), products},
                       {QStringLiteral("instances"), instances}};
}

} // namespace lockstep
