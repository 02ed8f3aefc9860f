#include "ui/common/BackgroundJob.h"

namespace lockstep {

BackgroundJob::BackgroundJob(QObject *owner)
    : QObject(owner)
    , m_state(std::make_shared<Control::State>())
{
    m_state->job = this;
}

void BackgroundJob::cancel()
{
    if (!m_running || m_state->cancelled.exchange(true))
        return;
    emit cancelRequested();
}

std::function<void()> &BackgroundJob::workerEntryHook()
{
    static std::function<void()> hook;
    return hook;
}

void BackgroundJob::Control::progress(qint64 done, qint64 total) const
{
    // Only the worker calls this; the timer and flag are its own. The GUI hears of it at ~20 Hz at most.
    if (m_state->reported && m_state->sinceReport.elapsed() < 50 && done < total)
        return;
    m_state->reported = true;
    m_state->sinceReport.start();
    QPointer<BackgroundJob> job = m_state->job;
    QMetaObject::invokeMethod(qApp, [job, done, total] {
        if (job && job->m_running)
            emit job->progressed(done, total);
    }, Qt::QueuedConnection);
}

} // namespace lockstep
