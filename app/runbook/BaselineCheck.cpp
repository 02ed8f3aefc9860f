#include "app/runbook/BaselineCheck.h"

#include "app/steps/StepKinds.h"
#include "models/runbook/Runbook.h"

namespace lockstep {

void checkBaselineGateSteps(const Runbook &runbook, const std::function<void(const QString &path, const QString &message)> &error)
{
    bool changed = false;   // a step before this one changes the instance: its upgrade has started
    for (qsizetype i = 0; i < runbook.steps.size(); ++i) {
        const StepSpec &step = runbook.steps.at(i);
        if (step.kind == StepKind::Gate && !changed) {
            for (const GateSpec &gate : runbook.gates) {
                if (gate.id != step.gate || gate.baseline != QLatin1String("pre-upgrade"))
                    continue;
                error(QStringLiteral("steps[%1].gate").arg(i),
                      QStringLiteral("gate step '%1' compares gate '%2' with its pre-upgrade baseline, but no step before "
                                     "it changes the instance: its upgrade has not started, so there is no window "
                                     "before it; put the gate step after the first change, or give the gate a "
                                     "threshold without a baseline")
                          .arg(step.id, gate.id));
            }
        }
        changed = changed || StepKinds::changesSystem(step);
    }
}

} // namespace lockstep
