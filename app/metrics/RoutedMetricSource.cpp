#include "app/metrics/RoutedMetricSource.h"

#include <QTimer>

#include <algorithm>

namespace lockstep {

RoutedMetricSource::RoutedMetricSource(MetricSource &scrapes, MetricSource *prometheus)
    : m_scrapes(scrapes)
    , m_prometheus(prometheus)
{
}

bool RoutedMetricSource::selectsFromPrometheus(const Instance &instance)
{
    const QString source = instance.metricsSource.trimmed();
    return !source.isEmpty() && source != QLatin1String("scrape");
}

MetricSource *RoutedMetricSource::route(const MetricQuery &query) const
{
    if (query.promql)
        return m_prometheus;
    const bool viaPrometheus = m_prometheus && !query.instances.isEmpty()
        && std::all_of(query.instances.cbegin(), query.instances.cend(), &RoutedMetricSource::selectsFromPrometheus);
    return viaPrometheus ? m_prometheus : &m_scrapes;
}

QString RoutedMetricSource::sourceName(const MetricQuery &query) const
{
    // A PromQL query without a Prometheus is a provider error of the Prometheus it would need.
    const MetricSource *source = route(query);
    return source ? source->sourceName(query) : QStringLiteral("prometheus");
}

void RoutedMetricSource::read(const MetricQuery &query, QObject *context, Callback done)
{
    if (MetricSource *source = route(query))
        return source->read(query, context, std::move(done));
    const Error error{QStringLiteral("PromQL gate \"%1\" has no Prometheus to ask").arg(query.metric), {},
                      QStringLiteral("give the Prometheus that scrapes these instances: lockstep-cli --prometheus URL, "
                                     "or metrics/prometheusUrl in the console's settings")};
    QTimer::singleShot(0, context, [done = std::move(done), error] { done(error); });
}

} // namespace lockstep
