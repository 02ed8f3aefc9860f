#pragma once

#include "models/run/GateMeasurementRecord.h"
#include "models/run/Plan.h"

#include <QList>
#include <QString>

namespace lockstep {

// The report's "Gate measurements": every reading the gates judged in the run, kept with it
// (gate_measurements), grouped by wave (then the gate: steps of a wave's instances, then the watch),
// each with its window, value, threshold, verdict and source.
namespace GateMeasurementTable {

// The heading of a group of readings: "Wave 1 (canary): gates between waves", "Watch after the last wave".
QString groupTitle(const Plan &plan, const GateMeasurementRecord &record);
// "0.0123", "no value"
QString value(const std::optional<double> &value);
// The section as HTML (headings and tables; the report's own style).
QString html(const Plan &plan, const QList<GateMeasurementRecord> &records);

} // namespace GateMeasurementTable

} // namespace lockstep
