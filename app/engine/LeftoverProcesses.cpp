#include "app/engine/LeftoverProcesses.h"

#include "models/Clock.h"
#include "models/runbook/Runbook.h"

#include <csignal>

namespace lockstep {

LeftoverProcesses::LeftoverProcesses(QObject *parent) : QObject(parent)
{
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &LeftoverProcesses::poll);
}

void LeftoverProcesses::track(const QList<StepResult> &attempts, const Runbook &runbook)
{
    for (const StepResult &a : attempts) {
        if (a.outcome != StepOutcome::Interrupted || a.processGroup <= 1)
            continue;
        const ProcessGroup group(a.processGroup, a.processIdentity);
        // A group recorded on another host cannot be seen from here: only its own console's machine can.
        if (group.probe() != ProcessGroup::Liveness::Running)
            continue;
        Entry e;
        e.instance = a.instance;
        e.step = a.step;
        e.attempt = a.attempt;
        e.group = group;
        const StepSpec *spec = runbook.findStep(a.step);
        const auto timeout = spec && spec->timeout.count() > 0 ? spec->timeout : std::chrono::minutes(10);
        e.deadline = a.startedAt.addMSecs(qint64(timeout.count()) + kKillGraceMs);
        m_entries.append(e);
    }
    if (!m_entries.isEmpty())
        m_poll.start();
}

bool LeftoverProcesses::holds(const QString &instance) const
{
    return entry(instance).has_value();
}

std::optional<LeftoverProcesses::Entry> LeftoverProcesses::entry(const QString &instance) const
{
    for (const Entry &e : m_entries)
        if (e.instance == instance)
            return e;
    return std::nullopt;
}

QString LeftoverProcesses::waitingMessage(const QString &instance) const
{
    const auto e = entry(instance);
    if (!e)
        return {};
    return QStringLiteral("step %1 of instance %2 is still running from the previous console (pgid %3); waiting")
        .arg(e->step, e->instance, QString::number(e->group.id()));
}

QString LeftoverProcesses::outlivedMessage(const QString &instance) const
{
    const auto e = entry(instance);
    if (!e)
        return {};
    return QStringLiteral("step %1 of instance %2 is still running from the previous console (pgid %3) past its "
                          "timeout; end it (kill) or wait for it before resolving the step")
        .arg(e->step, e->instance, QString::number(e->group.id()));
}

bool LeftoverProcesses::kill(const QString &instance)
{
    for (Entry &e : m_entries) {
        if (e.instance != instance)
            continue;
        e.killing = true;
        e.killedAt = Clock::instance().now();
        e.group.signal(SIGTERM);
        return true;
    }
    return false;
}

void LeftoverProcesses::poll()
{
    const QDateTime now = Clock::instance().now();
    QList<Entry> gone;
    QList<Entry> late;
    for (qsizetype i = 0; i < m_entries.size();) {
        Entry &e = m_entries[i];
        if (e.group.probe() != ProcessGroup::Liveness::Running) {
            gone << m_entries.takeAt(i);
            continue;
        }
        if (e.killing && e.killedAt.msecsTo(now) >= kKillGraceMs)
            e.group.signal(SIGKILL);
        if (!e.killing && !e.outlived && now >= e.deadline) {
            e.outlived = true;
            late << e;
        }
        ++i;
    }
    if (m_entries.isEmpty())
        m_poll.stop();
    // Told after the walk: a receiver may ask again, or end another group.
    for (const Entry &e : std::as_const(gone))
        emit ended(e.instance, e.step, e.group.id(), e.killing);
    for (const Entry &e : std::as_const(late))
        emit outlived(e.instance, outlivedMessage(e.instance));
}

} // namespace lockstep
