#pragma once

#include "app/metrics/PromSample.h"
#include "app/metrics/PromSampleVisitor.h"
#include "models/Result.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lockstep {

// A fast parser of the Prometheus text exposition format 0.0.4 and the common OpenMetrics subset
// (`# EOF`, `# UNIT`, `_created`, float-second timestamps, exemplars). It reads a view of the whole
// body, hands each sample to a visitor and allocates nothing per sample; the first bad line stops it
// with an Error whose `where` is "line N:C" and whose message says what is wrong.
// One parser may be reused for many bodies (its buffers keep their capacity); it is not thread-safe.
class PromTextParser
{
public:
    enum class Format {
        Text,          // text/plain; version=0.0.4 (tolerates `# UNIT` and a final `# EOF`)
        OpenMetrics,   // application/openmetrics-text: `# EOF` required, timestamps in seconds, exemplars
    };

    explicit PromTextParser(Format format = Format::Text);

    Status parse(std::string_view text, PromSampleVisitor &visitor);

    // Format from an HTTP Content-Type header.
    static Format formatForContentType(std::string_view contentType);

private:
    struct Family
    {
        PromMetricType type = PromMetricType::Untyped;
        bool typed = false;
        bool helped = false;
        bool unit = false;
        bool sampled = false;
    };
    struct PendingLabel
    {
        std::string_view name;
        std::string_view value;
        std::size_t scratchOffset = 0;
        bool inScratch = false;
    };
    struct Resolved
    {
        std::string_view family;
        PromMetricType type = PromMetricType::Untyped;
        PromSampleRole role = PromSampleRole::Value;
    };
    class Cursor;

    Status parseComment(Cursor &c, PromSampleVisitor &visitor);
    Status parseSample(Cursor &c, PromSampleVisitor &visitor);
    Status parseLabels(Cursor &c);
    Status parseExemplar(Cursor &c);
    Resolved resolve(std::string_view name);

    Format m_format;
    bool m_sawEof = false;
    std::unordered_map<std::string_view, Family> m_families;
    std::vector<PendingLabel> m_pending;
    std::vector<PromLabel> m_labels;
    std::string m_scratch;
    std::string m_help;
    std::string_view m_lastName;
    Resolved m_lastResolved;
    double m_le = 0;
    double m_quantile = 0;
};

} // namespace lockstep
