// Live gate judgement for the monitoring view (LiveGateTracker) and a run's chart markers from its
// audit events (RunMarkers).
#include "app/metrics/LiveGateTracker.h"
#include "ui/monitoring/RunMarkers.h"

#include <QTest>

using namespace lockstep;

class TestLiveGates : public QObject
{
    Q_OBJECT

    static GateSpec errorGate()
    {
        GateSpec g;
        g.id = QStringLiteral("errors");
        g.title = QStringLiteral("Error rate below 1%");
        g.metric = QStringLiteral("error_rate");
        g.threshold = 0.01;
        g.interval = std::chrono::seconds(30);
        g.count = 3;
        g.failureLimit = 2;
        g.noData = NoDataPolicy::Fail;
        return g;
    }
    static Result<MetricReading> value(double v) { return MetricReading{v, QStringLiteral("2 of 2 instances, 30s window"), 2}; }
    static Result<MetricReading> noData() { return MetricReading{std::nullopt, QStringLiteral("no requests in the window"), 0}; }

    const QDateTime t0 = QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);

private slots:
    void describesTheGate()
    {
        const LiveGateTracker tracker(errorGate());
        const LiveGateState s = tracker.state();
        QCOMPARE(s.id, QStringLiteral("errors"));
        QCOMPARE(s.threshold, QStringLiteral("< 0.01"));
        QCOMPARE(s.expression, QStringLiteral("error_rate every 30s, 3 times"));
        QCOMPARE(s.failureLimit, 2);
        QCOMPARE(s.state, LiveGateState::State::Waiting);
        QCOMPARE(tracker.windowMs(5000), 30000);
        QCOMPARE(tracker.windowMs(60000), 60000);
    }

    void judgesEveryReadingAndCountsOnePerInterval()
    {
        LiveGateTracker tracker(errorGate());
        // The window is still filling: no data before the first value is not a failure.
        tracker.observe(t0, noData());
        QCOMPARE(tracker.state().state, LiveGateState::State::NoData);
        QCOMPARE(tracker.state().measurements, 0);
        tracker.observe(t0.addSecs(1), value(0.002));
        QCOMPARE(tracker.state().state, LiveGateState::State::Passing);
        QCOMPARE(tracker.state().value, std::optional<double>(0.002));
        QCOMPARE(tracker.state().measurements, 1);
        // Failing readings within the same interval change the state, not the count.
        tracker.observe(t0.addSecs(5), value(0.08));
        QCOMPARE(tracker.state().state, LiveGateState::State::Failing);
        QVERIFY(tracker.state().reason.contains(QStringLiteral(">= 0.01")));
        QCOMPARE(tracker.state().failures, 0);
        tracker.observe(t0.addSecs(31), value(0.08));
        QCOMPARE(tracker.state().failures, 1);
        QVERIFY(!tracker.state().limitReached());
        // With no_data: fail, a measurement without data counts as a failure once values were seen.
        tracker.observe(t0.addSecs(61), noData());
        QCOMPARE(tracker.state().failures, 2);
        QVERIFY(tracker.state().limitReached());
        // Only the last `count` (3) measurements count: the early pass drops out, failures stay.
        tracker.observe(t0.addSecs(91), value(0.001));
        QCOMPARE(tracker.state().measurements, 3);
        QCOMPARE(tracker.state().failures, 2);
        tracker.observe(t0.addSecs(121), value(0.001));
        QCOMPARE(tracker.state().failures, 1);
        QCOMPARE(tracker.state().state, LiveGateState::State::Passing);
    }

    void providerErrorsAndPromql()
    {
        LiveGateTracker tracker(errorGate());
        tracker.observe(t0, Error{QStringLiteral("the last scrapes of all 2 instances failed: connection refused"), {}, {}});
        QCOMPARE(tracker.state().state, LiveGateState::State::ProviderError);
        QVERIFY(tracker.state().reason.contains(QStringLiteral("connection refused")));
        QCOMPARE(tracker.state().measurements, 0);   // a scrape failure is not a gate failure

        GateSpec promql = errorGate();
        promql.metric = QStringLiteral("sum(rate(errors_total[5m]))");
        promql.promql = true;
        LiveGateTracker p(promql);
        p.observe(t0, value(1));
        QCOMPARE(p.state().state, LiveGateState::State::Unsupported);
        QVERIFY(!p.state().value);
    }

    void markersFromAuditEvents()
    {
        auto event = [&](int sec, const char *action, const char *result, const char *evidence = "", const char *instance = "") {
            AuditEvent e;
            e.time = t0.addSecs(sec);
            e.action = QLatin1String(action);
            e.result = QLatin1String(result);
            e.evidence = QLatin1String(evidence);
            e.instance = QLatin1String(instance);
            e.operatorName = QStringLiteral("alice");
            return e;
        };
        const QList<ChartMarker> markers = RunMarkers::fromAudit({
            event(0, "run.planned", "planned"),
            event(1, "run.state", "running"),
            event(1, "wave.started", "canary", R"({"wave":1,"instances":1})"),
            event(60, "wave.approved", "approved", R"({"wave":2})"),
            event(61, "run.state", "running"),
            event(62, "wave.started", "wave 2", R"({"wave":2,"instances":3})"),
            event(90, "rollback.started", "rollback", "", "a"),
            event(91, "rollback.started", "rollback", "", "b"),
            event(92, "rollback.started", "rollback", "", "c"),
            event(120, "run.state", "rolled-back"),
        });
        QCOMPARE(markers.size(), 6);
        QCOMPARE(markers[0].kind, ChartMarker::Kind::UpgradeStart);
        QCOMPARE(markers[0].time, t0.addSecs(1));
        QCOMPARE(markers[1].label, QStringLiteral("wave 1"));
        QCOMPARE(markers[2].kind, ChartMarker::Kind::Approval);
        QCOMPARE(markers[2].label, QStringLiteral("approved by alice"));
        QCOMPARE(markers[3].label, QStringLiteral("wave 2"));   // a second "running" is not a second start
        QCOMPARE(markers[4].kind, ChartMarker::Kind::Rollback);
        QCOMPARE(markers[4].label, QStringLiteral("rollback (3 instances)"));
        QCOMPARE(markers[5].kind, ChartMarker::Kind::UpgradeEnd);
        QCOMPARE(markers[5].label, QStringLiteral("upgrade end (rolled-back)"));
    }
};

QTEST_MAIN(TestLiveGates)
#include "tst_livegates.moc"
