#include "app/transport/LocalTransport.h"

#include "app/transport/LocalCommandExecution.h"

namespace lockstep {

CommandExecution *LocalTransport::start(const CommandSpec &spec, QObject *parent)
{
    return new LocalCommandExecution(spec, parent);
}

} // namespace lockstep
