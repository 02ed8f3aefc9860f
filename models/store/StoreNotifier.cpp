#include "models/store/StoreNotifier.h"

#include "models/store/Database.h"

#include <QList>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QSqlError>

namespace lockstep {

namespace {

// SQLite stores have no server to relay events: notifiers of one location find each other here.
struct LocalNotifiers
{
    QMutex mutex;
    QList<QPair<QString, QPointer<StoreNotifier>>> entries;
};

LocalNotifiers &localNotifiers()
{
    static LocalNotifiers registry;
    return registry;
}

} // namespace

StoreNotifier::StoreNotifier(Database &db, QObject *parent) : QObject(parent), m_db(db), m_location(db.location())
{
    if (db.dialect() == Database::Dialect::Postgres) {
        QSqlDriver *driver = db.connection().driver();
        const QString channel = QString::fromLatin1(Database::kNotifyChannel);
        if (!driver->subscribeToNotification(channel)) {
            m_status = Error{QStringLiteral("cannot listen for changes from other consoles: %1")
                                 .arg(driver->lastError().text().trimmed()),
                             Database::displayLocation(m_location),
                             QStringLiteral("views refresh only on their own changes until the console reconnects")};
            return;
        }
        connect(driver, &QSqlDriver::notification, this, &StoreNotifier::onDriverNotification);
        return;
    }
    LocalNotifiers &registry = localNotifiers();
    QMutexLocker lock(&registry.mutex);
    registry.entries.append({m_location, QPointer<StoreNotifier>(this)});
}

StoreNotifier::~StoreNotifier()
{
    if (m_db.dialect() == Database::Dialect::Postgres) {
        if (m_db.isOpen())
            m_db.connection().driver()->unsubscribeFromNotification(QString::fromLatin1(Database::kNotifyChannel));
        return;
    }
    LocalNotifiers &registry = localNotifiers();
    QMutexLocker lock(&registry.mutex);
    registry.entries.removeIf([this](const auto &entry) { return entry.second.isNull() || entry.second == this; });
}

void StoreNotifier::deliverLocal(const QString &location, const QString &payload)
{
    QList<QPointer<StoreNotifier>> targets;
    {
        LocalNotifiers &registry = localNotifiers();
        QMutexLocker lock(&registry.mutex);
        for (const auto &entry : registry.entries)
            if (entry.first == location && !entry.second.isNull())
                targets << entry.second;
    }
    // Queued, like a server notification: a view never re-enters the writer that caused it.
    for (const QPointer<StoreNotifier> &target : targets)
        QMetaObject::invokeMethod(target.data(), [target, payload] {
            if (target)
                target->dispatch(payload);
        }, Qt::QueuedConnection);
}

void StoreNotifier::onDriverNotification(const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
{
    if (name == QLatin1String(Database::kNotifyChannel))
        dispatch(payload.toString());
}

void StoreNotifier::dispatch(const QString &payload)
{
    const QString kind = payload.section(QLatin1Char(' '), 0, 0);
    const qint64 runId = payload.section(QLatin1Char(' '), 1, 1).toLongLong();
    if (kind == QLatin1String("signoff"))
        emit signOffAdded(runId);
    else if (kind == QLatin1String("step-started"))
        emit stepStarted(runId);
    else if (kind == QLatin1String("step"))
        emit stepResultAdded(runId);
    else if (kind == QLatin1String("run"))
        emit runChanged(runId);
    else if (kind == QLatin1String("lease"))
        emit leasesChanged(runId);
    else if (kind == QLatin1String("audit"))
        emit auditAppended(runId);
    emit changed(kind, runId);
}

} // namespace lockstep
