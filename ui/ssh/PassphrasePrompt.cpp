#include "ui/ssh/PassphrasePrompt.h"

#include "ui/ssh/PassphraseDialog.h"

#include <QCoreApplication>
#include <QList>
#include <QThread>
#include <QWidget>

#include <chrono>
#include <future>
#include <mutex>

namespace lockstep {

struct PassphrasePrompt::Request
{
    QString identityFile;
    std::promise<std::optional<QByteArray>> answer;
    bool answered = false;      // GUI thread only

    void reply(std::optional<QByteArray> passphrase)
    {
        if (answered)
            return;
        answered = true;
        answer.set_value(std::move(passphrase));    // moved, never copied: one buffer to wipe
    }
};

struct PassphrasePrompt::Shared
{
    std::mutex mutex;
    PassphrasePrompt *prompt = nullptr;     // null once the prompt is gone
    std::mutex oneAtATime;                  // workers ask one after the other
    QList<std::shared_ptr<Request>> queue;  // GUI thread only
    std::shared_ptr<Request> current;       // GUI thread only
};

PassphrasePrompt::PassphrasePrompt(QWidget *dialogParent)
    : m_dialogParent(dialogParent)
    , m_shared(std::make_shared<Shared>())
{
    m_shared->prompt = this;
}

PassphrasePrompt::~PassphrasePrompt()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->prompt = nullptr;
    }
    if (m_shared->current)
        m_shared->current->reply(std::nullopt);
    for (const auto &request : std::as_const(m_shared->queue))
        request->reply(std::nullopt);
    m_shared->queue.clear();
}

SshPassphraseProvider PassphrasePrompt::provider() const
{
    std::weak_ptr<Shared> weak = m_shared;
    return [weak](const QString &identityFile) -> std::optional<QByteArray> {
        // Waiting here on the GUI thread would freeze it (and the dialog could never answer).
        if (QCoreApplication::instance() && QThread::currentThread() == QCoreApplication::instance()->thread())
            return std::nullopt;
        const std::shared_ptr<Shared> shared = weak.lock();
        if (!shared)
            return std::nullopt;
        std::lock_guard one(shared->oneAtATime);
        auto request = std::make_shared<Request>();
        request->identityFile = identityFile;
        std::future<std::optional<QByteArray>> answer = request->answer.get_future();
        {
            std::lock_guard lock(shared->mutex);
            if (!shared->prompt)
                return std::nullopt;
            PassphrasePrompt *prompt = shared->prompt;
            QMetaObject::invokeMethod(prompt, [prompt, request] { prompt->enqueue(request); }, Qt::QueuedConnection);
        }
        // The prompt answers every request it receives; a request lost with the prompt ends the wait.
        while (answer.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
            std::lock_guard lock(shared->mutex);
            if (!shared->prompt)
                return std::nullopt;
        }
        return answer.get();
    };
}

void PassphrasePrompt::enqueue(std::shared_ptr<Request> request)
{
    m_shared->queue.append(std::move(request));
    if (!m_shared->current)
        showNext();
}

void PassphrasePrompt::showNext()
{
    if (m_shared->queue.isEmpty())
        return;
    m_shared->current = m_shared->queue.takeFirst();
    auto *dialog = new PassphraseDialog(m_shared->current->identityFile, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        const std::shared_ptr<Request> request = std::exchange(m_shared->current, nullptr);
        if (request)
            request->reply(result == QDialog::Accepted ? std::optional<QByteArray>(dialog->takePassphrase()) : std::nullopt);
        showNext();
    });
    dialog->open();
    emit asking(dialog);
}

} // namespace lockstep
