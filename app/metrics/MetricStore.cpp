#include "app/metrics/MetricStore.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lockstep {

std::string SeriesLabels::key() const
{
    std::string k = name;
    k += '{';
    for (const auto &[n, v] : labels) {
        k += n;
        k += "=\"";
        k += v;
        k += "\",";
    }
    k += '}';
    return k;
}

MetricStore::MetricStore(std::chrono::milliseconds retention, std::chrono::milliseconds resolution,
                         std::size_t maxSeriesPerInstance)
    : m_capacity(std::size_t(std::max<std::int64_t>(1, retention.count() / std::max<std::int64_t>(1, resolution.count()))))
    , m_maxSeries(maxSeriesPerInstance)
{
}

void MetricStore::append(const QString &instance, std::int64_t timeMs, const std::vector<ScrapedSample> &samples)
{
    InstanceData &data = m_instances[instance];
    if (data.times.capacity() == 0)
        data.times = RingBuffer<std::int64_t>(m_capacity);
    const std::size_t before = data.times.size();
    data.times.push(timeMs);
    std::vector<char> written(data.series.size(), 0);
    for (const ScrapedSample &sample : samples) {
        const std::string key = sample.series.key();
        auto it = data.index.find(key);
        if (it == data.index.end()) {
            if (data.series.size() >= m_maxSeries) {
                ++m_droppedSeries;
                continue;
            }
            Series series{sample.series, RingBuffer<double>(m_capacity)};
            // Align the new series with the instance's time ring: NaN for the scrapes before it existed.
            for (std::size_t i = 0; i < std::min(before, m_capacity - 1); ++i)
                series.values.push(std::numeric_limits<double>::quiet_NaN());
            it = data.index.emplace(key, data.series.size()).first;
            data.series.push_back(std::move(series));
            written.push_back(0);
        }
        Series &series = data.series[it->second];
        if (written[it->second])
            continue;   // a duplicate series in one scrape: the first one wins
        written[it->second] = 1;
        series.values.push(sample.value);
    }
    for (std::size_t i = 0; i < data.series.size(); ++i)
        if (!written[i])
            data.series[i].values.push(std::numeric_limits<double>::quiet_NaN());
}

void MetricStore::forEachSeries(
    const QString &instance, std::string_view name, std::int64_t fromMs, std::int64_t toMs,
    const std::function<void(const SeriesLabels &, const std::vector<TimedValue> &)> &visit) const
{
    const auto it = m_instances.constFind(instance);
    if (it == m_instances.constEnd())
        return;
    const InstanceData &data = it.value();
    const std::size_t n = data.times.size();
    // First scrape at or after fromMs (times are appended in order).
    std::size_t lo = 0, hi = n;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (data.times.at(mid) < fromMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    std::vector<TimedValue> points;
    for (const Series &series : data.series) {
        if (series.labels.name != name)
            continue;
        points.clear();
        for (std::size_t i = lo; i < n && data.times.at(i) <= toMs; ++i) {
            const double v = series.values.at(i);
            if (!std::isnan(v))
                points.push_back({data.times.at(i), v});
        }
        visit(series.labels, points);
    }
}

bool MetricStore::hasInstance(const QString &instance) const
{
    return m_instances.contains(instance);
}

std::size_t MetricStore::seriesCount(const QString &instance) const
{
    const auto it = m_instances.constFind(instance);
    return it == m_instances.constEnd() ? 0 : it.value().series.size();
}

std::size_t MetricStore::approximateBytes() const
{
    std::size_t bytes = 0;
    for (const InstanceData &data : m_instances) {
        bytes += data.times.size() * sizeof(std::int64_t);
        for (const Series &s : data.series)
            bytes += s.values.size() * sizeof(double) + s.labels.key().size() * 2;
    }
    return bytes;
}

} // namespace lockstep
