#include "app/metrics/MetricDefinitions.h"

namespace lockstep {

std::optional<double> MetricDefinitions::latencyQuantile(const QString &metric)
{
    static const QRegularExpression re(QStringLiteral("^p(\\d{1,2}(?:\\.\\d+)?)_latency$"));
    const QRegularExpressionMatch m = re.match(metric);
    if (!m.hasMatch())
        return std::nullopt;
    const double percent = m.captured(1).toDouble();
    if (percent <= 0 || percent >= 100)
        return std::nullopt;
    return percent / 100.0;
}

bool MetricDefinitions::isKnownMetric(const QString &metric)
{
    return metric == QLatin1String("request_rate") || metric == QLatin1String("error_rate")
        || metric == QLatin1String("queue_depth") || latencyQuantile(metric).has_value();
}

} // namespace lockstep
