#include "app/fleetsim/SimTraffic.h"

#include <QtMath>

#include <algorithm>
#include <cmath>

namespace lockstep {

namespace {

constexpr double kWavePeriodSeconds = 300.0;   // traffic swells and ebbs over five minutes
constexpr double kWaveAmplitude = 0.3;

struct ProfileShape
{
    double errorFraction;
    double medianSeconds;   // log-normal latency: median and sigma, p95 = median * exp(1.645 sigma)
    double sigma;
};

ProfileShape shapeOf(SimTraffic::Profile profile, double degradation)
{
    constexpr double sigma = 0.5;
    const double z95 = 1.6449 * sigma;
    if (profile == SimTraffic::Profile::Bad)
        return {std::min(1.0, 0.08 * degradation), degradation * 0.9 / std::exp(z95), sigma};
    return {std::min(1.0, 0.002 * degradation), degradation * 0.12 / std::exp(z95), sigma};
}

double logNormalCdf(double x, const ProfileShape &shape)
{
    if (x <= 0)
        return 0;
    return 0.5 * std::erfc(-(std::log(x / shape.medianSeconds) / shape.sigma) / M_SQRT2);
}

double secondsBetween(const QDateTime &from, const QDateTime &to)
{
    return std::max<qint64>(0, from.msecsTo(to)) / 1000.0;
}

// SplitMix64: a tiny, well-distributed mix so neighbouring seeds give unrelated instances.
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

SimTraffic::SimTraffic(quint64 seed)
    : m_seed(mix(seed))
    , m_ratePerSecond(100.0 + double(m_seed % 1000) / 10.0)
    , m_phase(double((m_seed >> 16) % 6283) / 1000.0)
{
}

void SimTraffic::restart(const QDateTime &processStart)
{
    m_processStart = processStart;
    m_segmentStart = processStart;
    m_base = {};
}

void SimTraffic::setProfile(Profile profile, const QDateTime &now, double degradation)
{
    if (profile == m_profile && degradation == m_degradation)
        return;
    m_base = snapshot(now);
    m_segmentStart = std::max(now, m_processStart);
    m_profile = profile;
    m_degradation = degradation;
}

double SimTraffic::requestsSinceStart(double t) const
{
    // rate(t) = r (1 + A sin(2 pi t / P + phase)) > 0, so its integral only grows.
    const double w = 2.0 * M_PI / kWavePeriodSeconds;
    return m_ratePerSecond * (t + kWaveAmplitude / w * (std::cos(m_phase) - std::cos(w * t + m_phase)));
}

SimTraffic::Snapshot SimTraffic::segment(double from, double to) const
{
    const ProfileShape shape = shapeOf(m_profile, m_degradation);
    const double requests = requestsSinceStart(to) - requestsSinceStart(from);
    Snapshot s;
    s.errors = requests * shape.errorFraction;
    s.ok = requests - s.errors;
    for (size_t i = 0; i < kBuckets.size(); ++i)
        s.buckets[i] = requests * logNormalCdf(kBuckets[i], shape);
    s.count = requests;
    s.sum = requests * shape.medianSeconds * std::exp(shape.sigma * shape.sigma / 2);
    return s;
}

SimTraffic::Snapshot SimTraffic::snapshot(const QDateTime &now) const
{
    const double from = secondsBetween(m_processStart, m_segmentStart);
    const double to = std::max(from, secondsBetween(m_processStart, now));
    Snapshot s = segment(from, to);
    s.ok += m_base.ok;
    s.errors += m_base.errors;
    for (size_t i = 0; i < kBuckets.size(); ++i)
        s.buckets[i] += m_base.buckets[i];
    s.count += m_base.count;
    s.sum += m_base.sum;

    const double sinceProfile = to - from;
    if (m_profile == Profile::Bad) {
        // A struggling release lets work pile up: the queue grows until someone rolls back.
        s.queueDepth = std::min(2000.0, 5.0 + 1.5 * sinceProfile);
    } else {
        const double wave = std::sin(2.0 * M_PI * to / 60.0 + m_phase);
        s.queueDepth = std::round(4.0 + 3.0 * wave);
    }
    return s;
}

QByteArray SimTraffic::render(const QDateTime &now) const
{
    const Snapshot s = snapshot(now);
    // Counters are whole requests; flooring a non-decreasing value keeps them monotonic. The request
    // counters keep their fraction: the simulator compresses minutes into seconds, and a whole error
    // counter steps once per ~500 requests, so a gate's short window would see 0 % or 1 % at random
    // instead of the release's 0.2 % (a healthy release failed a 1 % gate on a loaded machine).
    auto whole = [](double v) { return QByteArray::number(qint64(std::floor(v))); };
    auto real = [](double v) { return QByteArray::number(v, 'f', 6); };
    auto requests = [](double v) { return QByteArray::number(std::floor(v * 1000.0) / 1000.0, 'f', 3); };

    QByteArray out;
    out.reserve(2048);
    out += "# HELP http_requests_total Requests served, by status code.\n"
           "# TYPE http_requests_total counter\n";
    out += "http_requests_total{code=\"200\"} " + requests(s.ok) + '\n';
    out += "http_requests_total{code=\"500\"} " + requests(s.errors) + '\n';
    out += "# HELP http_request_duration_seconds Request latency.\n"
           "# TYPE http_request_duration_seconds histogram\n";
    for (size_t i = 0; i < kBuckets.size(); ++i)
        out += "http_request_duration_seconds_bucket{le=\"" + QByteArray::number(kBuckets[i]) + "\"} "
               + whole(s.buckets[i]) + '\n';
    out += "http_request_duration_seconds_bucket{le=\"+Inf\"} " + whole(s.count) + '\n';
    out += "http_request_duration_seconds_sum " + real(s.sum) + '\n';
    out += "http_request_duration_seconds_count " + whole(s.count) + '\n';
    out += "# HELP queue_depth Jobs waiting in the work queue.\n"
           "# TYPE queue_depth gauge\n";
    out += "queue_depth " + QByteArray::number(qint64(s.queueDepth)) + '\n';
    out += "# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n"
           "# TYPE process_start_time_seconds gauge\n";
    out += "process_start_time_seconds " + real(m_processStart.toMSecsSinceEpoch() / 1000.0) + '\n';
    return out;
}

} // namespace lockstep
