#pragma once

#include "app/ssh/HostKeyInfo.h"
#include "app/ssh/SshOptions.h"
#include "models/Result.h"

namespace lockstep {

// Trusting a host key is an action of its own, separate from running commands: scan shows the key
// the operator must check; trust adds exactly that key to known_hosts. Both block for up to
// SshOptions::connectTimeout: the GUI calls them from a worker thread, the CLI directly.
class HostKeyScanner
{
public:
    explicit HostKeyScanner(SshOptions options);

    // Connects without authenticating; the server's key and what known_hosts says about it.
    Result<HostKeyInfo> scan(const QString &target) const;

    // Connects again and appends the server's key to known_hosts if its fingerprint is still
    // `expectedFingerprint` (what the operator confirmed). Refuses a key that replaces a known one:
    // that entry must be removed first, deliberately.
    Result<HostKeyInfo> trust(const QString &target, const QString &expectedFingerprint) const;

private:
    SshOptions m_options;
};

} // namespace lockstep
