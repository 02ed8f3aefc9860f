#pragma once

#include "app/session/ConsoleSession.h"
#include "models/Result.h"
#include "models/run/InstanceProgress.h"
#include "models/run/Plan.h"
#include "models/run/RunRecord.h"
#include "models/run/StepResult.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QTableView;
class QTabWidget;
class QToolBar;

namespace lockstep {

class GatePanel;
class MessageWidget;
class OutputPane;
class ProgressModel;
class RollbackCountdown;
class RunExecutor;
class RunRepository;
class StoreNotifier;
struct RunEvent;
class WaveApprovalPanel;

// Third page: the running upgrade. The wave x instance x step grid, the selected step's live output,
// the event timeline, the gates, and the operator's actions. Destructive actions ask first, naming the
// instances and versions they touch (OperatorPrompt, which tests answer in advance).
class ProgressPage : public QWidget
{
    Q_OBJECT
public:
    // `session`: who acts here (approvals, pauses, rollbacks are done in its operator's name).
    explicit ProgressPage(ConsoleSession *session, QWidget *parent = nullptr);

    // `runs` fills in what happened before (a restored run); may be null.
    void setRun(RunExecutor *run, RunRepository *runs);
    // Team mode: a wave approval another operator gives from their console starts the wave here once
    // the runbook's rule is met.
    void setNotifier(StoreNotifier *notifier);
    // A stored run, read-only: the same grid, output and timeline, every action disabled.
    void showPast(const RunRecord &record, const Plan &plan, const QList<StepResult> &attempts);
    bool isReadOnly() const { return m_readOnly; }
    RollbackCountdown *countdown() const { return m_countdown; }
    ProgressModel *model() const { return m_model; }
    GatePanel *gates() const { return m_gates; }
    QList<QAction *> runActions() const;
    // Instances whose manual step waits for the operator, in grid order.
    QStringList waitingInstances() const;
    // What the run waits for and how long, for the status line and a disabled action's tooltip
    // ("approval possible in 7:42 — observing wave 1"); empty when it waits for no time.
    QString waitText() const;
    // Whether the timeline tells this run event (RunNarration::describe): what a person acts on — the run's
    // states, waves, gates' verdicts, approvals, operators' decisions, failures and rollbacks — not every
    // step that starts or succeeds, nor each gate measurement (the grid and the Gates tab show those).
    static bool showsInTimeline(const RunEvent &event);

signals:
    // How many instances wait for the operator (a manual step) changed; the window badges it.
    void waitingForOperatorChanged(int count);

private:
    QAction *makeAction(const char *name, const QString &text, const QKeySequence &shortcut, void (ProgressPage::*slot)());
    void connectRun();
    void clear();
    void applyAttempts(const QList<StepResult> &attempts);
    void startCountdown(const QDateTime &deadline, const QString &why, const QStringList &instances);
    void addEvent(const QString &text);
    void updateActions();
    // Enables `action`; disabled, its tooltip says why (`whyNot`) under what it does.
    void setAvailable(QAction *action, bool enabled, const QString &whyNot);
    void updateStatus();
    void updateWaiting();
    void noteInstanceChange(const InstanceProgress &progress);
    QString selectedInstance() const;
    QStringList touchedInstances(int wave = -1) const;
    QString describe(const QStringList &instances, bool rollback) const;
    void report(const QString &what, const Status &status);
    // The actions on the selected instance share one shape: ask (naming it), then call the engine.
    using InstanceAction = Status (RunExecutor::*)(const QString &instance, const QString &operatorName, const QString &reason);
    void actOnSelected(const QString &what, const QString &title, const QString &question, InstanceAction action);
    void rollbackInstances(const QString &title, const QString &question, const QStringList &names);

    void approve();
    void pause();
    void resume();
    void abort();
    void retry();
    void skip();
    void markDone();
    void rollbackInstance();
    void rollbackWave();
    void rollbackAll();
    void emergencyRollback();
    void endWatch();
    bool inWatch() const;
    void confirmManual();
    void confirmManualAll();
    // An instance that needs restore (a rollback reached a step nothing can undo): ProgressPageRestore.cpp.
    QStringList restoreInstances() const;
    void showRestoreNeeded(const QString &instance, const QString &step, const QString &message);
    void updateRestoreActions(bool live, const QString &selected);
    void confirmRestored();
    void leaveUnrestored();

    QString operatorName() const;

    QPointer<ConsoleSession> m_session;
    QPointer<RunExecutor> m_run;
    bool m_readOnly = false;
    QString m_pastStatus;
    ProgressModel *m_model;
    QLabel *m_status;
    MessageWidget *m_message;
    RollbackCountdown *m_countdown;
    QToolBar *m_toolBar;
    QAction *m_restored = nullptr;
    QAction *m_leaveUnrestored = nullptr;
    QTableView *m_grid;
    QTabWidget *m_tabs;
    OutputPane *m_output;
    QListWidget *m_timeline;
    GatePanel *m_gates;
    WaveApprovalPanel *m_approval;                  // while the run waits for a wave approval
    QTimer m_tick;                                  // the time left in the status line and tooltips
    QHash<QAction *, QString> m_tips;               // what each action does, with its shortcut
    QHash<QString, InstanceState> m_lastState;      // for the timeline: what changed
    QHash<QString, QString> m_prompts;              // instance -> the prompt of its waiting manual step
    int m_waiting = 0;
    bool m_waitBanner = false;                      // the message bar shows the manual-step wait

    QAction *m_approve;
    QAction *m_pause;
    QAction *m_resume;
    QAction *m_abort;
    QAction *m_retry;
    QAction *m_skip;
    QAction *m_markDone;
    QAction *m_confirmManual;
    QAction *m_confirmManualAll;
    QAction *m_rollbackInstance;
    QAction *m_rollbackWave;
    QAction *m_rollbackAll;
    QAction *m_emergency;
    QAction *m_endWatch;
};

} // namespace lockstep
