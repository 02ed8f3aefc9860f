#pragma once

#include "app/ssh/SshConnectionReport.h"
#include "app/ssh/SshOptions.h"

namespace lockstep {

// The connection test behind the GUI's "Test SSH connection": connect, check the host key, authenticate
// exactly as a run's ssh: step would, and report each stage. Runs no command. Blocks for up to
// SshOptions::connectTimeout per stage: call it from a worker thread.
class SshConnectionCheck
{
public:
    static SshConnectionReport run(const QString &target, const SshOptions &options);
};

} // namespace lockstep
