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

void RoutedMetricSource::read(const MetricQuery &query, QObject *context, Callback done)
{
    if (query.promql) {
        if (m_prometheus)
            return m_prometheus->read(query, context, std::move(done));
        const Error error{QStringLiteral("PromQL gate \"%1\" has no Prometheus to ask").arg(query.metric), {},
                          QStringLiteral("give the Prometheus that scrapes these instances: lockstep-cli --prometheus URL, "
                                         "or metrics/prometheusUrl in the console's settings")};
        QTimer::singleShot(0, context, [done = std::move(done), error] { done(error); });
        return;
    }
    const bool viaPrometheus = m_prometheus && !query.instances.isEmpty()
        && std::all_of(query.instances.cbegin(), query.instances.cend(), &RoutedMetricSource::selectsFromPrometheus);
    (viaPrometheus ? *m_prometheus : m_scrapes).read(query, context, std::move(done));
}

} // namespace lockstep
