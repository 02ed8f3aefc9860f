#pragma once

#include <QByteArray>
#include <QDateTime>

#include <array>

namespace lockstep {

// The simulated request traffic of one instance process, rendered as Prometheus text.
//
// Counters are a deterministic function of (seed, time since the process started): they are
// computed at scrape time from the elapsed time, so they only ever grow between two scrapes and
// rate()/histogram_quantile() over them give the numbers the profile promises. Changing the
// profile (a release marked bad at run time) folds what was counted so far into a base, so the
// counters stay monotonic; restart() models a new process and resets them to zero.
class SimTraffic
{
public:
    enum class Profile {
        Good,   // ~0.2 % errors, p95 ~ 120 ms, queue depth around 4
        Bad,    // ~8 % errors, p95 ~ 900 ms, queue depth rising
    };

    // Upper bounds of the latency histogram (seconds), without +Inf.
    static constexpr std::array<double, 15> kBuckets{0.01, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2,
                                                     0.3, 0.5, 0.75, 1.0, 1.5, 2.5, 5.0};

    explicit SimTraffic(quint64 seed = 0);

    void restart(const QDateTime &processStart);
    // `degradation` multiplies the profile's error fraction and latency (1: as the profile says).
    void setProfile(Profile profile, const QDateTime &now, double degradation = 1.0);
    Profile profile() const { return m_profile; }
    QDateTime processStart() const { return m_processStart; }

    // Counter values at `now` (never before processStart).
    struct Snapshot
    {
        double ok = 0;            // http_requests_total{code="200"}
        double errors = 0;        // http_requests_total{code="500"}
        std::array<double, kBuckets.size()> buckets{};
        double count = 0;
        double sum = 0;
        double queueDepth = 0;
    };
    Snapshot snapshot(const QDateTime &now) const;

    // Prometheus text exposition format 0.0.4.
    QByteArray render(const QDateTime &now) const;

private:
    double requestsSinceStart(double seconds) const;   // integral of the request rate
    Snapshot segment(double from, double to) const;   // of the current profile

    quint64 m_seed;
    double m_ratePerSecond;   // mean request rate of this instance
    double m_phase;           // where in its daily-ish wave the instance starts
    QDateTime m_processStart;
    QDateTime m_segmentStart; // when the current profile took effect
    Profile m_profile = Profile::Good;
    double m_degradation = 1.0;
    Snapshot m_base;          // counted before the current profile took effect
};

} // namespace lockstep
