#include "app/metrics/MetricGateRun.h"

#include "app/metrics/GateJudge.h"
#include "app/metrics/MetricSource.h"
#include "models/Clock.h"

#include <QPointer>
#include <QStringList>

#include <algorithm>
#include <limits>

namespace lockstep {

namespace {

QString noDataPolicyName(NoDataPolicy p)
{
    switch (p) {
    case NoDataPolicy::Fail: return QStringLiteral("fail");
    case NoDataPolicy::Pause: return QStringLiteral("pause");
    case NoDataPolicy::Pass: return QStringLiteral("pass");
    }
    return QStringLiteral("fail");
}

} // namespace

MetricGateRun::MetricGateRun(MetricSource &source, GateSpec gate, QList<Instance> instances,
                             QList<Instance> baselineInstances, QDateTime upgradeStarted,
                             std::chrono::milliseconds window, QObject *parent)
    : GateRun(parent)
    , m_source(source)
    , m_gate(std::move(gate))
    , m_instances(std::move(instances))
    , m_baselineInstances(std::move(baselineInstances))
    , m_upgradeStarted(std::move(upgradeStarted))
    , m_window(window)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &MetricGateRun::measure);
}

void MetricGateRun::shareBaselines(std::shared_ptr<QHash<QString, MetricReading>> cache)
{
    m_baselineCache = std::move(cache);
    if (!m_baselineCache || !preUpgrade() || !m_upgradeStarted.isValid())
        return;
    if (const auto it = m_baselineCache->constFind(baselineKey()); it != m_baselineCache->cend()) {
        m_preUpgradeBaseline = *it;
        m_baselineTo = m_upgradeStarted;
        m_baselineFrom = m_upgradeStarted.addMSecs(-m_window.count());
    }
}

QString MetricGateRun::baselineKey() const
{
    QStringList names;
    for (const Instance &i : m_instances)
        names << i.name;
    names.sort();
    return QStringLiteral("%1|%2|%3|%4")
        .arg(m_gate.id, names.join(QLatin1Char(',')))
        .arg(m_upgradeStarted.toMSecsSinceEpoch())
        .arg(m_window.count());
}

void MetricGateRun::start()
{
    if (m_state != State::Idle)
        return;
    m_state = State::Delaying;
    // The first window then holds a full interval of post-upgrade data.
    m_timer.start(m_gate.initialDelay + m_gate.interval);
}

void MetricGateRun::cancel()
{
    if (m_state == State::Finished)
        return;
    // Silent: the caller ends its step as cancelled itself; a "failed" outcome now could be taken for a
    // gate failure (and set off a rollback).
    m_timer.stop();
    ++m_generation;
    m_state = State::Finished;
}

void MetricGateRun::measure()
{
    m_state = State::Measuring;
    const quint64 generation = ++m_generation;
    m_measuredAt = Clock::instance().now();
    m_current.reset();
    m_baseline.reset();

    MetricQuery query;
    query.metric = m_gate.metric;
    query.promql = m_gate.promql;
    query.instances = m_instances;
    query.to = m_measuredAt;
    query.from = std::max(m_measuredAt.addMSecs(-m_window.count()),
                          m_upgradeStarted.isValid() ? m_upgradeStarted : QDateTime());

    std::optional<MetricQuery> baselineQuery;
    if (preUpgrade() && !m_preUpgradeBaseline && m_upgradeStarted.isValid()) {
        // The same instances over the window that ends where their upgrade started (a Prometheus query
        // is evaluated at that time). Without a recorded start there is nothing to read: never 1970.
        MetricQuery b = query;
        b.to = m_upgradeStarted;
        b.from = m_upgradeStarted.addMSecs(-m_window.count());
        baselineQuery = b;
    } else if (notUpgraded() && !m_baselineInstances.isEmpty()) {
        MetricQuery b = query;
        b.instances = m_baselineInstances;
        baselineQuery = b;
    }
    if (baselineQuery) {
        m_baselineFrom = baselineQuery->from;
        m_baselineTo = baselineQuery->to;
    }

    m_query = query;
    m_pendingReads = baselineQuery ? 2 : 1;
    auto deliver = [this, generation](bool baseline) {
        return [this, generation, baseline](const Result<MetricReading> &r) {
            if (generation == m_generation && m_state == State::Measuring)
                onReading(baseline, r);
        };
    };
    m_source.read(query, this, deliver(false));
    if (baselineQuery)
        m_source.read(*baselineQuery, this, deliver(true));
}

void MetricGateRun::onReading(bool baseline, const Result<MetricReading> &reading)
{
    (baseline ? m_baseline : m_current) = reading;
    if (--m_pendingReads == 0)
        judge();
}

void MetricGateRun::judge()
{
    using V = GateMeasurement::Verdict;
    GateMeasurement m;
    m.time = m_measuredAt;
    m.windowFrom = m_query.from;
    m.windowTo = m_query.to;
    m.source = m_source.sourceName(m_query);
    const GateJudge::Judgement condition = GateJudge::condition(m_gate);
    m.limit = condition.limit;
    m.condition = condition.condition;
    const Result<MetricReading> &current = *m_current;

    if (!current.ok()) {
        m.verdict = V::ProviderError;
        m.reason = QStringLiteral("%1: provider error: %2").arg(subject(), current.error().toString());
        record(m);
        return;
    }
    m.value = current->value;
    if (!current->value) {
        m.verdict = V::NoData;
        m.reason = QStringLiteral("%1: no data: %2").arg(subject(), current->detail);
        record(m);
        return;
    }

    std::optional<double> baselineValue;
    QString context = current->detail;
    if (!m_gate.baseline.isEmpty()) {
        if (preUpgrade() && !m_preUpgradeBaseline && m_baseline && m_baseline->ok() && (*m_baseline)->value) {
            m_preUpgradeBaseline = m_baseline->value();
            if (m_baselineCache)
                m_baselineCache->insert(baselineKey(), *m_preUpgradeBaseline);
        }
        if (m_baseline && !m_baseline->ok()) {
            m.verdict = V::ProviderError;
            m.reason = QStringLiteral("%1: provider error reading the %2 baseline: %3")
                           .arg(subject(), m_gate.baseline, m_baseline->error().toString());
            record(m);
            return;
        }
        // A pre-upgrade baseline once it had a value; else this measurement's reading (its detail says why
        // it has none).
        const MetricReading *b = preUpgrade() && m_preUpgradeBaseline ? &*m_preUpgradeBaseline
                                 : m_baseline                       ? &m_baseline->value()
                                                                    : nullptr;
        if (!b || !b->value) {
            // Nothing to compare with is a person's decision: never a silent pass, and never a failure
            // because the value "rose" from a baseline that was not there.
            m.verdict = V::Inconclusive;
            m.reason = QStringLiteral("%1 %2, but no %3 baseline: %4")
                           .arg(subject(), GateJudge::formatValue(*current->value), m_gate.baseline, missingBaseline(b));
            record(m);
            return;
        }
        baselineValue = b->value;
        m.baseline = baselineValue;
        m.baselineFrom = m_baselineFrom;
        m.baselineTo = m_baselineTo;
        if (preUpgrade())
            context += QStringLiteral("; baseline %1-%2 UTC, before the upgrade started")
                           .arg(m_baselineFrom.toUTC().toString(QStringLiteral("HH:mm:ss")),
                                m_baselineTo.toUTC().toString(QStringLiteral("HH:mm:ss")));
    }
    const GateJudge::Judgement j = GateJudge::judge(m_gate, *current->value, baselineValue, context);
    m.verdict = j.verdict;
    m.reason = j.reason;
    m.limit = j.limit;
    m.condition = j.condition;
    record(m);
}

QString MetricGateRun::missingBaseline(const MetricReading *reading) const
{
    if (preUpgrade() && !m_upgradeStarted.isValid())
        return QStringLiteral("no upgrade start is recorded for %1 (nothing that changes the system ran on it "
                              "yet): there is no window before the upgrade to compare with")
            .arg(instanceNames());
    if (notUpgraded() && m_baselineInstances.isEmpty())
        return QStringLiteral("there are no not-yet-upgraded instances to compare with");
    QString why = reading && !reading->detail.isEmpty() ? reading->detail : QStringLiteral("no baseline reading");
    if (preUpgrade())
        why += QStringLiteral(" (%1 before the upgrade started at %2 UTC)")
                   .arg(QStringLiteral("%1 s").arg(double(m_window.count()) / 1000.0, 0, 'g', 4),
                        m_upgradeStarted.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    return why;
}

QString MetricGateRun::instanceNames() const
{
    QStringList names;
    for (const Instance &i : m_instances.mid(0, 3))
        names << i.name;
    if (m_instances.size() > 3)
        names << QStringLiteral("%1 more").arg(m_instances.size() - 3);
    return names.join(QStringLiteral(", "));
}

void MetricGateRun::record(const GateMeasurement &measurement)
{
    using V = GateMeasurement::Verdict;
    GateMeasurement m = measurement;
    ++m_taken;
    if (m.verdict != V::ProviderError)
        m_consecutiveProviderErrors = 0;
    if (m.value)
        ++m_withValue;
    switch (m.verdict) {
    case V::Pass: ++m_passes; break;
    case V::Fail: ++m_failures; break;
    case V::Inconclusive: break;
    case V::NoData:
        ++m_noData;
        if (m_gate.noData == NoDataPolicy::Fail)
            ++m_failures;
        m.reason += QStringLiteral(" [no_data: %1]").arg(noDataPolicyName(m_gate.noData));
        break;
    case V::ProviderError:
        ++m_providerErrors;
        ++m_consecutiveProviderErrors;
        break;
    }
    m_outcome.measurements.append(m);
    emit measured(m);
    if (m_state == State::Finished)
        return;   // a slot connected to measured() cancelled us

    const int failureLimit = std::max(1, m_gate.failureLimit);
    const int providerLimit = std::max(1, m_gate.providerErrorLimit);
    if (m_failures >= failureLimit)
        return finish(GateOutcome::State::Failed,
                      QStringLiteral("failure limit %1 reached: %2").arg(failureLimit).arg(m.reason));
    if (m.verdict == V::Inconclusive)
        return finish(GateOutcome::State::NeedsOperator, QStringLiteral("inconclusive: %1").arg(m.reason));
    if (m.verdict == V::NoData && m_gate.noData == NoDataPolicy::Pause)
        return finish(GateOutcome::State::NeedsOperator, QStringLiteral("paused on no data: %1").arg(m.reason));
    if (m_consecutiveProviderErrors >= providerLimit)
        return finish(GateOutcome::State::Failed, QStringLiteral("%1 consecutive provider errors: %2")
                                                      .arg(m_consecutiveProviderErrors)
                                                      .arg(m.reason));
    if (m_taken >= std::max(1, m_gate.count)) {
        if (m_withValue == 0) {
            const QString why = QStringLiteral("no measurement had data");
            switch (m_gate.noData) {
            case NoDataPolicy::Fail: return finish(GateOutcome::State::Failed, why + QStringLiteral(" (no_data: fail)"));
            case NoDataPolicy::Pause:
                return finish(GateOutcome::State::NeedsOperator, why + QStringLiteral(" (no_data: pause)"));
            case NoDataPolicy::Pass:
                return finish(GateOutcome::State::Passed, why + QStringLiteral(", passed because no_data: pass"));
            }
        }
        return finish(GateOutcome::State::Passed, QStringLiteral("passed"));
    }
    m_state = State::Waiting;
    m_timer.start(m_gate.interval);
}

void MetricGateRun::finish(GateOutcome::State state, const QString &summary)
{
    m_timer.stop();
    m_state = State::Finished;
    m_outcome.state = state;
    m_outcome.summary = QStringLiteral("gate %1 (%2): %3; %4").arg(m_gate.id, m_gate.promql ? QStringLiteral("PromQL") : m_gate.metric, summary, counts());
    emit finished(m_outcome);
}

QString MetricGateRun::counts() const
{
    QString text = QStringLiteral("%1 of %2 measurements: %3 passed, %4 failed")
                       .arg(m_taken)
                       .arg(std::max(1, m_gate.count))
                       .arg(m_passes)
                       .arg(m_failures - (m_gate.noData == NoDataPolicy::Fail ? m_noData : 0));
    if (m_noData > 0)
        text += QStringLiteral(", %1 no data (no_data: %2)").arg(m_noData).arg(noDataPolicyName(m_gate.noData));
    if (m_providerErrors > 0)
        text += QStringLiteral(", %1 provider errors").arg(m_providerErrors);
    return text;
}

} // namespace lockstep
