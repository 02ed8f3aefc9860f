#pragma once

#include "models/Instance.h"
#include "models/Release.h"
#include "models/Result.h"
#include "models/run/Plan.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTreeWidget;

namespace lockstep {

class FleetModel;
class MessageWidget;

// First page of the upgrade: which instances, which target version (only what the channels allow is
// selectable, the rest says why; an override needs a reason), which runbook, and the resolved plan:
// waves with instance names, steps with expected durations, rollback, maintenance-window status.
class PlanPage : public QWidget
{
    Q_OBJECT
public:
    explicit PlanPage(QWidget *parent = nullptr);

    // The fleet as the table shows it (versions from the poller) and the rows the operator selected.
    void setFleet(const FleetModel *fleet, const QStringList &selected);
    std::optional<Plan> plan() const { return m_plan; }
    QString operatorName() const;

signals:
    void createRunRequested(const lockstep::Plan &plan);

private:
    QList<Instance> scope() const;
    void fillProducts();
    void fillVersions();
    void browseRunbook();
    void addRunbookFile(const QString &path);
    void recompute();
    void showPreview(const Plan &plan);

    QList<Instance> m_fleet;
    QStringList m_selected;
    QHash<QString, QList<Release>> m_releases;   // product -> newest first
    std::optional<Plan> m_plan;

    QRadioButton *m_scopeSelected;
    QRadioButton *m_scopeProduct;
    QComboBox *m_product;
    QLabel *m_scopeSummary;
    QComboBox *m_version;
    QCheckBox *m_override;
    QLineEdit *m_overrideReason;
    QComboBox *m_runbook;
    QPushButton *m_browse;
    QCheckBox *m_windowNow;
    QSpinBox *m_windowHours;
    QLineEdit *m_params;
    QString m_offeredParams;             // what the field was filled with from the runbook's last run
    QLineEdit *m_operator;
    MessageWidget *m_message;
    QTreeWidget *m_preview;
    QPushButton *m_create;
};

} // namespace lockstep
