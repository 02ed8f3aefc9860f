#include "tests/e2e/peers/clustersim/NodeTraffic.h"

#include <QtMath>

#include <algorithm>
#include <cmath>

namespace lockstep::test::clustersim {

namespace {

// Share of requests answered within `seconds` (log-normal latency).
double within(double seconds, double median)
{
    if (seconds <= 0)
        return 0;
    return 0.5 * std::erfc(-(std::log(seconds / median) / NodeTraffic::kSigma) / M_SQRT2);
}

} // namespace

void NodeTraffic::restart(qint64 nowMs)
{
    m_base = {};
    m_segmentStartMs = nowMs;
}

void NodeTraffic::setServing(bool serving, qint64 nowMs)
{
    fold(nowMs);
    m_serving = serving;
}

void NodeTraffic::setLatencyFactor(double factor, qint64 nowMs)
{
    fold(nowMs);
    m_factor = factor;
}

void NodeTraffic::fold(qint64 nowMs)
{
    m_base = total(nowMs);
    m_segmentStartMs = std::max(m_segmentStartMs, nowMs);
}

NodeTraffic::Counts NodeTraffic::total(qint64 nowMs) const
{
    Counts c = m_base;
    if (!m_serving)
        return c;
    const double requests = kRequestsPerSecond * std::max<qint64>(0, nowMs - m_segmentStartMs) / 1000.0;
    const double median = kMedianSeconds * m_factor;
    c.errors += requests * kErrorFraction;
    c.ok += requests * (1.0 - kErrorFraction);
    c.count += requests;
    c.sum += requests * median * std::exp(kSigma * kSigma / 2);
    for (size_t i = 0; i < kBuckets.size(); ++i)
        c.buckets[i] += requests * within(kBuckets[i], median);
    return c;
}

QByteArray NodeTraffic::render(qint64 nowMs) const
{
    const Counts c = total(nowMs);
    // Fractional counters: a gate's short window sees the release's 0.2 %, not 0 % or one whole error.
    auto value = [](double v) { return QByteArray::number(std::floor(v * 1000.0) / 1000.0, 'f', 3); };
    QByteArray out;
    auto line = [&out, &value](const QByteArray &series, double v) {
        out += series;
        out += ' ';
        out += value(v);
        out += '\n';
    };
    out += "# TYPE http_requests_total counter\n";
    line(QByteArrayLiteral("http_requests_total{code=\"200\"}"), c.ok);
    line(QByteArrayLiteral("http_requests_total{code=\"500\"}"), c.errors);
    out += "# TYPE http_request_duration_seconds histogram\n";
    for (size_t i = 0; i < kBuckets.size(); ++i)
        line(QByteArrayLiteral("http_request_duration_seconds_bucket{le=\"").append(QByteArray::number(kBuckets[i])).append("\"}"),
             c.buckets[i]);
    line(QByteArrayLiteral("http_request_duration_seconds_bucket{le=\"+Inf\"}"), c.count);
    line(QByteArrayLiteral("http_request_duration_seconds_sum"), c.sum);
    line(QByteArrayLiteral("http_request_duration_seconds_count"), c.count);
    return out;
}

} // namespace lockstep::test::clustersim
