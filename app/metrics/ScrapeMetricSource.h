#pragma once

#include "app/metrics/ExtrapolatedRate.h"
#include "app/metrics/FleetMetrics.h"
#include "app/metrics/MetricSource.h"

namespace lockstep {

class MetricStore;
class Scraper;

// Gate readings from Lockstep's own scrapes (FleetMetrics over the MetricStore a Scraper fills).
// "No data" when the instances were scraped but the window has too few samples; a provider error when
// none of them has data and their last scrapes failed (the reason is the scrape error). PromQL gates
// need a Prometheus source and are refused with an error.
class ScrapeMetricSource final : public MetricSource
{
public:
    ScrapeMetricSource(const MetricStore &store, const Scraper *scraper, MetricDefinitions definitions = {},
                       ExtrapolatedRate::Compat compat = ExtrapolatedRate::Compat::Prometheus2);

    void read(const MetricQuery &query, QObject *context, Callback done) override;
    QString sourceName(const MetricQuery &) const override { return QStringLiteral("scrape"); }
    Result<MetricReading> readNow(const MetricQuery &query) const;

private:
    FleetMetrics m_metrics;
    const Scraper *m_scraper;
};

} // namespace lockstep
