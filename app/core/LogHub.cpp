#include "app/core/LogHub.h"

namespace lockstep {

LogHub::LogHub()
{
    qRegisterMetaType<lockstep::LogEntry>();
}

LogHub *LogHub::instance()
{
    static LogHub *hub = new LogHub;   // lives as long as the process: sinks may log during teardown
    return hub;
}

} // namespace lockstep
