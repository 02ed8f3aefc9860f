#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace lockstep {

// `lockstep-cli plan --runbook FILE --version V --instances a,b|--product P --inventory FILE`:
// prints the plan preview (waves, steps, rollback, window, durations). Changes nothing.
// Exit code 0, or 2 when the plan is refused (usage, policy, no runbook).
class PlanCommand
{
public:
    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
};

} // namespace lockstep
