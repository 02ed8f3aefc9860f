#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace lockstep {

// `lockstep-cli signoff RUN --item ITEM [--comment TEXT] [--operator NAME] [--database URL]`: signs a
// checklist item of a stored run from this console, e.g. the second operator of a four-eyes item while
// the first operator's console waits (`run --wait-signoffs`). The same rules as in the run's own console
// apply (the item must exist and want sign-offs; one operator signs an item once).
// Exit code: 0 signed, 2 refused.
class SignOffCommand
{
public:
    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
};

} // namespace lockstep
