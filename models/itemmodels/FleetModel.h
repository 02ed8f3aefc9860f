#pragma once

#include "models/Instance.h"
#include "models/Release.h"
#include "models/SemVer.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QTimer>


namespace lockstep {

// The fleet table: one row per instance, with the version its channel allows next.
// Live status updates are queued and applied in one batch per timer tick, so a poll cycle over
// 10,000 instances costs one dataChanged per touched row range instead of one repaint per reply.
class FleetModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Product, Environment, Version, Pending, Change, HealthColumn, Channel, State, ColumnCount };
    enum Role {
        InstanceIdRole = Qt::UserRole + 1,
        NameRole,
        HealthRole,        // lockstep::Health as int
        ChangeClassRole,   // lockstep::ChangeClass as int
        LastSeenRole,      // QDateTime
        FrozenRole,        // bool
    };

    struct Row
    {
        Instance instance;
        SemVer current;          // null when the version is unknown or not semantic
        QString pending;         // latest allowed version; empty when up to date
        SemVer pendingVersion;
        ChangeClass change = ChangeClass::None;
        QString haystack;        // lower-case text the free-text filter searches
    };

    explicit FleetModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setInstances(const QList<Instance> &instances);
    void setReleases(const QList<Release> &releases);
    // Replaces one product's releases (a release feed was read) and recomputes its rows' pending versions.
    void setProductReleases(const QString &product, const QList<Release> &releases);

    // Adds or replaces one instance by name at once (inventory edits).
    void upsertInstance(const Instance &instance);
    void removeInstance(const QString &name);

    // Live facts from the poller; applied on the next batch tick (or by flushUpdates()).
    void queueStatus(const QString &name, Health health, const QString &version, const QDateTime &lastSeen,
                     const QString &lastError);
    void flushUpdates();
    void setBatchInterval(int msecs) { m_batchTimer.setInterval(msecs); }

    const Row &rowAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString &name) const { return m_rowByName.value(name, -1); }
    QList<Release> releasesOf(const QString &product) const { return m_releases.value(product); }
    const QList<Row> &rows() const { return m_rows; }

    // "3 s ago", "5 min ago" relative to Clock::instance().
    static QString ago(const QDateTime &when);
    // "healthy", "down" ... in the user's language (the filter keeps matching the English names).
    static QString healthText(Health health);

signals:
    // After a batch of live updates was applied (status bar, details panel refresh).
    void statusBatchApplied();

private:
    struct PendingStatus
    {
        Health health;
        QString version;
        QDateTime lastSeen;
        QString lastError;
    };

    Row makeRow(const Instance &instance) const;
    void refreshDerived(Row &row) const;
    void rebuildIndex();
    QVariant displayData(const Row &row, int column) const;

    QList<Row> m_rows;
    QHash<QString, int> m_rowByName;
    QHash<QString, QList<Release>> m_releases;   // per product, newest first
    QHash<QString, PendingStatus> m_pending;
    QTimer m_batchTimer;
};

} // namespace lockstep
