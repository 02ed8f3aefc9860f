#include "models/store/LeaseHeartbeat.h"

#include "models/store/LeaseRepository.h"

namespace lockstep {

LeaseHeartbeat::LeaseHeartbeat(LeaseRepository &leases, qint64 runId, QObject *parent)
    : QObject(parent), m_leases(leases), m_runId(runId)
{
    connect(&m_timer, &QTimer::timeout, this, [this] { beat(); });
}

Status LeaseHeartbeat::start(std::chrono::milliseconds interval)
{
    auto held = m_leases.heldBy(m_runId);
    if (!held)
        return held.error();
    m_generations.clear();
    for (const Lease &l : *held)
        m_generations.insert(l.instance, l.generation);
    m_timer.start(interval);
    beat();
    return okStatus();
}

QStringList LeaseHeartbeat::beat()
{
    auto lost = m_leases.heartbeat(m_runId, m_generations);
    // A failed refresh (database unreachable) is not a loss yet: the lease holds until the timeout, and
    // the generation check refuses this run's writes should another console take over meanwhile.
    if (!lost || lost->isEmpty())
        return {};
    m_timer.stop();
    emit leaseLost(m_runId, *lost,
                   QStringLiteral("run %1 lost its lease on %2 (it was not refreshed within the lease timeout and "
                                  "another run took it over); this console stops writing for the run")
                       .arg(m_runId)
                       .arg(lost->join(QStringLiteral(", "))));
    return *lost;
}

} // namespace lockstep
