#include "app/metrics/ScrapeMetricSource.h"

#include "app/metrics/Scraper.h"

#include <QTimer>

namespace lockstep {

ScrapeMetricSource::ScrapeMetricSource(const MetricStore &store, const Scraper *scraper,
                                       MetricDefinitions definitions, ExtrapolatedRate::Compat compat)
    : m_metrics(store, std::move(definitions), compat)
    , m_scraper(scraper)
{
}

void ScrapeMetricSource::read(const MetricQuery &query, QObject *context, Callback done)
{
    const Result<MetricReading> reading = readNow(query);
    QTimer::singleShot(0, context, [done = std::move(done), reading] { done(reading); });
}

Result<MetricReading> ScrapeMetricSource::readNow(const MetricQuery &query) const
{
    if (query.promql)
        return Error{QStringLiteral("PromQL gate \"%1\" needs a Prometheus metrics source").arg(query.metric), {},
                     QStringLiteral("configure a Prometheus URL, or use error_rate, pNN_latency, request_rate or "
                                    "queue_depth")};
    QStringList names;
    for (const Instance &i : query.instances)
        names.append(i.name);
    Result<MetricReading> reading =
        m_metrics.evaluate(query.metric, names, query.from.toMSecsSinceEpoch(), query.to.toMSecsSinceEpoch());
    if (!reading.ok() || reading->value || reading->instancesWithData > 0 || !m_scraper)
        return reading;
    // No data from any instance: a scrape failure is the provider's fault, not an absence of data.
    QStringList failures;
    for (const QString &name : std::as_const(names)) {
        const auto health = m_scraper->health(name);
        if (!health || !health->lastError)
            return reading;
        failures.append(health->lastError->toString());
    }
    // One arg() call: a failure text may hold a URL with its own %-escapes.
    return Error{QStringLiteral("the last scrapes of all %1 instances failed: %2")
                     .arg(QString::number(names.size()), failures.mid(0, 3).join(QStringLiteral("; "))),
                 {}, QStringLiteral("check that the instances are up and serve /metrics")};
}

} // namespace lockstep
