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
    // The run's write fence is lost too, so the executor stops writing even between two of its writes.
    const Error why = m_leases.loseLeases(m_runId, m_generations, *lost);
    emit leaseLost(m_runId, *lost, why.message);
    return *lost;
}

} // namespace lockstep
