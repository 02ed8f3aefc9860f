#pragma once

#include "models/Result.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace lockstep {

class LeaseRepository;

// Keeps a run's leases alive in team mode: refreshes their heartbeat a few times per lease timeout, so
// other consoles see this one is alive, and notices when a lease was taken over (this console was
// stalled or cut off longer than the timeout). Then the run must stop writing: leaseLost() says so once
// and the heartbeat stops. Lives on the thread that owns the store.
class LeaseHeartbeat : public QObject
{
    Q_OBJECT
public:
    LeaseHeartbeat(LeaseRepository &leases, qint64 runId, QObject *parent = nullptr);

    // Reads the leases the run holds now (their generations are what later beats must still find) and
    // beats every `interval`. Refused when the store cannot be read.
    Status start(std::chrono::milliseconds interval);
    void stop() { m_timer.stop(); }
    bool isActive() const { return m_timer.isActive(); }

    // One beat now; returns the instances lost (also emitted).
    QStringList beat();

signals:
    void leaseLost(qint64 runId, const QStringList &instances, const QString &why);

private:
    LeaseRepository &m_leases;
    qint64 m_runId;
    QHash<QString, qint64> m_generations;
    QTimer m_timer;
};

} // namespace lockstep
