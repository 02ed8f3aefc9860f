#pragma once

#include "app/runbook/Templater.h"
#include "models/Result.h"
#include "models/runbook/Runbook.h"

class QNetworkAccessManager;

namespace lockstep {

class GateEvaluator;
class Transport;
struct StepContext;

// What a step kind's launcher may use (StepDispatcher provides it): the transport configured for the
// kind, the gate evaluator, the shared network access, and a templater for the step's instance with
// the run's secrets (values quoted and encoded where they land; every secret known for redaction).
class StepLaunchServices
{
public:
    virtual ~StepLaunchServices() = default;
    virtual Transport *transport(StepKind kind) const = 0;
    virtual GateEvaluator *gates() const = 0;
    virtual QNetworkAccessManager *network() const = 0;
    virtual Result<Templater> templater(const StepContext &context) const = 0;
};

} // namespace lockstep
