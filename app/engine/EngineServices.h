#pragma once

#include <QString>
#include "models/secret/Redactor.h"

namespace lockstep {

class AuditSink;
class GateEvaluator;
class GateMeasurementRepository;
class GroupLockRepository;
class LeaseRepository;
class OperatorIdentity;
class RunRepository;
class SignOffRepository;
class StepLauncher;

// What a run needs from the outside; the CLI and the GUI wire the same objects.
struct EngineServices
{
    RunRepository *runs = nullptr;
    LeaseRepository *leases = nullptr;
    GroupLockRepository *groupLocks = nullptr;   // group lock slots (runbook `lock:`); a run with a lock needs it
    SignOffRepository *signOffs = nullptr;
    AuditSink *audit = nullptr;
    StepLauncher *launcher = nullptr;
    GateEvaluator *gates = nullptr;     // between-waves gates (runbook `gates:`); may be null when there are none
    // Where every judged gate reading is kept with the run (GateReadingLog); a reading that cannot be
    // written pauses the run. Null only in tests that wire services by hand: then nothing is kept.
    GateMeasurementRepository *measurements = nullptr;
    // Who acts at this console (the database role, the OS account); sign-offs and approvals are checked
    // against it. Null only in tests that wire services by hand: then names given are asserted.
    const OperatorIdentity *identity = nullptr;
    // The allowed_signers file SSH-signed sign-offs are verified against (one desktop); empty: none.
    QString allowedSigners;
    Redactor redactor;                  // the run's secrets: masked in everything the run stores, audits or emits
};

} // namespace lockstep
