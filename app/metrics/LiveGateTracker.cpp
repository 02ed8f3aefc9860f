#include "app/metrics/LiveGateTracker.h"

#include "app/metrics/GateJudge.h"
#include "app/metrics/MetricDefinitions.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace lockstep {

namespace {

QString seconds(std::chrono::milliseconds ms)
{
    const qint64 v = ms.count();
    return v % 1000 == 0 ? QStringLiteral("%1s").arg(v / 1000) : QStringLiteral("%1ms").arg(v);
}

QString thresholdText(const GateSpec &g)
{
    switch (g.comparison) {
    case Comparison::Below: return QStringLiteral("< %1").arg(GateJudge::formatValue(g.threshold));
    case Comparison::Above: return QStringLiteral("> %1").arg(GateJudge::formatValue(g.threshold));
    case Comparison::Between:
        return QStringLiteral("%1 .. %2").arg(GateJudge::formatValue(g.lower), GateJudge::formatValue(g.upper));
    }
    return {};
}

} // namespace

QString liveGateStateName(LiveGateState::State state)
{
    using S = LiveGateState::State;
    switch (state) {
    case S::Waiting: return QCoreApplication::translate("LiveGateState", "waiting for data");
    case S::Passing: return QCoreApplication::translate("LiveGateState", "passing");
    case S::Failing: return QCoreApplication::translate("LiveGateState", "failing");
    case S::Inconclusive: return QCoreApplication::translate("LiveGateState", "inconclusive");
    case S::NoData: return QCoreApplication::translate("LiveGateState", "no data");
    case S::ProviderError: return QCoreApplication::translate("LiveGateState", "scrape error");
    case S::Unsupported: return QCoreApplication::translate("LiveGateState", "needs Prometheus");
    }
    return {};
}

LiveGateTracker::LiveGateTracker(GateSpec gate)
    : m_gate(std::move(gate))
{
    m_state.id = id();
    m_state.title = m_gate.title.isEmpty() ? id() : m_gate.title;
    m_state.expression = QStringLiteral("%1 every %2, %3 times").arg(m_gate.metric, seconds(m_gate.interval)).arg(m_gate.count);
    if (!m_gate.baseline.isEmpty())
        m_state.expression += QStringLiteral(", baseline %1").arg(m_gate.baseline);
    m_state.threshold = thresholdText(m_gate);
    m_state.failureLimit = std::max(1, m_gate.failureLimit);
    if (m_gate.promql || !MetricDefinitions::isKnownMetric(m_gate.metric)) {
        m_state.state = LiveGateState::State::Unsupported;
        m_state.reason = QCoreApplication::translate("LiveGateState",
                                                     "a PromQL gate is measured by a Prometheus source during a run");
    }
}

qint64 LiveGateTracker::windowMs(qint64 minimumWindowMs) const
{
    return std::max<qint64>(m_gate.interval.count(), minimumWindowMs);
}

void LiveGateTracker::observe(const QDateTime &now, const Result<MetricReading> &reading)
{
    using S = LiveGateState::State;
    using V = GateMeasurement::Verdict;
    if (m_state.state == S::Unsupported)
        return;
    V verdict = V::NoData;
    if (!reading) {
        verdict = V::ProviderError;
        m_state.value.reset();
        m_state.state = S::ProviderError;
        m_state.reason = reading.error().toString();
    } else if (!reading->value || std::isnan(*reading->value)) {
        m_state.value.reset();
        m_state.state = S::NoData;
        m_state.reason = reading->detail;
    } else {
        m_state.value = *reading->value;
        const GateJudge::Judgement j = GateJudge::judge(m_gate, *reading->value, std::nullopt, reading->detail);
        verdict = j.verdict;
        m_state.reason = j.reason;
        m_state.state = verdict == V::Fail ? S::Failing : verdict == V::Inconclusive ? S::Inconclusive : S::Passing;
    }
    // One measurement per gate interval counts towards the failure limit, as in a run, starting with the
    // first reading that has a value (before it the window is still filling: the initial delay). No data
    // counts as a failure only where the gate's no_data policy says so.
    m_seenValue = m_seenValue || m_state.value.has_value();
    const bool due = !m_lastMeasurement.isValid() || m_lastMeasurement.msecsTo(now) >= m_gate.interval.count();
    if (due && m_seenValue && verdict != V::ProviderError) {
        m_lastMeasurement = now;
        const bool failed = verdict == V::Fail || (verdict == V::NoData && m_gate.noData == NoDataPolicy::Fail);
        m_failed.push_back(failed);
        while (m_failed.size() > std::size_t(std::max(1, m_gate.count)))
            m_failed.pop_front();
        m_state.measurements = int(m_failed.size());
        m_state.failures = int(std::count(m_failed.begin(), m_failed.end(), true));
    }
}

} // namespace lockstep
