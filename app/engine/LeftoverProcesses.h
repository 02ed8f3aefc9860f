#pragma once

#include "app/transport/ProcessGroup.h"
#include "models/run/StepResult.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

#include <optional>

namespace lockstep {

struct Runbook;

// The local step commands a killed console left running: interrupted attempts of a restored run whose
// recorded process group (migration 0012) is still alive. Local commands run in their own session, so a
// `kill -9` of the console does not end them, and they may still change the instance. While such a group
// runs, nothing of its instance may be resolved or started (RunExecutor asks holds()); this polls /proc
// until it ends. Bounded by the step's own timeout (as the killed console would have enforced it): past
// that it is reported once (outlived) and left for the operator, who may end it (kill: SIGTERM, then
// SIGKILL).
class LeftoverProcesses : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPollMs = 200;
    static constexpr int kKillGraceMs = 2000;   // SIGTERM, then SIGKILL this much later

    struct Entry
    {
        QString instance;
        QString step;
        int attempt = 0;
        ProcessGroup group;
        QDateTime deadline;             // the step's start plus its timeout
        bool killing = false;           // the operator ended it: SIGTERM sent
        QDateTime killedAt;
        bool outlived = false;          // reported past its deadline
    };

    explicit LeftoverProcesses(QObject *parent = nullptr);

    // Keeps the interrupted attempts of `attempts` whose process group still runs on this machine.
    void track(const QList<StepResult> &attempts, const Runbook &runbook);
    bool holds(const QString &instance) const;
    std::optional<Entry> entry(const QString &instance) const;
    QList<Entry> running() const { return m_entries; }
    // "step X of instance Y is still running from the previous console (pgid N); waiting"
    QString waitingMessage(const QString &instance) const;
    // "... still running from the previous console (pgid N) past its timeout; end it (kill) or wait ..."
    QString outlivedMessage(const QString &instance) const;
    // Ends the group: SIGTERM now, SIGKILL after kKillGraceMs if it is still alive. False: none runs.
    bool kill(const QString &instance);

signals:
    // The group ended (by itself, or `killed` by the operator's word).
    void ended(const QString &instance, const QString &step, qint64 group, bool killed);
    // Still running past its step's timeout: the wait is over, the operator decides (kill or wait).
    void outlived(const QString &instance, const QString &message);

private:
    void poll();

    QList<Entry> m_entries;
    QTimer m_poll;
};

} // namespace lockstep
