#pragma once

#include "models/Instance.h"
#include "models/Release.h"
#include "models/Result.h"
#include "models/run/Plan.h"

#include <QHash>
#include <QWidget>

#include <functional>
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

class ConsoleSession;
class FleetModel;
class MessageWidget;

// First page of the upgrade: which instances (the fleet's selection, else what its filter shows, else all
// pending of a product), which target version (only what the channels allow is selectable, the rest says
// why; the newest allowed without a breaking change is offered first; a version rolled back before is
// flagged), which runbook (those of the product; the one that applies to the change is picked), and the
// resolved plan: waves with instance names, steps with expected durations, rollback, window status.
// Every refusal is said in the page's own words, with the way out.
class PlanPage : public QWidget
{
    Q_OBJECT
public:
    // `session`: whose name the plan is made in.
    explicit PlanPage(ConsoleSession *session, QWidget *parent = nullptr);

    // The fleet as the table shows it (versions from the poller), the rows the operator selected and the
    // rows the fleet's filter shows (used when nothing is selected and the filter narrows the fleet).
    void setFleet(const FleetModel *fleet, const QStringList &selected, const QStringList &shown = {});
    // Versions of a product that a run rolled back before: version -> what happened ("run 12 rolled back
    // on 2026-12-07"). The upgrade window reads them from the store.
    using RollbackHistory = std::function<QHash<QString, QString>(const QString &product)>;
    void setRollbackHistory(RollbackHistory history) { m_rollbacks = std::move(history); }
    std::optional<Plan> plan() const { return m_plan; }
    QString operatorName() const;

signals:
    void createRunRequested(const lockstep::Plan &plan);

private:
    // A runbook the page can offer: bundled, or a file the operator picked.
    struct RunbookChoice
    {
        QString path;
        QString id;
        QString product;                 // empty: any product
        QList<ChangeClass> appliesTo;    // empty: every change
        bool bundled = false;
    };

    QList<Instance> scope() const;
    void fillProducts();
    void fillVersions();
    void fillRunbooks();
    void pickRunbook();
    void browseRunbook();
    void addRunbookFile(const QString &path);
    void recompute();
    void showPreview(const Plan &plan);
    ChangeClass changeOfScope() const;
    QString whyNoTarget(const QList<Instance> &instances) const;
    QString runbooksFor(const QString &product) const;

    QList<Instance> m_fleet;
    QStringList m_selected;
    bool m_fromFilter = false;           // m_selected is what the fleet filter showed, not a selection
    QList<RunbookChoice> m_runbooks;
    RollbackHistory m_rollbacks;
    QHash<QString, QString> m_rolledBack; // of the current product
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
