#include "app/metrics/ScrapeExtractor.h"

#include <algorithm>

namespace lockstep {

ScrapeExtractor::ScrapeExtractor(std::vector<std::string> sampleNames) : m_names(std::move(sampleNames)) {}

void ScrapeExtractor::sample(const PromSample &sample)
{
    if (std::find(m_names.begin(), m_names.end(), sample.name) == m_names.end())
        return;
    ScrapedSample s;
    s.series.name = std::string(sample.name);
    s.series.labels.reserve(sample.labels.size());
    for (const PromLabel &l : sample.labels)
        s.series.labels.emplace_back(std::string(l.name), std::string(l.value));
    std::sort(s.series.labels.begin(), s.series.labels.end());
    s.value = sample.value;
    m_samples.push_back(std::move(s));
}

std::vector<ScrapedSample> ScrapeExtractor::take()
{
    return std::exchange(m_samples, {});
}

} // namespace lockstep
