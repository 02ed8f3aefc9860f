#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace lockstep {

// `lockstep-cli hosts trust TARGET` shows a host's key and, once the operator confirmed the
// fingerprint (--yes, or "y" on a terminal), adds it to known_hosts and records the trust (AuditActions::hostKeyTrusted) in the
// audit log. `hosts scan TARGET...` only shows keys and whether known_hosts trusts them. With
// --inventory FILE both act on every SSH host of an inventory ("scan and trust" before a window); a
// CHANGED key is never trusted. Exit code 0 on success / all trusted, 1 otherwise, 2 on a usage error.
class HostsCommand
{
public:
    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
};

} // namespace lockstep
