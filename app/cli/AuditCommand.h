#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace lockstep {

// `lockstep-cli audit verify|export ...`; `arguments` are the arguments after "audit".
// Exit codes: 0 done / chain intact, 1 chain broken, 2 usage or I/O error.
class AuditCommand
{
public:
    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
};

} // namespace lockstep
