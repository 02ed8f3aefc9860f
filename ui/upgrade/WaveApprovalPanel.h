#pragma once

#include "models/Result.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace lockstep {

class MessageWidget;
class RunExecutor;
class TaskProgress;

// Under the progress page's message bar while a run waits for a wave approval: the runbook's rule and
// what is still missing ("needs a second operator other than alice"), why the last approval was refused
// ("alice started this run"), and a second operator's SSH-signed approval to paste in. The request they
// sign (with what this console shows: the gates' values) is copied to the clipboard; the signature is
// verified with ssh-keygen on a worker, and the approval is stored on the GUI thread.
class WaveApprovalPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WaveApprovalPanel(QWidget *parent = nullptr);

    void setRun(RunExecutor *run);
    // An approval given here was refused: the reason stays in the panel until the next attempt.
    void showRefusal(const Error &why);

private:
    void refresh();
    void copyRequest();
    void importSignature();

    QPointer<RunExecutor> m_run;
    QLabel *m_status;
    MessageWidget *m_message;
    QPlainTextEdit *m_signature;
    QPushButton *m_copyRequest;
    QPushButton *m_import;
    TaskProgress *m_verifying;
};

} // namespace lockstep
