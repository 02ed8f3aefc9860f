#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace lockstep {

// `lockstep-cli signoff`: signs a checklist item of a stored run from this console — as the operator
// this console authenticated (database role, OS account), with the operator's SSH key through ssh-agent,
// or by importing a sign-off a second operator signed on their own machine from a request this command
// wrote (docs/upgrade-flow.md "Four eyes on one desktop"). The same rules as in the run's own console
// apply (StoredRunSignOff -> Checklist). Exit code: 0 signed / written, 2 refused or usage.
class SignOffCommand
{
public:
    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
};

} // namespace lockstep
