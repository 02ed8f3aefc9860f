#include "app/metrics/GateJudge.h"
#include "app/metrics/MetricGateEvaluator.h"
#include "app/metrics/MetricSource.h"
#include "models/Clock.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <deque>

using namespace lockstep;
using V = GateMeasurement::Verdict;

Q_DECLARE_METATYPE(lockstep::GateMeasurement)
Q_DECLARE_METATYPE(lockstep::GateOutcome)

namespace {

// Answers each read with the next scripted result for that group (current / baseline instances), later,
// on the context's thread, like a real source.
class FakeMetricSource final : public MetricSource
{
public:
    std::deque<Result<MetricReading>> current;
    std::deque<Result<MetricReading>> baseline;
    QList<MetricQuery> queries;
    bool hold = false;                       // keep answers back until release()
    QList<std::function<void()>> held;

    void release()
    {
        for (const auto &answer : std::exchange(held, {}))
            answer();
    }

    void read(const MetricQuery &query, QObject *context, Callback done) override
    {
        queries.append(query);
        const bool isBaseline = !query.instances.isEmpty() && query.instances.first().name.startsWith(QLatin1String("old"));
        const bool preUpgrade = query.to < Clock::instance().now();
        auto &queue = (isBaseline || preUpgrade) ? baseline : current;
        Result<MetricReading> r = queue.empty() ? Result<MetricReading>(MetricReading{std::nullopt, QStringLiteral("script ended"), 0})
                                                : queue.front();
        if (!queue.empty())
            queue.pop_front();
        if (hold) {
            held.append([done, r, guard = QPointer<QObject>(context)] {
                if (guard)
                    done(r);
            });
            return;
        }
        QTimer::singleShot(0, context, [done, r] { done(r); });
    }
};

Result<MetricReading> val(double v) { return MetricReading{v, QStringLiteral("2 of 2 instances"), 2}; }
Result<MetricReading> none() { return MetricReading{std::nullopt, QStringLiteral("no requests in the window"), 0}; }
Result<MetricReading> broken() { return Error{QStringLiteral("HTTP 500 from Prometheus"), QStringLiteral("http://127.0.0.1:9/api/v1/query"), {}}; }

GateSpec gate(int count, int failureLimit = 1)
{
    GateSpec g;
    g.id = QStringLiteral("errors");
    g.metric = QStringLiteral("error_rate");
    g.comparison = Comparison::Below;
    g.threshold = 0.01;
    g.interval = std::chrono::milliseconds(5);
    g.count = count;
    g.failureLimit = failureLimit;
    g.providerErrorLimit = 2;
    return g;
}

QList<Instance> instances(const QString &prefix, int n)
{
    QList<Instance> list;
    for (int i = 0; i < n; ++i) {
        Instance inst;
        inst.name = prefix + QString::number(i);
        list.append(inst);
    }
    return list;
}

struct Outcome
{
    GateOutcome outcome;
    int finishedCount = 0;
};

} // namespace

class TestMetricGate : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void judgeConditions();
    void passesAfterCountMeasurements();
    void failsWhenFailureLimitReached();
    void noDataFailPolicy();
    void noDataPausePolicy();
    void noDataPassPolicyIsNotSilent();
    void inconclusiveAsksOperator();
    void providerErrorsCountedSeparately();
    void preUpgradeBaseline();
    void notUpgradedBaseline();
    void noBaselineAsksAPerson();
    void preUpgradeBaselineReadOncePerEvaluator();
    void windowsFollowTheClock();
    void cancelStopsSilently();

private:
    Outcome run(const GateSpec &g, FakeMetricSource &source, const QList<Instance> &baseline = {});
    Outcome run(const GateSpec &g, FakeMetricSource &source, const QList<Instance> &baseline, const QDateTime &upgrade);
    ManualClock *m_clock = nullptr;
    QDateTime m_upgrade;
};

void TestMetricGate::init()
{
    qRegisterMetaType<GateMeasurement>();
    qRegisterMetaType<GateOutcome>();
    m_upgrade = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    m_clock = new ManualClock(m_upgrade.addSecs(120));
    Clock::setInstance(m_clock);
}

void TestMetricGate::cleanup()
{
    Clock::setInstance(nullptr);
    delete m_clock;
}

Outcome TestMetricGate::run(const GateSpec &g, FakeMetricSource &source, const QList<Instance> &baseline)
{
    return run(g, source, baseline, m_upgrade);
}

Outcome TestMetricGate::run(const GateSpec &g, FakeMetricSource &source, const QList<Instance> &baseline,
                            const QDateTime &upgrade)
{
    MetricGateEvaluator evaluator(source, {std::chrono::seconds(30)});
    Outcome result;
    QObject owner;
    GateRun *r = evaluator.start(g, instances(QStringLiteral("new"), 2), baseline, upgrade, &owner);
    connect(r, &GateRun::measured, &owner, [this] { m_clock->advance(5000); });
    connect(r, &GateRun::finished, &owner, [&result](const GateOutcome &o) {
        result.outcome = o;
        ++result.finishedCount;
    });
    // Bounded wait: a gate that never finishes shows up as finishedCount == 0 in the caller's checks.
    for (int i = 0; i < 500 && result.finishedCount == 0; ++i)
        QTest::qWait(10);
    QTest::qWait(20);   // nothing more may arrive
    return result;
}

void TestMetricGate::judgeConditions()
{
    GateSpec g = gate(1);
    g.inconclusiveAbove = 0.005;
    QCOMPARE(GateJudge::judge(g, 0.001, {}, {}).verdict, V::Pass);
    QCOMPARE(GateJudge::judge(g, 0.007, {}, {}).verdict, V::Inconclusive);
    QCOMPARE(GateJudge::judge(g, 0.01, {}, {}).verdict, V::Fail);
    QCOMPARE(GateJudge::judge(g, std::nan(""), {}, {}).verdict, V::NoData);
    QVERIFY(GateJudge::judge(g, 0.034, {}, QStringLiteral("30s window")).reason
                == QStringLiteral("error_rate 0.034 >= 0.01 (30s window)"));

    GateSpec above = gate(1);
    above.metric = QStringLiteral("request_rate");
    above.comparison = Comparison::Above;
    above.threshold = 10;
    above.inconclusiveAbove = 12;
    QCOMPARE(GateJudge::judge(above, 9, {}, {}).verdict, V::Fail);
    QCOMPARE(GateJudge::judge(above, 11, {}, {}).verdict, V::Inconclusive);
    QCOMPARE(GateJudge::judge(above, 13, {}, {}).verdict, V::Pass);

    GateSpec between = gate(1);
    between.comparison = Comparison::Between;
    between.lower = 1;
    between.upper = 2;
    QCOMPARE(GateJudge::judge(between, 1.5, {}, {}).verdict, V::Pass);
    QCOMPARE(GateJudge::judge(between, 2.5, {}, {}).verdict, V::Fail);

    // Relative to a baseline, with the threshold as a floor for tiny baselines.
    GateSpec rel = gate(1);
    rel.metric = QStringLiteral("p95_latency");
    rel.threshold = 0;
    rel.baseline = QStringLiteral("pre-upgrade");
    rel.tolerance = 0.2;
    QCOMPARE(GateJudge::judge(rel, 0.35, 0.30, {}).verdict, V::Pass);
    QCOMPARE(GateJudge::judge(rel, 0.37, 0.30, {}).verdict, V::Fail);
    rel.threshold = 0.01;
    QCOMPARE(GateJudge::judge(rel, 0.005, 0.0, {}).verdict, V::Pass);
    QCOMPARE(GateJudge::judge(rel, 0.02, 0.0, {}).verdict, V::Fail);
}

void TestMetricGate::passesAfterCountMeasurements()
{
    FakeMetricSource source;
    source.current = {val(0.001), val(0.002), val(0.0)};
    const Outcome o = run(gate(3), source);
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::Passed);
    QCOMPARE(o.outcome.measurements.size(), 3);
    QCOMPARE(o.outcome.measurements[1].value.value(), 0.002);
    QCOMPARE(o.outcome.measurements[1].verdict, V::Pass);
    QVERIFY(o.outcome.measurements[1].reason.contains(QStringLiteral("error_rate 0.002 < 0.01")));
    QVERIFY(o.outcome.summary.contains(QStringLiteral("3 passed")));
}

void TestMetricGate::failsWhenFailureLimitReached()
{
    FakeMetricSource source;
    source.current = {val(0.5), val(0.001), val(0.02), val(0.001)};
    const Outcome o = run(gate(10, 2), source);
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::Failed);
    QCOMPARE(o.outcome.measurements.size(), 3);   // stopped at the second failure, not after 10
    QCOMPARE(o.outcome.measurements[2].verdict, V::Fail);
    QVERIFY(o.outcome.summary.contains(QStringLiteral("failure limit 2 reached")));
}

void TestMetricGate::noDataFailPolicy()
{
    FakeMetricSource source;
    source.current = {val(0.001), none()};
    GateSpec g = gate(5);
    g.noData = NoDataPolicy::Fail;
    const Outcome o = run(g, source);
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::Failed);
    QCOMPARE(o.outcome.measurements.size(), 2);
    QCOMPARE(o.outcome.measurements[1].verdict, V::NoData);
    QVERIFY(o.outcome.measurements[1].reason.contains(QStringLiteral("no requests in the window")));
    QVERIFY(o.outcome.summary.contains(QStringLiteral("no_data: fail")));
}

void TestMetricGate::noDataPausePolicy()
{
    FakeMetricSource source;
    source.current = {none()};
    GateSpec g = gate(5);
    g.noData = NoDataPolicy::Pause;
    const Outcome o = run(g, source);
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::NeedsOperator);
    QCOMPARE(o.outcome.measurements.size(), 1);
    QVERIFY(o.outcome.summary.contains(QStringLiteral("paused on no data")));
}

void TestMetricGate::noDataPassPolicyIsNotSilent()
{
    FakeMetricSource source;
    source.current = {val(0.001), none(), val(0.001)};
    GateSpec g = gate(3);
    g.noData = NoDataPolicy::Pass;
    Outcome o = run(g, source);
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::Passed);
    QVERIFY2(o.outcome.summary.contains(QStringLiteral("1 no data (no_data: pass)")), qPrintable(o.outcome.summary));

    // Only no data at all: passes, and says so.
    FakeMetricSource empty;
    empty.current = {none(), none()};
    g.count = 2;
    o = run(g, empty);
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::Passed);
    QVERIFY2(o.outcome.summary.contains(QStringLiteral("no measurement had data, passed because no_data: pass")),
             qPrintable(o.outcome.summary));
}

void TestMetricGate::inconclusiveAsksOperator()
{
    FakeMetricSource source;
    source.current = {val(0.001), val(0.007), val(0.001)};
    GateSpec g = gate(3);
    g.inconclusiveAbove = 0.005;
    const Outcome o = run(g, source);
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::NeedsOperator);
    QCOMPARE(o.outcome.measurements.size(), 2);
    QCOMPARE(o.outcome.measurements[1].verdict, V::Inconclusive);
}

void TestMetricGate::providerErrorsCountedSeparately()
{
    FakeMetricSource source;
    // failure_limit 1, provider_error_limit 2: an error is not a failure, two in a row end the gate.
    source.current = {broken(), val(0.001), broken(), broken(), val(0.001)};
    const Outcome o = run(gate(10, 1), source);
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::Failed);
    QCOMPARE(o.outcome.measurements.size(), 4);
    QCOMPARE(o.outcome.measurements[0].verdict, V::ProviderError);
    QVERIFY(o.outcome.measurements[0].reason.contains(QStringLiteral("HTTP 500 from Prometheus")));
    QVERIFY(o.outcome.summary.contains(QStringLiteral("2 consecutive provider errors")));
    QVERIFY(o.outcome.summary.contains(QStringLiteral("0 failed")));
}

void TestMetricGate::preUpgradeBaseline()
{
    FakeMetricSource source;
    source.baseline = {val(0.30)};
    source.current = {val(0.35), val(0.37)};
    GateSpec g = gate(5);
    g.metric = QStringLiteral("p95_latency");
    g.threshold = 0;
    g.baseline = QStringLiteral("pre-upgrade");
    g.tolerance = 0.2;
    const Outcome o = run(g, source);
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::Failed);
    QCOMPARE(o.outcome.measurements[0].verdict, V::Pass);
    QCOMPARE(o.outcome.measurements[0].baseline.value(), 0.30);
    QCOMPARE(o.outcome.measurements[0].baselineTo, m_upgrade);
    QCOMPARE(o.outcome.measurements[0].baselineFrom, m_upgrade.addSecs(-30));
    QVERIFY2(o.outcome.measurements[0].reason.contains(QStringLiteral("baseline 11:59:30-12:00:00 UTC, before the upgrade started")),
             qPrintable(o.outcome.measurements[0].reason));
    QCOMPARE(o.outcome.measurements[1].verdict, V::Fail);
    QVERIFY(o.outcome.measurements[1].reason.contains(QStringLiteral("baseline 0.3 + 20%")));
    // The baseline was read once, for the same instances, over the window that ends at the upgrade.
    QCOMPARE(source.queries.size(), 3);
    const MetricQuery &b = source.queries[1].to == m_upgrade ? source.queries[1] : source.queries[0];
    QCOMPARE(b.to, m_upgrade);
    QCOMPARE(b.from, m_upgrade.addSecs(-30));
    QCOMPARE(b.instances.first().name, QStringLiteral("new0"));
}

void TestMetricGate::notUpgradedBaseline()
{
    FakeMetricSource source;
    source.baseline = {val(0.010), val(0.010)};
    source.current = {val(0.011), val(0.02)};
    GateSpec g = gate(5);
    g.threshold = 0;
    g.baseline = QStringLiteral("not-upgraded");
    g.tolerance = 0.5;
    Outcome o = run(g, source, instances(QStringLiteral("old"), 3));
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::Failed);
    QCOMPARE(o.outcome.measurements[0].verdict, V::Pass);
    QCOMPARE(o.outcome.measurements[1].verdict, V::Fail);

    // No instance left on the old version: no baseline, which a person decides on, never a pass (even
    // with no_data: pass) and never a failure.
    FakeMetricSource alone;
    alone.current = {val(0.001)};
    g.noData = NoDataPolicy::Pass;
    o = run(g, alone, {});
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::NeedsOperator);
    QCOMPARE(o.outcome.measurements[0].verdict, V::Inconclusive);
    QVERIFY(o.outcome.measurements[0].reason.contains(QStringLiteral("no not-yet-upgraded instances")));
}

void TestMetricGate::noBaselineAsksAPerson()
{
    GateSpec g = gate(5);
    g.threshold = 0;
    g.baseline = QStringLiteral("pre-upgrade");
    g.tolerance = 0.5;
    g.noData = NoDataPolicy::Fail;

    // No upgrade start recorded: nothing is read for a baseline (no query at time 0, which would read a
    // zero and fail a steady rate as rising); the gate asks a person.
    FakeMetricSource unstarted;
    unstarted.current = {val(0.002)};
    Outcome o = run(g, unstarted, {}, QDateTime());
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::NeedsOperator);
    QCOMPARE(o.outcome.measurements.size(), 1);
    QCOMPARE(o.outcome.measurements[0].verdict, V::Inconclusive);
    QVERIFY2(o.outcome.measurements[0].reason.contains(QStringLiteral("no upgrade start is recorded for new0, new1")),
             qPrintable(o.outcome.measurements[0].reason));
    QCOMPARE(unstarted.queries.size(), 1);   // only the current window
    QVERIFY(unstarted.queries[0].to > m_upgrade);

    // A start, but no data in the window before it (nothing was scraped then): the same.
    FakeMetricSource empty;
    empty.baseline = {none()};
    empty.current = {val(0.002)};
    o = run(g, empty);
    QCOMPARE(o.outcome.state, GateOutcome::State::NeedsOperator);
    QCOMPARE(o.outcome.measurements[0].verdict, V::Inconclusive);
    QVERIFY2(o.outcome.measurements[0].reason.contains(QStringLiteral("no requests in the window (30 s before the upgrade "
                                                                      "started at 2026-01-01 12:00:00 UTC)")),
             qPrintable(o.outcome.measurements[0].reason));
}

void TestMetricGate::preUpgradeBaselineReadOncePerEvaluator()
{
    // Every round of a watch starts the gate again: the window before the upgrade is read the first time
    // only (a scrape store may have dropped it hours later).
    FakeMetricSource source;
    source.baseline = {val(0.002)};
    source.current = {val(0.002), val(0.002)};
    GateSpec g = gate(1);
    g.threshold = 0;
    g.baseline = QStringLiteral("pre-upgrade");
    g.tolerance = 0.5;
    MetricGateEvaluator evaluator(source, {std::chrono::seconds(30)});
    QObject owner;
    QList<GateOutcome> outcomes;
    for (int round = 0; round < 2; ++round) {
        GateRun *r = evaluator.start(g, instances(QStringLiteral("new"), 2), {}, m_upgrade, &owner);
        connect(r, &GateRun::finished, &owner, [&outcomes](const GateOutcome &o) { outcomes << o; });
        QTRY_COMPARE(outcomes.size(), round + 1);
    }
    for (const GateOutcome &o : std::as_const(outcomes)) {
        QCOMPARE(o.state, GateOutcome::State::Passed);
        QCOMPARE(o.measurements[0].baseline.value(), 0.002);
        QCOMPARE(o.measurements[0].baselineTo, m_upgrade);
    }
    QCOMPARE(std::count_if(source.queries.cbegin(), source.queries.cend(), [this](const MetricQuery &q) { return q.to == m_upgrade; }), 1);
}

void TestMetricGate::windowsFollowTheClock()
{
    FakeMetricSource source;
    source.current = {val(0.001), val(0.001)};
    m_clock->set(m_upgrade.addSecs(10));
    const Outcome o = run(gate(2), source);
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.outcome.state, GateOutcome::State::Passed);
    QCOMPARE(source.queries.size(), 2);
    // 10 s after the upgrade: the 30 s window is cut at the upgrade; 5 s later it has moved with the clock.
    QCOMPARE(source.queries[0].to, m_upgrade.addSecs(10));
    QCOMPARE(source.queries[0].from, m_upgrade);
    QCOMPARE(source.queries[1].to, m_upgrade.addSecs(15));
    QCOMPARE(o.outcome.measurements[1].time, m_upgrade.addSecs(15));
}

void TestMetricGate::cancelStopsSilently()
{
    FakeMetricSource source;
    source.current = {val(0.5), val(0.5), val(0.5)};
    source.hold = true;
    GateSpec g = gate(3);
    MetricGateEvaluator evaluator(source, {std::chrono::seconds(30)});
    QObject owner;
    GateRun *r = evaluator.start(g, instances(QStringLiteral("new"), 1), {}, m_upgrade, &owner);
    QSignalSpy finished(r, &GateRun::finished);
    QSignalSpy measured(r, &GateRun::measured);
    // Cancel while the first reading is in flight: its answer must not produce a measurement or a
    // "failed" outcome that the engine could take for a gate failure.
    QTRY_COMPARE(source.queries.size(), 1);
    r->cancel();
    r->cancel();
    source.release();
    QTest::qWait(50);
    QCOMPARE(measured.size(), 0);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(source.queries.size(), 1);
}

QTEST_GUILESS_MAIN(TestMetricGate)
#include "tst_metricgate.moc"
