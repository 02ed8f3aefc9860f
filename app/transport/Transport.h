#pragma once

#include "app/transport/CommandExecution.h"

#include <QString>

namespace lockstep {

// Runs commands somewhere: on the operator's machine (LocalTransport) or on a host (SshTransport).
class Transport
{
public:
    virtual ~Transport() = default;

    virtual QString name() const = 0;   // "local", "ssh"

    // Starts the command and returns at once; never blocks the calling thread on I/O.
    // The returned object is owned by `parent` and emits finished() exactly once.
    virtual CommandExecution *start(const CommandSpec &spec, QObject *parent) = 0;
};

} // namespace lockstep
