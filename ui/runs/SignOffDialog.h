#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace lockstep {

class EngineRuntime;
class MessageWidget;

// Signs a checklist item of a run that is being prepared, possibly on another operator's console
// (four-eyes across consoles): lists the items that still want a sign-off, asks who and what was checked,
// and signs through StoredRunSignOff. A refusal (the same operator twice, a run that ended) stays in the
// dialog with the reason, so nothing typed is lost.
class SignOffDialog : public QDialog
{
    Q_OBJECT
public:
    SignOffDialog(EngineRuntime *runtime, qint64 runId, QWidget *parent = nullptr);

    // False with the reason shown when the run has nothing left to sign or cannot be read.
    bool load();

private:
    void sign();

    EngineRuntime *m_runtime;
    qint64 m_runId;
    MessageWidget *m_message;
    QComboBox *m_item;
    QLineEdit *m_operator;
    QLineEdit *m_comment;
    QDialogButtonBox *m_buttons;
};

} // namespace lockstep
