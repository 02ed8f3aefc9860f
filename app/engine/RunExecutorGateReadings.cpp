// RunExecutor's gate readings: each one a gate judged is published, kept with the run (GateReadingLog)
// and shown, in that order for every gate the run measures — between waves, a gate: step, the watch.
#include "app/engine/RunExecutor.h"

#include "app/engine/GateReadingLog.h"

namespace lockstep {

void RunExecutor::onGateMeasured(const GateReadingPlace &place, const GateMeasurement &measurement)
{
    const bool ofInstance = place.phase == QLatin1String(GateMeasurementRecord::kStepPhase);
    RunEvent measured = event(RunEvent::Kind::GateMeasured, ofInstance ? place.scope : QString(), {}, measurement.reason);
    measured.step = place.gate;
    publish(measured);
    emit gateMeasured(place.gate, measurement);
    if (m_leaseLost || !m_services.measurements)
        return;
    GateMeasurementRecord record = GateReadingLog::record(m_runId, place, measurement);
    record.metric = m_redactor.redact(record.metric);
    record.reason = m_redactor.redact(record.reason);
    const Status kept = GateReadingLog::write(*m_services.measurements, record);
    if (kept || m_leaseLost)
        return;   // a lost lease stops the run by itself (leaseLost)
    // A verdict no one can read back later is not one to act on: the gates between waves and of the
    // watch stop (they measure again when the run resumes), and the run waits for the operator. A gate:
    // step of one instance ends its measurements; the run does not go on until it is resumed.
    cancelGates();
    const QString why = kept.error().message;
    if (!pause({}, why) && m_state == RunState::Paused)
        setState(RunState::Paused, why);
}

} // namespace lockstep
