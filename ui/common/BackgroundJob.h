#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace lockstep {

// A long GUI operation (audit verify, report export, inventory import) run on a worker thread, so the
// window keeps painting and answering while it works. The worker gets a Control: it reports progress
// (passed to the GUI thread, at most ~20 times a second) and asks whether the operator cancelled.
// The result comes back to the GUI thread through `done`, unless the job's owner is gone by then.
class BackgroundJob : public QObject
{
    Q_OBJECT
public:
    class Control
    {
    public:
        bool isCancelled() const { return m_state->cancelled.load(); }
        // `total` 0: unknown (a busy indicator).
        void progress(qint64 done, qint64 total) const;

    private:
        friend class BackgroundJob;
        struct State
        {
            std::atomic<bool> cancelled{false};
            QPointer<BackgroundJob> job;
            QElapsedTimer sinceReport;
            bool reported = false;
        };
        std::shared_ptr<State> m_state;
    };

    // Starts `work(control)` on the application's thread pool; `done(result)` runs on this object's
    // thread with what it returned (whether cancelled or not: the work decides what a cancel returns).
    template<typename Work, typename Done>
    static BackgroundJob *start(QObject *owner, Work work, Done done)
    {
        auto *job = new BackgroundJob(owner);
        Control control;
        control.m_state = job->m_state;
        QPointer<BackgroundJob> guard(job);
        QThreadPool::globalInstance()->start([guard, control, work = std::move(work), done = std::move(done)]() mutable {
            if (const auto &hook = workerEntryHook())
                hook();
            auto result = work(control);
            QMetaObject::invokeMethod(qApp, [guard, done = std::move(done), result = std::move(result)]() mutable {
                if (!guard)
                    return;
                guard->m_running = false;
                done(std::move(result));
                emit guard->finished();
                guard->deleteLater();
            }, Qt::QueuedConnection);
        });
        return job;
    }

    bool isRunning() const { return m_running; }
    bool isCancelled() const { return m_state->cancelled.load(); }
    void cancel();

    // For tests: runs on the worker before each job's work (e.g. holds it until the test has looked at
    // the window while the job is in flight). Empty: nothing.
    static void setWorkerEntryHook(std::function<void()> hook) { workerEntryHook() = std::move(hook); }

signals:
    void progressed(qint64 done, qint64 total);
    void cancelRequested();
    void finished();

private:
    explicit BackgroundJob(QObject *owner);
    static std::function<void()> &workerEntryHook();

    std::shared_ptr<Control::State> m_state;
    bool m_running = true;
};

} // namespace lockstep
