#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>

namespace lockstep {

// Metric family types of the Prometheus text format 0.0.4 and OpenMetrics 1.0.
enum class PromMetricType { Untyped, Counter, Gauge, Histogram, Summary, GaugeHistogram, StateSet, Info, Unknown };

// What a sample is within its family: `foo_bucket` of histogram `foo` is a Bucket, and so on.
enum class PromSampleRole { Value, Total, Bucket, Sum, Count, Created, Quantile, GaugeSum, GaugeCount };

// One label as written. `value` is unescaped; it points into the input or into the parser's scratch
// buffer and is valid only during the visitor call.
struct PromLabel
{
    std::string_view name;
    std::string_view value;
};

// One sample line. All views are valid only during the visitor call: copy what you keep.
struct PromSample
{
    std::string_view name;               // "http_request_duration_seconds_bucket"
    std::string_view family;             // "http_request_duration_seconds"
    PromMetricType type = PromMetricType::Untyped;
    PromSampleRole role = PromSampleRole::Value;
    std::span<const PromLabel> labels;   // in input order, `le` and `quantile` included
    double value = 0;
    std::optional<std::int64_t> timestampMs;
    double le = std::numeric_limits<double>::quiet_NaN();        // the parsed `le` label, if any
    double quantile = std::numeric_limits<double>::quiet_NaN();  // the parsed `quantile` label, if any
    int line = 0;

    std::string_view label(std::string_view labelName) const
    {
        for (const PromLabel &l : labels)
            if (l.name == labelName)
                return l.value;
        return {};
    }
};

// A HELP, TYPE or UNIT line.
struct PromMetadata
{
    enum class Kind { Help, Type, Unit };
    Kind kind = Kind::Help;
    std::string_view family;
    PromMetricType type = PromMetricType::Untyped;   // Type lines
    std::string_view text;                           // Help (unescaped) and Unit lines
    int line = 0;
};

std::string_view promMetricTypeName(PromMetricType type);

} // namespace lockstep
