#pragma once

#include <QtGlobal>

namespace lockstep::test {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
quint16 freePort();

// Waits (event loop running) until something accepts connections on 127.0.0.1:port.
bool waitForPort(quint16 port, int timeoutMs = 10000);

} // namespace lockstep::test
