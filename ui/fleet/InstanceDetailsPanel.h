#pragma once

#include <QHash>
#include <QWidget>

class QFormLayout;
class QLabel;
class QStackedWidget;
class QTableView;

namespace lockstep {

class FleetModel;
class ReleaseListModel;

// The selected instance's facts and the releases newer than its version (notes links, breaking and
// security flags). Follows live updates of the instance it shows.
class InstanceDetailsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit InstanceDetailsPanel(FleetModel *fleet, QWidget *parent = nullptr);

    // Shows `name`, or the empty state (with how many are selected when several are).
    void showInstance(const QString &name, int selectedCount);
    QString instanceName() const { return m_name; }
    ReleaseListModel *releaseModel() const { return m_releases; }

signals:
    void notesRequested(const QUrl &url);

private:
    void refresh();
    void onFleetDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    QLabel *addField(QFormLayout *form, const QString &key, const QString &label);

    FleetModel *m_fleet;
    ReleaseListModel *m_releases;
    QString m_name;
    QString m_releasesKey;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QLabel *m_title;
    QHash<QString, QLabel *> m_fields;
    QTableView *m_releaseView;
};

} // namespace lockstep
