#pragma once

#include "app/metrics/MetricStore.h"
#include "app/metrics/PromSampleVisitor.h"

#include <string>
#include <vector>

namespace lockstep {

// A visitor that keeps the samples of the named series (exact sample names) and copies them out of the
// parse buffer with sorted labels, ready for MetricStore::append. Everything else is skipped.
class ScrapeExtractor final : public PromSampleVisitor
{
public:
    explicit ScrapeExtractor(std::vector<std::string> sampleNames);

    void sample(const PromSample &sample) override;
    std::vector<ScrapedSample> take();

private:
    std::vector<std::string> m_names;
    std::vector<ScrapedSample> m_samples;
};

} // namespace lockstep
