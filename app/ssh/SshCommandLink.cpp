#include "app/ssh/SshCommandLink.h"

#include "app/ssh/SshCommandExecution.h"

#include <QMetaObject>

namespace lockstep {

SshCommandLink::SshCommandLink(CommandSpec spec, SshCommandExecution *execution)
    : m_spec(std::move(spec))
    , m_execution(execution)
{
}

void SshCommandLink::setWake(std::function<void()> wake)
{
    std::function<void()> now;
    {
        std::lock_guard lock(m_mutex);
        m_wake = std::move(wake);
        if (m_cancel.load())
            now = m_wake;
    }
    if (now)
        now();
}

void SshCommandLink::postLines(QList<OutputCapture::Line> lines)
{
    if (lines.isEmpty())
        return;
    std::lock_guard lock(m_mutex);
    if (!m_execution)
        return;
    qint64 chars = 0;
    for (const OutputCapture::Line &line : lines)
        chars += line.text.size() + 1;
    m_undelivered.fetch_add(chars);
    SshCommandExecution *execution = m_execution;
    QMetaObject::invokeMethod(
        execution, [execution, chars, lines = std::move(lines)] { execution->deliverLines(lines, chars); },
        Qt::QueuedConnection);
}

void SshCommandLink::postFinished(const CommandOutcome &outcome)
{
    std::lock_guard lock(m_mutex);
    if (!m_execution)
        return;
    SshCommandExecution *execution = m_execution;
    QMetaObject::invokeMethod(
        execution, [execution, outcome] { execution->finish(outcome); }, Qt::QueuedConnection);
}

void SshCommandLink::requestCancel()
{
    m_cancel.store(true);
    std::function<void()> wake;
    {
        std::lock_guard lock(m_mutex);
        wake = m_wake;
    }
    if (wake)
        wake();
}

void SshCommandLink::detach()
{
    std::lock_guard lock(m_mutex);
    m_execution = nullptr;
    m_wake = nullptr;
    m_undelivered.store(0);   // nobody reads any more: the worker must not wait for a reader
}

} // namespace lockstep
