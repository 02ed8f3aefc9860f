// libFuzzer target: the Prometheus text / OpenMetrics parser on arbitrary bodies (docs/fuzzing.md).
#include "app/metrics/PromTextParser.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// Touches everything a sample hands over, so a view past the input shows up under ASan.
class TouchingVisitor final : public lockstep::PromSampleVisitor
{
public:
    void sample(const lockstep::PromSample &sample) override
    {
        m_sum += sample.name.size() + sample.family.size();
        for (const lockstep::PromLabel &l : sample.labels)
            for (char c : l.value)
                m_sum += static_cast<unsigned char>(c) + l.name.size();
    }
    void metadata(const lockstep::PromMetadata &m) override { m_sum += m.family.size() + m.text.size(); }
    std::size_t sum() const { return m_sum; }

private:
    std::size_t m_sum = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    for (auto format : {lockstep::PromTextParser::Format::Text, lockstep::PromTextParser::Format::OpenMetrics}) {
        lockstep::PromTextParser parser(format);
        TouchingVisitor visitor;
        // The status is the parser's verdict on the input; either verdict is fine here, a crash is not.
        (void)parser.parse(text, visitor);
    }
    return 0;
}
