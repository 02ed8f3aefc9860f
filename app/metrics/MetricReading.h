#pragma once

#include <QString>

#include <optional>

namespace lockstep {

// What a metric source saw: a value, or no value (no data) with the reason in `detail`.
// Provider failures (timeout, HTTP 500, bad JSON) are not readings: sources report them as Error.
struct MetricReading
{
    std::optional<double> value;
    QString detail;              // "3 instances, 30s window" or why there is no data
    int instancesWithData = 0;
};

} // namespace lockstep
