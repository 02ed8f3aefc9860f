#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace lockstep {

// `lockstep-cli status RUN`: the run's state, each instance's progress and every step attempt; a step
// that started and has no result shows as interrupted. Reads only.
class StatusCommand
{
public:
    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
};

} // namespace lockstep
