#pragma once

#include "app/ssh/SshOptions.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace lockstep {

class PassphraseDialog;

// The GUI's SshOptions::passphraseProvider. libssh asks on an SSH worker thread; the question is posted
// to the GUI thread, where a PassphraseDialog opens (one at a time, non-modal to the event loop), while
// the worker waits on a promise. Nothing is stored: the answer goes to libssh and is wiped.
class PassphrasePrompt : public QObject
{
    Q_OBJECT
public:
    explicit PassphrasePrompt(QWidget *dialogParent = nullptr);
    ~PassphrasePrompt() override;

    // Safe to call from any thread; never blocks the GUI thread (asked there, it answers "skip").
    SshPassphraseProvider provider() const;

signals:
    // A dialog opened (tests answer it; nothing else needs it).
    void asking(lockstep::PassphraseDialog *dialog);

private:
    struct Request;
    struct Shared;
    void enqueue(std::shared_ptr<Request> request);
    void showNext();

    QPointer<QWidget> m_dialogParent;
    std::shared_ptr<Shared> m_shared;
};

} // namespace lockstep
