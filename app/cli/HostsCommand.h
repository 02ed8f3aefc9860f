#pragma once

#include <QStringList>

namespace lockstep {

// `lockstep-cli hosts trust TARGET` shows a host's key and, once the operator confirmed the
// fingerprint (--yes, or "y" on a terminal), adds it to known_hosts. `hosts scan TARGET...` only shows
// keys and whether known_hosts trusts them. Exit code 0 on success / all trusted, 1 otherwise, 2 on a
// usage error.
class HostsCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace lockstep
