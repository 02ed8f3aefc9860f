#pragma once

#include <QByteArray>

#include <array>

namespace lockstep::test::clustersim {

// The request traffic one node of the cluster serves, rendered as Prometheus text (the metric names
// Lockstep's scrape gates read: http_requests_total{code}, http_request_duration_seconds histogram).
//
// Counters are computed from elapsed time, piece by piece: a change (drained, stopped, another release)
// folds what was counted so far into a base, so they only grow while one process lives; restart()
// models a new process and starts them from zero, as a restarted node does. Latency depends only on the
// release's latency factor (1 for a good release, 2 for one that doubles it); errors are the same 0.2 %
// on every release, so a gate that fails on a bad release fails on latency alone.
class NodeTraffic
{
public:
    static constexpr std::array<double, 14> kBuckets{0.01, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15,
                                                     0.2,  0.25,  0.3,  0.4,   0.5, 1.0,   2.5};
    static constexpr double kRequestsPerSecond = 40.0;
    static constexpr double kErrorFraction = 0.002;
    static constexpr double kMedianSeconds = 0.05;   // p95 = median * exp(1.645 sigma) = ~97 ms at factor 1
    static constexpr double kSigma = 0.4;

    void restart(qint64 nowMs);                       // a new process: counters from zero
    void setServing(bool serving, qint64 nowMs);      // running and not drained
    void setLatencyFactor(double factor, qint64 nowMs);
    QByteArray render(qint64 nowMs) const;

private:
    struct Counts
    {
        double ok = 0;
        double errors = 0;
        double count = 0;
        double sum = 0;
        std::array<double, kBuckets.size()> buckets{};
    };
    Counts total(qint64 nowMs) const;
    void fold(qint64 nowMs);

    Counts m_base;
    qint64 m_segmentStartMs = 0;
    bool m_serving = false;
    double m_factor = 1.0;
};

} // namespace lockstep::test::clustersim
