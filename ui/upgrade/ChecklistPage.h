#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace lockstep {

class ChecklistModel;
class ConsoleSession;
class MessageWidget;
class OperatorIdentity;
class RunExecutor;
class StoreNotifier;
class TaskProgress;

// Second page: the run's pre-upgrade checklist. Automated checks run (spinner, then pass / fail with
// the evidence); manual items are signed off by the operator this console authenticated (shown: "signed
// in as") with a comment; a second operator's SSH-signed sign-off is pasted and imported; refusals and
// sign-offs that do not count show their reason (the runbook's rule, enforced by the engine). Start is enabled only when every
// required item is satisfied. Sign-offs are stored by the engine, so they survive a restart.
class ChecklistPage : public QWidget
{
    Q_OBJECT
public:
    // `session`: who signs off here until a store says it (setIdentity).
    explicit ChecklistPage(ConsoleSession *session, QWidget *parent = nullptr);

    void setRun(RunExecutor *run);
    // Sign-offs other consoles store for this run (four-eyes across consoles) appear as they are made.
    void setNotifier(StoreNotifier *notifier);
    // Who this console signs as (the database role, the OS account), shown above the sign-off fields.
    void setIdentity(const OperatorIdentity &identity);
    ChecklistModel *model() const { return m_model; }

signals:
    void started();

private:
    void signOffSelected();
    void start();
    void updateState();
    void showEvidence();
    void importSignature();
    void showCheckFailure(const QStringList &failed);
    void clearCheckFailure();

    QPointer<RunExecutor> m_run;
    ChecklistModel *m_model;
    MessageWidget *m_message;
    QTableView *m_table;
    QPlainTextEdit *m_evidence;
    QLineEdit *m_operator;
    QLabel *m_identity;
    QPlainTextEdit *m_signature;
    QPushButton *m_importSignature;
    TaskProgress *m_verifying;          // ssh-keygen verifies a pasted signature on a worker
    QLineEdit *m_comment;
    QPushButton *m_signOff;
    QPushButton *m_runChecks;
    QPushButton *m_start;
    QLabel *m_status;
    QTimer m_spinner;
    QString m_checkFailure;   // the failed-checks bar's text while it is up
};

} // namespace lockstep
