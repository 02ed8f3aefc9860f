#pragma once

#include "app/engine/RunRecovery.h"

#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace lockstep {

class MessageWidget;
class RunListModel;
class UpgradeController;

// Run history: every stored run, filterable; a past run opens read-only (its plan, every step attempt
// with outcome, duration and output tail); a run a crash interrupted opens into recovery, where the
// operator chooses what the engine allows (retry, mark done, skip, roll back) on the progress page.
class RunsPage : public QWidget
{
    Q_OBJECT
public:
    RunsPage(UpgradeController *controller, QWidget *parent = nullptr);

    void reload();
    // Scans for runs a crash left unfinished and offers them; returns how many were found.
    int checkRecovery();
    RunListModel *model() const { return m_model; }

signals:
    // The operator chose to recover this run; the controller made it the current one.
    void runRecovered();

private:
    void openSelected();
    void showPast(qint64 runId);
    void recover(qint64 runId);

    UpgradeController *m_controller;
    RunListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    MessageWidget *m_message;
    QLineEdit *m_filter;
    QTableView *m_table;
    QPushButton *m_open;
    QPlainTextEdit *m_details;
    QList<RecoveredRun> m_recovered;
};

} // namespace lockstep
