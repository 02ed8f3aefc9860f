#pragma once

#include <QString>

namespace lockstep::test {

inline QString sourceDir() { return QStringLiteral(LOCKSTEP_SOURCE_DIR); }
inline QString fleetsimPath() { return QStringLiteral(LOCKSTEP_FLEETSIM_PATH); }
inline QString cliPath() { return QStringLiteral(LOCKSTEP_CLI_PATH); }

} // namespace lockstep::test
