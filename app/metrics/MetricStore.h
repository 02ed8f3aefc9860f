#pragma once

#include "app/metrics/ExtrapolatedRate.h"
#include "app/metrics/RingBuffer.h"

#include <QHash>
#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lockstep {

// A scraped series: sample name plus its labels, sorted by name.
struct SeriesLabels
{
    std::string name;
    std::vector<std::pair<std::string, std::string>> labels;

    std::string label(std::string_view labelName) const
    {
        for (const auto &[n, v] : labels)
            if (n == labelName)
                return v;
        return {};
    }
    std::string key() const;   // name{a="1",b="2"}, the identity of the series
};

struct ScrapedSample
{
    SeriesLabels series;
    double value = 0;
};

// Per instance, per series ring buffers of scraped values. All series of an instance share one ring of
// scrape times, so a point costs 8 bytes per series plus 8 for the time; a series missing from a scrape
// stores NaN there. Memory is bounded: at most `capacity` scrapes per instance (default 24 h at 5 s =
// 17,280) and at most `maxSeriesPerInstance` series (new ones beyond it are dropped and counted).
class MetricStore
{
public:
    explicit MetricStore(std::chrono::milliseconds retention = std::chrono::hours(24),
                         std::chrono::milliseconds resolution = std::chrono::seconds(5),
                         std::size_t maxSeriesPerInstance = 512);

    void append(const QString &instance, std::int64_t timeMs, const std::vector<ScrapedSample> &samples);

    // Calls `visit` for each series of `instance` whose name is `name`, with its non-NaN points in
    // [fromMs, toMs] in time order.
    void forEachSeries(const QString &instance, std::string_view name, std::int64_t fromMs, std::int64_t toMs,
                       const std::function<void(const SeriesLabels &, const std::vector<TimedValue> &)> &visit) const;

    bool hasInstance(const QString &instance) const;
    std::size_t capacity() const { return m_capacity; }
    std::size_t seriesCount(const QString &instance) const;
    std::size_t droppedSeries() const { return m_droppedSeries; }
    std::size_t approximateBytes() const;

private:
    struct Series
    {
        SeriesLabels labels;
        RingBuffer<double> values;
    };
    struct InstanceData
    {
        RingBuffer<std::int64_t> times;
        std::unordered_map<std::string, std::size_t> index;
        std::vector<Series> series;
    };

    std::size_t m_capacity;
    std::size_t m_maxSeries;
    std::size_t m_droppedSeries = 0;
    QHash<QString, InstanceData> m_instances;
};

} // namespace lockstep
