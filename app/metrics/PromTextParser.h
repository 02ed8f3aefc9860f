#pragma once

#include "app/metrics/PromSample.h"
#include "app/metrics/PromSampleVisitor.h"
#include "models/Result.h"

#include <cstdint>
#include <cstring>
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
// Every path is linear in the input: a line is scanned once, duplicate label names are found by
// hashing (never by comparing each label with all before it), families are found by hash.
// Optional limits (like Prometheus' sample_limit and label_limit) stop a hostile page early.
class PromTextParser
{
public:
    // 0 means no limit. The scraper sets all three; tests and benchmarks may leave them open.
    struct Limits
    {
        std::size_t maxLineBytes = 0;        // bytes in one line, the newline not counted
        std::size_t maxLabelsPerSeries = 0;  // labels of one sample (label_limit)
        std::size_t maxSeries = 0;           // samples on one page (sample_limit)
    };

    enum class Format {
        Text,          // text/plain; version=0.0.4 (tolerates `# UNIT` and a final `# EOF`)
        OpenMetrics,   // application/openmetrics-text: `# EOF` required, timestamps in seconds, exemplars
    };

    explicit PromTextParser(Format format = Format::Text);

    void setLimits(Limits limits) { m_limits = limits; }
    const Limits &limits() const { return m_limits; }

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
    // A multiply-mix hash over 8 bytes at a time from a per-parser random start: a page cannot be
    // built so that all its family or label names land in one bucket (std::hash is the same in every
    // process, so its collisions can be computed in advance).
    struct SeededHash
    {
        std::uint64_t seed = 0;
        std::size_t operator()(std::string_view text) const noexcept
        {
            constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
            std::uint64_t h = seed ^ text.size();
            const char *p = text.data();
            std::size_t n = text.size();
            for (; n >= 8; p += 8, n -= 8) {
                std::uint64_t word;
                std::memcpy(&word, p, 8);
                h = (h ^ word) * kMul;
                h ^= h >> 32;
            }
            std::uint64_t rest = 0;
            if (n > 0)
                std::memcpy(&rest, p, n);
            h = (h ^ rest) * kMul;
            return std::size_t(h ^ (h >> 29));
        }
    };

    Status parseComment(Cursor &c, PromSampleVisitor &visitor);
    Status parseSample(Cursor &c, PromSampleVisitor &visitor);
    Status parseLabels(Cursor &c);
    Status parseLabelList(Cursor &c, std::size_t first);
    Status checkDuplicateLabels(const Cursor &c, std::size_t first);
    Status parseExemplar(Cursor &c);
    Resolved resolve(std::string_view name);

    Format m_format;
    Limits m_limits;
    std::size_t m_series = 0;
    static constexpr std::uint32_t kNoSlot = 0xFFFFFFFFu;
    SeededHash m_hash;
    std::vector<std::uint32_t> m_slots;   // label indices by name hash, for the duplicate check
    bool m_sawEof = false;
    std::unordered_map<std::string_view, Family, SeededHash> m_families;
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
