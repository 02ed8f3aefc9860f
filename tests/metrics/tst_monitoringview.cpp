// The monitoring view on real widgets against a running lockstep-fleetsim: instances picked in the
// view, real scrapes on the view's worker thread, the three charts with the gates' thresholds, a run's
// markers from the store, and a gate that turns failing when the instances' release goes bad.
#include "app/audit/AuditLog.h"
#include "app/core/Settings.h"
#include "app/metrics/LiveMetrics.h"
#include "app/runbook/RunbookLoader.h"
#include "models/run/PlanCodec.h"
#include "models/store/RunRepository.h"
#include "tests/gui/UpgradeFixture.h"
#include "ui/charts/MetricChart.h"
#include "ui/monitoring/LiveGateTable.h"
#include "ui/monitoring/MonitoringView.h"
#include "app/session/ConsoleSession.h"

#include <QAction>
#include <QAreaSeries>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QMouseEvent>
#include <QTest>

#include <cmath>

using namespace lockstep;
using namespace lockstep::test;

class TestMonitoringView : public QObject
{
    Q_OBJECT

    template<typename T>
    T *find(const char *name) const
    {
        T *w = m_console.window->monitoringView()->findChild<T *>(QLatin1String(name));
        if (!w)
            w = m_console.window->findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no %s", name);
        return w;
    }
    MonitoringView *view() const { return m_console.window->monitoringView(); }

    // Finite points the chart holds (what the scrapes gave), not the NaN gaps.
    static int realPoints(MetricChart *chart)
    {
        int n = 0;
        for (const QPointF &p : chart->valueSeries()->points())
            n += std::isfinite(p.y()) ? 1 : 0;
        return n;
    }

    QString gateState(const QString &gate) const
    {
        return view()->gateTable()->cellText(gate, LiveGateTable::StateColumn);
    }

    void selectCombo(const char *name, const QVariant &data)
    {
        auto *combo = find<QComboBox>(name);
        const int index = combo->findData(data);
        QVERIFY2(index >= 0, qPrintable(data.toString()));
        combo->setCurrentIndex(index);
    }

    void audit(const QString &action, const QString &result, const QJsonObject &evidence = {}, const QString &instance = {})
    {
        AuditEvent e;
        e.operatorName = QStringLiteral("alice");
        e.action = action;
        e.runId = QString::number(m_runId);
        e.result = result;
        e.instance = instance;
        if (!evidence.isEmpty())
            e.evidence = QString::fromUtf8(QJsonDocument(evidence).toJson(QJsonDocument::Compact));
        QVERIFY(m_console.window->upgradeWindow()->session()->auditLog()->append(e).ok());
    }

    FleetSim m_sim;
    QTemporaryDir m_dir;
    Console m_console;
    qint64 m_runId = 0;
    QList<Wave> m_waves;   // of that run

private slots:
    void initTestCase()
    {
        Settings::createTemporary();
        if (const QString failure = m_sim.start(); !failure.isEmpty())
            QFAIL(qPrintable(failure));
        if (const QString failure = m_console.open(m_sim, m_dir.filePath(QStringLiteral("store.sqlite"))); !failure.isEmpty())
            QFAIL(qPrintable(failure));
        // Short scrapes and windows, so a test sees several rounds in seconds.
        LiveMetrics::Options options;
        options.scrapeInterval = std::chrono::milliseconds(500);
        options.minimumWindow = std::chrono::seconds(3);
        view()->setOptions(options);
    }

    // Without a run: pick instances, see their metrics and the product runbook's gates judged live.
    void pickedInstancesWithoutARun()
    {
        QAction *action = find<QAction>("actionShowMonitoring");
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_M));
        action->trigger();
        QVERIFY(QTest::qWaitForWindowExposed(view()));
        selectCombo("monitorProduct", QStringLiteral("webwaka-platform"));
        selectCombo("monitorRun", 0);
        selectCombo("monitorRange", 60 * 1000);
        QVERIFY(find<QLabel>("monitorEmptyState")->isVisible());   // nothing picked yet: says what to do

        auto *list = find<QListWidget>("monitorInstances");
        QVERIFY(list->count() >= 3);
        for (int row = 0; row < 2; ++row)
            list->item(row)->setCheckState(Qt::Checked);

        // Real scrapes arrive on the worker thread and reach the charts in batches.
        MetricChart *errors = view()->errorRateChart();
        MetricChart *latency = view()->latencyChart();
        MetricChart *queue = view()->queueDepthChart();
        QTRY_VERIFY_WITH_TIMEOUT(realPoints(errors) >= 3 && realPoints(latency) >= 3 && realPoints(queue) >= 3, 20000);
        QVERIFY(!find<QLabel>("monitorEmptyState")->isVisible());
        for (const QPointF &p : latency->valueSeries()->points())
            if (std::isfinite(p.y()))
                QVERIFY2(p.y() > 0.01 && p.y() < 0.5, qPrintable(QString::number(p.y())));   // fleetsim's good p95 ~0.12 s

        // The product's bundled runbook (platform-instance-upgrade) gates: thresholds and failing bands.
        QCOMPARE(errors->threshold(), std::optional<double>(0.01));
        QCOMPARE(errors->thresholdSeries()->count(), 2);
        QCOMPARE(errors->thresholdSeries()->at(0).y(), 0.01);
        QCOMPARE(errors->failingAboveSeries()->lowerSeries()->at(0).y(), 0.01);
        QCOMPARE(latency->threshold(), std::optional<double>(0.5));
        QCOMPARE(queue->threshold(), std::optional<double>(100));
        QVERIFY(find<QLabel>("monitorGateCaption")->text().contains(QStringLiteral("platform-instance-upgrade")));

        // The gate panel: current value, threshold, failures used / limit, state.
        LiveGateTable *gates = view()->gateTable();
        QCOMPARE(gates->rowCount(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(gates->cellText(QStringLiteral("error_rate"), LiveGateTable::ValueColumn) != QStringLiteral("–"), 10000);
        QCOMPARE(gates->cellText(QStringLiteral("error_rate"), LiveGateTable::ThresholdColumn), QStringLiteral("< 0.01"));
        QCOMPARE(gates->cellText(QStringLiteral("error_rate"), LiveGateTable::FailuresColumn), QStringLiteral("0 of 1"));
        QVERIFY2(gateState(QStringLiteral("error_rate")).contains(QStringLiteral("passing")), qPrintable(gateState(QStringLiteral("error_rate"))));
        QVERIFY(gateState(QStringLiteral("p95_latency")).contains(QStringLiteral("passing")));
        QVERIFY(find<QLabel>("monitorStatus")->text().contains(QStringLiteral("2 of 2 instances")));
        QVERIFY(view()->batchesApplied() > 0);
    }

    // With a run from the store: its waves to choose from, its gates, its events as markers; then the
    // release goes bad and the gate fails.
    void runMarkersAndAFailingGate()
    {
        FleetModel *fleet = m_console.window->fleetModel();
        QList<Instance> platform;
        for (const FleetModel::Row &row : fleet->rows())
            if (row.instance.product == QLatin1String("webwaka-platform"))
                platform << row.instance;
        QVERIFY(platform.size() >= 3);

        QFile bundled(QStringLiteral(":/runbooks/platform-instance-upgrade.yaml"));
        QVERIFY(bundled.open(QIODevice::ReadOnly));
        const QString source = QString::fromUtf8(bundled.readAll());
        const Result<Runbook> runbook = RunbookLoader::loadString(source, QStringLiteral("platform-instance-upgrade.yaml"));
        QVERIFY2(runbook.ok(), runbook.ok() ? "" : qPrintable(runbook.error().toString()));
        Plan plan;
        plan.runbook = *runbook;
        plan.runbookSource = source;
        plan.targetVersion = *SemVer::parse(QStringLiteral("1.5.0"));
        plan.waves = {Wave{0, QStringLiteral("canary"), platform.mid(0, 2)}, Wave{1, QStringLiteral("rest"), platform.mid(2)}};
        m_waves = plan.waves;
        RunRecord record;
        record.runbookId = runbook->id;
        record.runbookFile = QStringLiteral("platform-instance-upgrade.yaml");
        record.runbookSource = source;
        record.product = QStringLiteral("webwaka-platform");
        record.targetVersion = QStringLiteral("1.5.0");
        record.operatorName = QStringLiteral("alice");
        record.state = RunState::Running;
        record.plan = PlanCodec::encode(plan);
        auto created = m_console.window->upgradeWindow()->session()->runtime()->runs().create(record);
        QVERIFY(created.ok());
        m_runId = *created;
        audit(QStringLiteral("run.state"), QStringLiteral("running"));
        audit(QStringLiteral("wave.started"), QStringLiteral("canary"), {{QStringLiteral("wave"), 1}});
        const QDateTime waveStarted = QDateTime::currentDateTimeUtc();

        view()->showMonitoring();   // picks up the new run
        selectCombo("monitorRun", m_runId);
        auto *scope = find<QComboBox>("monitorScope");
        QCOMPARE(scope->count(), 4);   // picked, all, wave 1, wave 2
        QVERIFY(scope->itemText(MonitoringView::FirstWave).contains(QStringLiteral("canary")));
        scope->setCurrentIndex(MonitoringView::FirstWave);
        auto *list = find<QListWidget>("monitorInstances");
        QCOMPARE(list->count(), int(platform.size()));
        QCOMPARE(list->item(0)->checkState(), Qt::Checked);
        QCOMPARE(list->item(1)->checkState(), Qt::Checked);
        QCOMPARE(list->item(2)->checkState(), Qt::Unchecked);

        // The run's events are markers on all three charts.
        MetricChart *errors = view()->errorRateChart();
        QTRY_COMPARE(errors->markers().size(), 2);
        QCOMPARE(errors->markers().at(0).kind, ChartMarker::Kind::UpgradeStart);
        QCOMPARE(errors->markers().at(1).kind, ChartMarker::Kind::Wave);
        QCOMPARE(errors->markers().at(1).label, QStringLiteral("wave 1"));
        QVERIFY(qAbs(errors->markers().at(1).time.msecsTo(waveStarted)) < 2000);
        QCOMPARE(view()->queueDepthChart()->markers().size(), 2);
        QTRY_VERIFY(errors->markerSeries().at(1)->count() == 2 && errors->markerSeries().at(1)->isVisible());
        QCOMPARE(qint64(errors->markerSeries().at(1)->at(0).x()), errors->markers().at(1).time.toMSecsSinceEpoch());
        QVERIFY(find<QLabel>("monitorGateCaption")->text().contains(QStringLiteral("run %1").arg(m_runId)));

        QTRY_VERIFY_WITH_TIMEOUT(realPoints(errors) >= 3, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(gateState(QStringLiteral("error_rate")).contains(QStringLiteral("passing")), 10000);
        QTest::qWait(3000);   // some good minutes, as it were, before the release goes bad
        audit(QStringLiteral("wave.approved"), QStringLiteral("approved"), {{QStringLiteral("wave"), 2}});

        // The canary's release turns bad (8 % errors, p95 ~0.9 s): the gate fails.
        QSet<QString> versions;
        for (const Instance &i : plan.waves[0].instances)
            versions.insert(m_sim.get(QStringLiteral("/api/instances/") + i.name).json().toObject().value(QStringLiteral("version")).toString());
        for (const QString &v : versions)
            QVERIFY(m_sim.setReleaseBad(QStringLiteral("webwaka-platform"), v, true));
        QTRY_VERIFY_WITH_TIMEOUT(gateState(QStringLiteral("error_rate")).contains(QStringLiteral("failing")), 20000);
        const double current = view()->gateTable()->cellText(QStringLiteral("error_rate"), LiveGateTable::ValueColumn).toDouble();
        QVERIFY2(current >= 0.01, qPrintable(QString::number(current)));
        QTRY_VERIFY_WITH_TIMEOUT(gateState(QStringLiteral("p95_latency")).contains(QStringLiteral("failing")), 20000);
        // A measurement counts once per gate interval (30 s here): the next one uses up the failure limit.
        QTRY_VERIFY_WITH_TIMEOUT(gateState(QStringLiteral("error_rate")).contains(QStringLiteral("failure limit reached")), 45000);
        QCOMPARE(view()->gateTable()->cellText(QStringLiteral("error_rate"), LiveGateTable::FailuresColumn), QStringLiteral("1 of 1"));
        audit(QStringLiteral("rollback.started"), QStringLiteral("rollback"), {}, plan.waves[0].instances[0].name);
        QTRY_COMPARE_WITH_TIMEOUT(errors->markers().size(), 4, 5000);
        QCOMPARE(errors->markers().at(3).kind, ChartMarker::Kind::Rollback);
        for (const QString &v : versions)
            QVERIFY(m_sim.setReleaseBad(QStringLiteral("webwaka-platform"), v, false));

        // The window as a PNG: into docs/screenshots with LOCKSTEP_UPDATE_SCREENSHOTS=1, else a temporary
        // directory (the rendering is exercised on every run).
        QTest::qWait(300);
        QCoreApplication::processEvents();
        const QImage image = view()->grab().toImage();
        QVERIFY(!image.isNull());
        const QString dir = qEnvironmentVariableIntValue("LOCKSTEP_UPDATE_SCREENSHOTS") == 1
            ? QStringLiteral(LOCKSTEP_SOURCE_DIR "/docs/screenshots")
            : m_dir.path();
        QVERIFY(image.save(dir + QStringLiteral("/monitoring.png")));
    }

    // A run's wave is the canary, the run's later waves its baseline: with one canary instance on a bad
    // release and the rest on the old one, the canary's error rate is above the baseline's, and hover
    // names the two series.
    void waveCanaryAgainstBaseline()
    {
        QVERIFY(m_runId > 0);   // the run of runMarkersAndAFailingGate: wave 1 the first two instances
        const QList<Instance> canary = m_waves.at(0).instances;
        QSet<QString> inUse;
        for (const Wave &w : std::as_const(m_waves))
            for (const Instance &i : w.instances)
                inUse.insert(m_sim.get(QStringLiteral("/api/instances/") + i.name).json().toObject().value(QStringLiteral("version")).toString());
        // A release no instance of the run runs: the first canary instance goes there, and it is bad.
        QString bad;
        const QJsonArray releases = m_sim.get(QStringLiteral("/feeds/webwaka-platform/releases.json")).json().toObject()
                                        .value(QStringLiteral("releases")).toArray();
        for (const QJsonValue &r : releases) {
            const QString v = r.toObject().value(QStringLiteral("version")).toString();
            if (!inUse.contains(v) && SemVer::parse(v).ok()) {
                bad = v;
                break;
            }
        }
        QVERIFY2(!bad.isEmpty(), "fleetsim's webwaka-platform feed has no release the run's instances do not run");
        QVERIFY(m_sim.setReleaseBad(QStringLiteral("webwaka-platform"), bad, true));
        const QString upgraded = canary.first().name;
        QCOMPARE(m_sim.post(QStringLiteral("/api/instances/%1/upgrade").arg(upgraded), {{QStringLiteral("version"), bad}}).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(m_sim.get(QStringLiteral("/i/%1/version").arg(upgraded)).json()[QStringLiteral("version")].toString(),
                                  bad, 15000);

        view()->showMonitoring();
        selectCombo("monitorRun", m_runId);
        auto *scope = find<QComboBox>("monitorScope");
        scope->setCurrentIndex(MonitoringView::FirstWave);
        MetricChart *errors = view()->errorRateChart();
        QTRY_VERIFY_WITH_TIMEOUT(errors->hasBaseline(), 10000);
        QCOMPARE(errors->seriesName(), QStringLiteral("canary (wave 1)"));
        QCOMPARE(errors->baselineSeries()->name(), QStringLiteral("baseline"));
        QVERIFY(view()->latencyChart()->hasBaseline() && view()->queueDepthChart()->hasBaseline());

        // The last finite value of each series, once both have a few rounds since the upgrade.
        auto last = [](QLineSeries *series) {
            const QList<QPointF> points = series->points();
            for (qsizetype i = points.size() - 1; i >= 0; --i)
                if (std::isfinite(points[i].y()))
                    return points[i];
            return QPointF(0, std::nan(""));
        };
        QTRY_VERIFY_WITH_TIMEOUT(last(errors->valueSeries()).y() > 0.02 && last(errors->baselineSeries()).y() < 0.01, 30000);
        const QPointF canaryPoint = last(errors->valueSeries());
        const QPointF baselinePoint = last(errors->baselineSeries());
        QVERIFY2(canaryPoint.y() > baselinePoint.y() + 0.01,
                 qPrintable(QStringLiteral("canary %1, baseline %2").arg(canaryPoint.y()).arg(baselinePoint.y())));
        QVERIFY(errors->baselineSeries()->isVisible());
        QCOMPARE(errors->baselineSeries()->pen().style(), Qt::DashLine);
        QVERIFY(errors->baselineSeries()->pen().color() != errors->valueSeries()->pen().color());

        // Hover over the baseline's last point names it.
        errors->replotNow();
        QCoreApplication::processEvents();
        const QPointF inChart = errors->chart()->mapToPosition(baselinePoint, errors->valueSeries());
        const QPoint inView = errors->mapFromScene(errors->chart()->mapToScene(inChart));
        QMouseEvent move(QEvent::MouseMove, inView, errors->viewport()->mapToGlobal(inView), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(errors->viewport(), &move);
        QVERIFY2(errors->hoverText().startsWith(QStringLiteral("baseline · ")),
                 qPrintable(QStringLiteral("hover '%1', at %2,%3: '%4'; plot %5,%6 %7x%8")
                                .arg(errors->hoverText()).arg(inChart.x()).arg(inChart.y())
                                .arg(errors->hoverTextAt(inChart))
                                .arg(errors->chart()->plotArea().x()).arg(errors->chart()->plotArea().y())
                                .arg(errors->chart()->plotArea().width()).arg(errors->chart()->plotArea().height())
                            + QStringLiteral(" under: ") + QString::fromLatin1(view()->childAt(errors->viewport()->mapTo(view(), inView))
                                                                                   ? view()->childAt(errors->viewport()->mapTo(view(), inView))->metaObject()->className() : "none")));
        QVERIFY2(errors->hoverText().contains(QStringLiteral("error rate")), qPrintable(errors->hoverText()));

        const QImage image = view()->grab().toImage();
        QVERIFY(image.save(m_dir.filePath(QStringLiteral("monitoring-canary.png"))));
        if (qEnvironmentVariableIsSet("LOCKSTEP_KEEP_CANARY_PNG"))
            QVERIFY(image.save(QStringLiteral("/tmp/monitoring-canary.png")));
        QVERIFY(m_sim.setReleaseBad(QStringLiteral("webwaka-platform"), bad, false));
    }

    void cleanupTestCase()
    {
        m_console.close();
    }
};

QTEST_MAIN(TestMonitoringView)
#include "tst_monitoringview.moc"
