#pragma once

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <utility>

namespace lockstep {

// The pool SSH work of the GUI runs on: its own, so a host that hangs until its connect timeout (or a
// connection waiting for a passphrase) never starves the application's global pool.
inline QThreadPool &sshWorkPool()
{
    static QThreadPool pool;
    pool.setMaxThreadCount(16);
    return pool;
}

// Runs blocking SSH work (connect, scan, trust) off the GUI thread and hands its result to `done` on the
// GUI thread, unless `receiver` is gone by then (checked there, where it lives).
template<typename Work, typename Done>
void runOffThread(QObject *receiver, Work work, Done done)
{
    QPointer<QObject> guard(receiver);
    sshWorkPool().start([guard, work = std::move(work), done = std::move(done)]() mutable {
        auto result = work();
        QCoreApplication *app = QCoreApplication::instance();
        if (!app)
            return;
        QMetaObject::invokeMethod(app, [guard, done = std::move(done), result = std::move(result)]() mutable {
            if (guard)
                done(std::move(result));
        }, Qt::QueuedConnection);
    });
}

} // namespace lockstep
