#pragma once

#include <QRegularExpression>
#include <QString>

#include <optional>

namespace lockstep {

// Which exposed series Lockstep derives its gate metrics from, and how. Defaults match the usual
// Prometheus client conventions (and lockstep-fleetsim).
struct MetricDefinitions
{
    QString requestsCounter = QStringLiteral("http_requests_total");
    QString latencyHistogram = QStringLiteral("http_request_duration_seconds");   // + _bucket
    QString queueGauge = QStringLiteral("queue_depth");
    QString codeLabel = QStringLiteral("code");
    QString errorCodePattern = QStringLiteral("5..");   // matched against the whole code label value

    // The gate metric names Lockstep knows: request_rate, error_rate, queue_depth and pNN_latency
    // (any quantile, e.g. p95_latency, p99.9_latency). Returns the quantile for a latency name.
    static std::optional<double> latencyQuantile(const QString &metric);
    static bool isKnownMetric(const QString &metric);
};

} // namespace lockstep
