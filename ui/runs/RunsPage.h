#pragma once

#include "ui/runs/PastRunView.h"
#include "app/engine/RunRecovery.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace lockstep {

class MessageWidget;
class RunListModel;
class StoreNotifier;
class ConsoleSession;

// Run history: every stored run, filterable; a past run opens read-only as the progress grid (every step
// with outcome and duration, its output, the stored log as timeline); a run a crash interrupted shows as
// interrupted and opens into recovery, where the operator chooses what the engine allows (retry, mark
// done, skip, roll back) on the progress page.
class RunsPage : public QWidget
{
    Q_OBJECT
public:
    RunsPage(ConsoleSession *session, PastRunView past, QWidget *parent = nullptr);

    void reload();
    // Runs other consoles start or change, and their steps, appear as the store announces them.
    void setNotifier(StoreNotifier *notifier);
    // Scans for runs a crash left unfinished and offers them; returns how many were found.
    int checkRecovery();
    RunListModel *model() const { return m_model; }

signals:
    // The operator chose to recover this run (or opened the one this console drives); it is the current one.
    void runRecovered();
    // The operator asked for the report of this run (any run, finished or not).
    void reportRequested(qint64 runId);

private:
    void openSelected();
    void signOffSelected();
    void showPast(qint64 runId);
    void refreshChanged();
    void recover(qint64 runId);
    QSet<qint64> undriven(const QList<RunRecord> &runs) const;

    ConsoleSession *m_session;
    RunListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    MessageWidget *m_message;
    QLineEdit *m_filter;
    QTableView *m_table;
    QPushButton *m_open;
    QPushButton *m_signOff;
    QPushButton *m_report;
    PastRunView m_past;
    QLabel *m_placeholder;
    QSplitter *m_splitter;
    QList<RecoveredRun> m_recovered;
    qint64 m_shownRun = 0;          // the run shown read-only below the list
    QSet<qint64> m_changedRuns;     // named by notifications, read again once per burst
};

} // namespace lockstep
