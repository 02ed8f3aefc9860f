#pragma once

#include <QString>

namespace lockstep {

// A local step's process group as the store keeps it: the group id (its leader's pid, the command runs in
// its own session) and what identifies that leader beyond the id, "HOST BOOT-ID START-TIME" (start time
// in clock ticks since boot, /proc/PID/stat field 22). A console killed with `kill -9` leaves the group
// running; the next console finds it here and tells it from a recycled pid. Linux /proc only.
class ProcessGroup
{
public:
    enum class Liveness {
        Running,     // a process of the group is alive on this machine
        Ended,       // no process of it is left (or the machine restarted since)
        Elsewhere,   // recorded on another host: this console cannot see it
    };

    ProcessGroup() = default;
    ProcessGroup(qint64 id, QString identity) : m_id(id), m_identity(std::move(identity)) {}

    // The group `pid` leads as it is now; its identity is empty when /proc does not show the process.
    static ProcessGroup ofLeader(qint64 pid);

    qint64 id() const { return m_id; }
    const QString &identity() const { return m_identity; }
    bool isValid() const { return m_id > 1; }
    // The host the group was recorded on (the first word of the identity).
    QString host() const;

    // Whether any process of the group is still alive (zombies do not count). A leader whose pid now
    // belongs to a process started at another time means the group ended and the pid was reused (Linux
    // never reuses a pid while a group of that id still has members).
    Liveness probe() const;
    // Sends `signal` to every process of the group (SIGTERM, SIGKILL).
    void signal(int signal) const;

private:
    qint64 m_id = 0;
    QString m_identity;
};

} // namespace lockstep
