#include "models/itemmodels/FleetModel.h"

#include "models/ChannelPolicy.h"
#include "models/Clock.h"

#include <algorithm>

namespace lockstep {

FleetModel::FleetModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    // ~50 ms: fast enough to feel live, slow enough that a burst of poll replies lands as one repaint.
    m_batchTimer.setInterval(50);
    m_batchTimer.setSingleShot(true);
    connect(&m_batchTimer, &QTimer::timeout, this, &FleetModel::flushUpdates);
}

int FleetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FleetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FleetModel::ago(const QDateTime &when)
{
    if (!when.isValid())
        return tr("never seen");
    const qint64 secs = std::max<qint64>(0, when.secsTo(Clock::instance().now()));
    if (secs < 60)
        return tr("%1 s ago").arg(secs);
    if (secs < 3600)
        return tr("%1 min ago").arg(secs / 60);
    if (secs < 86400)
        return tr("%1 h ago").arg(secs / 3600);
    return tr("%1 d ago").arg(secs / 86400);
}

QString FleetModel::healthText(Health health)
{
    switch (health) {
    case Health::Unknown: return tr("unknown");
    case Health::Healthy: return tr("healthy");
    case Health::Unhealthy: return tr("unhealthy");
    case Health::Down: return tr("down");
    }
    return {};
}

QVariant FleetModel::displayData(const Row &row, int column) const
{
    const Instance &in = row.instance;
    switch (column) {
    case Name: return in.name;
    case Product: return in.product;
    case Environment: return in.environment;
    case Version: return in.currentVersion.isEmpty() ? tr("unknown") : in.currentVersion;
    case Pending: return row.pending;
    case Change: return row.change == ChangeClass::None ? QString() : changeClassName(row.change);
    case HealthColumn:
        if (in.health == Health::Unknown && !in.lastSeen.isValid())
            return tr("unknown");
        return QString(healthText(in.health) + QStringLiteral(" · ") + ago(in.lastSeen));
    case Channel:
        if (in.channel == UpdateChannel::Frozen && !in.pinnedVersion.isEmpty())
            return tr("frozen · pinned %1").arg(in.pinnedVersion);
        return updateChannelName(in.channel);
    case State: return in.state;
    }
    return {};
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Instance &in = row.instance;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == HealthColumn && !in.lastError.isEmpty())
            return in.lastError;
        if (index.column() == Pending && !row.pending.isEmpty())
            return tr("%1 → %2 (%3)").arg(in.currentVersion, row.pending, changeClassName(row.change));
        if (index.column() == Name && !in.tags.isEmpty())
            return tr("tags: %1").arg(in.tags.join(QStringLiteral(", ")));
        return {};
    case InstanceIdRole: return in.id;
    case NameRole: return in.name;
    case HealthRole: return int(in.health);
    case ChangeClassRole: return int(row.change);
    case LastSeenRole: return in.lastSeen;
    case FrozenRole: return in.channel == UpdateChannel::Frozen;
    default: return {};
    }
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Name");
    case Product: return tr("Product");
    case Environment: return tr("Environment");
    case Version: return tr("Version");
    case Pending: return tr("Pending");
    case Change: return tr("Change");
    case HealthColumn: return tr("Health");
    case Channel: return tr("Channel");
    case State: return tr("State");
    }
    return {};
}

void FleetModel::refreshDerived(Row &row) const
{
    const Instance &in = row.instance;
    const auto current = SemVer::parse(in.currentVersion);
    row.current = current ? *current : SemVer();
    // The fleet table offers what the planner and the plan page allow: one policy for all three.
    row.pending = ChannelPolicy::pendingVersion(in, m_releases.value(in.product));
    const auto pending = SemVer::parse(row.pending);
    row.pendingVersion = pending ? *pending : SemVer();
    row.change = (current && pending) ? current->classify(*pending) : ChangeClass::None;
    const QChar sep = QLatin1Char('\n');
    row.haystack = (in.name % sep % in.product % sep % in.environment % sep % in.tags.join(sep) % sep
                    % in.currentVersion % sep % row.pending % sep % updateChannelName(in.channel) % sep % in.state)
                       .toLower();
}

FleetModel::Row FleetModel::makeRow(const Instance &instance) const
{
    Row row;
    row.instance = instance;
    refreshDerived(row);
    return row;
}

void FleetModel::rebuildIndex()
{
    m_rowByName.clear();
    m_rowByName.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowByName.insert(m_rows.at(i).instance.name, i);
}

void FleetModel::setInstances(const QList<Instance> &instances)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(instances.size());
    for (const Instance &instance : instances)
        m_rows.append(makeRow(instance));
    rebuildIndex();
    m_pending.clear();
    endResetModel();
}

void FleetModel::setReleases(const QList<Release> &releases)
{
    m_releases.clear();
    QHash<QString, QList<std::pair<SemVer, Release>>> byProduct;
    for (const Release &release : releases) {
        if (const auto version = SemVer::parse(release.version))
            byProduct[release.product].append({*version, release});
    }
    for (auto it = byProduct.begin(); it != byProduct.end(); ++it) {
        std::sort(it->begin(), it->end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        QList<Release> &list = m_releases[it.key()];
        for (auto &entry : *it)
            list.append(std::move(entry.second));
    }
    for (Row &row : m_rows)
        refreshDerived(row);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Pending), index(int(m_rows.size()) - 1, Change));
}

void FleetModel::setProductReleases(const QString &product, const QList<Release> &releases)
{
    QList<std::pair<SemVer, Release>> sorted;
    for (const Release &release : releases) {
        if (const auto version = SemVer::parse(release.version))
            sorted.append({*version, release});
    }
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QList<Release> &list = m_releases[product];
    list.clear();
    for (auto &entry : sorted)
        list.append(std::move(entry.second));
    int first = -1, last = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).instance.product != product)
            continue;
        refreshDerived(m_rows[i]);
        first = first < 0 ? i : first;
        last = i;
    }
    if (first >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void FleetModel::upsertInstance(const Instance &instance)
{
    const int existing = rowOf(instance.name);
    if (existing >= 0) {
        m_rows[existing] = makeRow(instance);
        emit dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(makeRow(instance));
    m_rowByName.insert(instance.name, row);
    endInsertRows();
}

void FleetModel::removeInstance(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    rebuildIndex();
    m_pending.remove(name);
    endRemoveRows();
}

void FleetModel::queueStatus(const QString &name, Health health, const QString &version, const QDateTime &lastSeen,
                             const QString &lastError)
{
    m_pending.insert(name, PendingStatus{health, version, lastSeen, lastError});
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void FleetModel::flushUpdates()
{
    m_batchTimer.stop();
    if (m_pending.isEmpty())
        return;
    QList<int> touched;
    touched.reserve(m_pending.size());
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        const int r = rowOf(it.key());
        if (r < 0)
            continue;
        Row &row = m_rows[r];
        Instance &in = row.instance;
        in.health = it->health;
        if (it->lastSeen.isValid())
            in.lastSeen = it->lastSeen;
        in.lastError = it->lastError;
        // A down instance reports no version; keep the last one known.
        if (!it->version.isEmpty() && it->version != in.currentVersion) {
            in.currentVersion = it->version;
            refreshDerived(row);
        }
        touched.append(r);
    }
    m_pending.clear();
    // One dataChanged per contiguous run of rows: a full poll cycle is a single signal.
    std::sort(touched.begin(), touched.end());
    for (qsizetype i = 0; i < touched.size();) {
        qsizetype j = i;
        while (j + 1 < touched.size() && touched.at(j + 1) == touched.at(j) + 1)
            ++j;
        emit dataChanged(index(touched.at(i), 0), index(touched.at(j), ColumnCount - 1));
        i = j + 1;
    }
    emit statusBatchApplied();
}

} // namespace lockstep
