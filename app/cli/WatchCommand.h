#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace lockstep {

// `lockstep-cli watch [--database URL] [--run RUN] [--count N] [--for SECONDS]`: prints one line per change
// another console makes (sign-offs, step results, run states, leases), as the store announces them
// (PostgreSQL LISTEN/NOTIFY). A team's terminal dashboard, and how the tests see notifications cross
// processes. Prints "listening" once subscribed. Exit code: 0 after N events or the time, 2 refused.
class WatchCommand
{
public:
    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
};

} // namespace lockstep
