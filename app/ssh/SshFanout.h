#pragma once

#include "app/ssh/HostKeyInfo.h"

#include <QSemaphore>

#include <atomic>
#include <functional>
#include <mutex>

namespace lockstep {

// What the connections of one SshTransport share: the fan-out limits, the connection counter and the
// host-key hook. Owned jointly by the transport and its connection workers.
class SshFanout
{
public:
    SshFanout(int maxHandshakes, int maxCommands)
        : handshakes(maxHandshakes)
        , commands(maxCommands)
    {
    }

    QSemaphore handshakes;      // a slot per handshake in flight
    QSemaphore commands;        // a slot per command running
    std::atomic<int> connectionsOpened{0};
    std::atomic<int> handshakesRetried{0};   // handshakes the server closed or reset, tried again

    void setHostKeyHook(std::function<void(const HostKeyInfo &)> hook)
    {
        std::lock_guard lock(m_mutex);
        m_hostKeyHook = std::move(hook);
    }
    void reportHostKeyProblem(const HostKeyInfo &key)
    {
        std::lock_guard lock(m_mutex);
        if (m_hostKeyHook)
            m_hostKeyHook(key);
    }

private:
    std::mutex m_mutex;
    std::function<void(const HostKeyInfo &)> m_hostKeyHook;
};

} // namespace lockstep
