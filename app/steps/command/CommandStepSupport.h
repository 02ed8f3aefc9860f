#pragma once

#include "app/transport/CommandSpec.h"
#include "models/Result.h"
#include "models/runbook/Runbook.h"

class QObject;

namespace lockstep {

class StepCheck;
class StepExecution;
class StepLaunchServices;
class Templater;
struct StepContext;
struct StepSyntax;

// What the command kinds (ssh, local) share: `expect: {exit, output}`, its check, and starting the
// rendered command on the kind's transport.
namespace CommandStepSupport {

void readExpectation(StepSyntax &syntax);
void validateExpectation(const StepSpec &step, const QString &path, StepCheck &check);

using Render = Result<CommandSpec> (*)(Templater &templater, const StepSpec &step, const StepContext &context);
// Renders the step with `render` and starts it on the transport configured for its kind.
StepExecution *launch(const StepSpec &step, const StepContext &context, StepLaunchServices &services, QObject *parent,
                      Render render);

} // namespace CommandStepSupport

} // namespace lockstep
