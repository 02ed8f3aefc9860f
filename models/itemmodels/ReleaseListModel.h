#pragma once

#include "models/Release.h"

#include <QAbstractTableModel>
#include <QList>

namespace lockstep {

// The releases newer than an instance's version, newest first, as the details panel lists them.
class ReleaseListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Version, Flags, Published, Notes, ColumnCount };
    enum Role { NotesUrlRole = Qt::UserRole + 1, BreakingRole, SecurityRole, AllowedRole };

    explicit ReleaseListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Keeps the releases newer than `currentVersion` (all when it is unknown), newest first;
    // `allowedVersion` is the one the channel allows (AllowedRole; the view shows it in bold).
    void setReleases(const QList<Release> &releases, const QString &currentVersion, const QString &allowedVersion);
    void clear();
    const Release &releaseAt(int row) const { return m_releases.at(row); }

private:
    QList<Release> m_releases;
    QString m_allowed;
};

} // namespace lockstep
