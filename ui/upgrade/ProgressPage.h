#pragma once

#include "models/Result.h"

#include <QPointer>
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
class RunExecutor;
class RunRepository;

// Third page: the running upgrade. The wave x instance x step grid, the selected step's live output,
// the event timeline, the gates, and the operator's actions. Destructive actions ask first, naming the
// instances and versions they touch (OperatorPrompt, which tests answer in advance).
class ProgressPage : public QWidget
{
    Q_OBJECT
public:
    explicit ProgressPage(QWidget *parent = nullptr);

    // `runs` fills in what happened before (a restored run); may be null.
    void setRun(RunExecutor *run, RunRepository *runs);
    ProgressModel *model() const { return m_model; }
    GatePanel *gates() const { return m_gates; }
    QList<QAction *> runActions() const;

private:
    QAction *makeAction(const char *name, const QString &text, const QKeySequence &shortcut, void (ProgressPage::*slot)());
    void connectRun();
    void addEvent(const QString &text);
    void updateActions();
    void updateStatus();
    QString selectedInstance() const;
    QStringList touchedInstances(int wave = -1) const;
    QString describe(const QStringList &instances, bool rollback) const;
    void report(const QString &what, const Status &status);

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
    void confirmManual();

    QPointer<RunExecutor> m_run;
    ProgressModel *m_model;
    QLabel *m_status;
    MessageWidget *m_message;
    QToolBar *m_toolBar;
    QTableView *m_grid;
    QTabWidget *m_tabs;
    OutputPane *m_output;
    QListWidget *m_timeline;
    GatePanel *m_gates;

    QAction *m_approve;
    QAction *m_pause;
    QAction *m_resume;
    QAction *m_abort;
    QAction *m_retry;
    QAction *m_skip;
    QAction *m_markDone;
    QAction *m_confirmManual;
    QAction *m_rollbackInstance;
    QAction *m_rollbackWave;
    QAction *m_rollbackAll;
    QAction *m_emergency;
};

} // namespace lockstep
