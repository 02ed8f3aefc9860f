#pragma once

#include "app/engine/GateEvaluator.h"
#include "models/Instance.h"
#include "models/Result.h"
#include "models/run/GateMeasurementRecord.h"
#include "models/runbook/Runbook.h"

#include <QList>
#include <QString>

namespace lockstep {

class GateMeasurementRepository;

// Where in a run a gate measures: kept with each of its readings.
struct GateReadingPlace
{
    QString phase;      // GateMeasurementRecord::kWavePhase, kStepPhase or kWatchPhase
    int wave = 0;       // from 1; 0 for the watch
    QString gate;
    QString metric;     // the gate's metric or PromQL expression
    QString scope;      // the instance of a gate step, or the judged instances "a, b, c"
};

// The gate readings the engine judged, kept with the run (GateMeasurementRepository, table
// gate_measurements) as each is judged, so the report and the monitoring view can show a run's gates
// afterwards. The engine (RunExecutor::onGateMeasured) writes through here and pauses the run when a
// reading cannot be written.
class GateReadingLog
{
public:
    // The place of a gate of `gates` judging `instances` in `phase` of wave `wave` (from 1).
    static GateReadingPlace place(const char *phase, int wave, const QList<GateSpec> &gates, const QString &gate,
                                  const QList<Instance> &instances);
    // The stored word for a verdict: pass | fail | inconclusive | no-data | provider-error.
    static QString verdictName(GateMeasurement::Verdict verdict);
    static GateMeasurementRecord record(qint64 runId, const GateReadingPlace &place, const GateMeasurement &measurement);
    // Writes it; the error names the gate, the run and why the store refused it, the hint what to do.
    static Status write(GateMeasurementRepository &repository, const GateMeasurementRecord &record);
};

} // namespace lockstep
