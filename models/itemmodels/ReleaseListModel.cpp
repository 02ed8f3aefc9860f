#include "models/itemmodels/ReleaseListModel.h"

#include "models/SemVer.h"

#include <algorithm>

namespace lockstep {

ReleaseListModel::ReleaseListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ReleaseListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_releases.size());
}

int ReleaseListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReleaseListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Release &r = m_releases.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Version: return r.version;
        case Flags: {
            QStringList flags;
            if (r.breaking)
                flags << tr("breaking");
            if (r.security)
                flags << tr("security");
            return flags.join(QStringLiteral(", "));
        }
        case Published: return r.published.isValid() ? r.published.toString(QStringLiteral("yyyy-MM-dd")) : QString();
        case Notes: return r.notesUrl.isEmpty() ? QString() : tr("release notes");
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Notes)
            return r.notesUrl.toString();
        return {};
    case NotesUrlRole: return r.notesUrl;
    case BreakingRole: return r.breaking;
    case SecurityRole: return r.security;
    case AllowedRole: return r.version == m_allowed;
    default: return {};
    }
}

QVariant ReleaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Version: return tr("Version");
    case Flags: return tr("Flags");
    case Published: return tr("Published");
    case Notes: return tr("Notes");
    }
    return {};
}

void ReleaseListModel::setReleases(const QList<Release> &releases, const QString &currentVersion,
                                   const QString &allowedVersion)
{
    QList<std::pair<SemVer, Release>> newer;
    const auto current = SemVer::parse(currentVersion);
    for (const Release &release : releases) {
        const auto version = SemVer::parse(release.version);
        if (version && (!current || *version > *current))
            newer.append({*version, release});
    }
    std::sort(newer.begin(), newer.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    beginResetModel();
    m_releases.clear();
    for (auto &entry : newer)
        m_releases.append(std::move(entry.second));
    m_allowed = allowedVersion;
    endResetModel();
}

void ReleaseListModel::clear()
{
    beginResetModel();
    m_releases.clear();
    m_allowed.clear();
    endResetModel();
}

} // namespace lockstep
