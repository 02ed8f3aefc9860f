#pragma once

namespace lockstep {

class AuditSink;
class GateEvaluator;
class LeaseRepository;
class RunRepository;
class SignOffRepository;
class StepLauncher;

// What a run needs from the outside; the CLI and the GUI wire the same objects.
struct EngineServices
{
    RunRepository *runs = nullptr;
    LeaseRepository *leases = nullptr;
    SignOffRepository *signOffs = nullptr;
    AuditSink *audit = nullptr;
    StepLauncher *launcher = nullptr;
    GateEvaluator *gates = nullptr;     // between-waves gates (runbook `gates:`); may be null when there are none
};

} // namespace lockstep
