#pragma once

#include <QStringList>

namespace lockstep {

// `lockstep-cli audit verify|export ...`; `args` are the arguments after "audit".
// Exit codes: 0 done / chain intact, 1 chain broken, 2 usage or I/O error.
int runAuditCommand(const QStringList &args);

} // namespace lockstep
