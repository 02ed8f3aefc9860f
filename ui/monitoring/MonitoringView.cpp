#include "ui/monitoring/MonitoringView.h"

#include "app/audit/AuditLog.h"
#include "app/metrics/MetricDefinitions.h"
#include "app/metrics/Scraper.h"
#include "models/Clock.h"
#include "models/itemmodels/FleetModel.h"
#include "models/store/RunRepository.h"
#include "ui/charts/MetricChart.h"
#include "ui/monitoring/LiveGateTable.h"
#include "ui/monitoring/RunMarkers.h"
#include "app/session/ConsoleSession.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace lockstep {

namespace {

constexpr int kFlushIntervalMs = 100;   // charts take updates at most 10 times a second
constexpr int kMarkerRefreshMs = 2000;

QString latencyTitle(const QString &metric)
{
    const double q = MetricDefinitions::latencyQuantile(metric).value_or(0.95);
    return MonitoringView::tr("p%1 latency (s)").arg(q * 100, 0, 'g', 4);
}

// The gate that judges `metric` (the first, if several do).
const GateSpec *gateFor(const QList<GateSpec> &gates, const std::function<bool(const QString &)> &matches)
{
    for (const GateSpec &g : gates)
        if (!g.promql && matches(g.metric))
            return &g;
    return nullptr;
}

void showGateOn(MetricChart *chart, const GateSpec *gate)
{
    if (!gate) {
        chart->setThreshold(std::nullopt);
        chart->setFailingBand(std::nullopt, std::nullopt);
        return;
    }
    switch (gate->comparison) {
    case Comparison::Below:
        chart->setThreshold(gate->threshold);
        chart->setFailingBand(gate->threshold, std::nullopt);
        break;
    case Comparison::Above:
        chart->setThreshold(gate->threshold);
        chart->setFailingBand(std::nullopt, gate->threshold);
        break;
    case Comparison::Between:
        chart->setThreshold(std::nullopt);
        chart->setFailingBand(gate->upper, gate->lower);
        break;
    }
}

} // namespace

MonitoringView::MonitoringView(const FleetModel *fleet, ConsoleSession *upgrades, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_fleet(fleet)
    , m_upgrades(upgrades)
    , m_product(new QComboBox(this))
    , m_run(new QComboBox(this))
    , m_scope(new QComboBox(this))
    , m_range(new QComboBox(this))
    , m_instances(new QListWidget(this))
    , m_status(new QLabel(this))
    , m_chartStack(new QStackedWidget(this))
    , m_emptyState(new QLabel(this))
    , m_errorChart(new MetricChart(tr("Error rate (share of 5xx)"), this))
    , m_latencyChart(new MetricChart(latencyTitle(QStringLiteral("p95_latency")), this))
    , m_queueChart(new MetricChart(tr("Queue depth"), this))
    , m_gateCaption(new QLabel(this))
    , m_gateEmpty(new QLabel(this))
    , m_gates(new LiveGateTable(this))
{
    setObjectName(QStringLiteral("monitoringView"));
    setWindowTitle(tr("Monitoring — Lockstep"));
    m_product->setObjectName(QStringLiteral("monitorProduct"));
    m_run->setObjectName(QStringLiteral("monitorRun"));
    m_scope->setObjectName(QStringLiteral("monitorScope"));
    m_range->setObjectName(QStringLiteral("monitorRange"));
    m_instances->setObjectName(QStringLiteral("monitorInstances"));
    m_status->setObjectName(QStringLiteral("monitorStatus"));
    m_emptyState->setObjectName(QStringLiteral("monitorEmptyState"));
    m_errorChart->setObjectName(QStringLiteral("monitorErrorRate"));
    m_latencyChart->setObjectName(QStringLiteral("monitorLatency"));
    m_queueChart->setObjectName(QStringLiteral("monitorQueueDepth"));
    m_gateCaption->setObjectName(QStringLiteral("monitorGateCaption"));
    m_gateEmpty->setObjectName(QStringLiteral("monitorGateEmpty"));
    m_errorChart->setValueLabel(tr("error rate"), MetricChart::Unit::Ratio);
    m_latencyChart->setValueLabel(tr("p95"), MetricChart::Unit::Seconds);
    m_queueChart->setValueLabel(tr("queue depth"), MetricChart::Unit::Count);

    m_product->setMinimumContentsLength(16);
    m_run->setMinimumContentsLength(40);
    m_run->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scope->setMinimumContentsLength(22);
    m_range->addItem(tr("Last minute"), 60 * 1000);
    m_range->addItem(tr("Last 5 minutes"), 5 * 60 * 1000);
    m_range->addItem(tr("Last 15 minutes"), 15 * 60 * 1000);
    m_range->addItem(tr("Last hour"), 60 * 60 * 1000);
    m_range->addItem(tr("Last 6 hours"), 6 * 60 * 60 * 1000);
    m_range->addItem(tr("Last 24 hours"), 24 * 60 * 60 * 1000);
    m_range->setToolTip(tr("How far back the charts reach; older points stay in memory up to 24 hours."));
    m_instances->setToolTip(tr("The instances whose metrics are summed into the charts (tick them, or choose a wave above)."));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setText(tr("Pick instances on the left, or choose all of the product or a run's wave above, "
                             "to watch their error rate, latency and queue depth."));
    m_gateEmpty->setWordWrap(true);
    m_gateCaption->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    auto addField = [&](const QString &label, QWidget *field) {
        auto *l = new QLabel(label, this);
        l->setBuddy(field);
        bar->addWidget(l);
        bar->addWidget(field);
        bar->addSpacing(10);
    };
    addField(tr("&Product:"), m_product);
    addField(tr("R&un:"), m_run);
    addField(tr("&Watch:"), m_scope);
    addField(tr("&Time range:"), m_range);
    bar->addStretch(1);

    auto *instancesPane = new QWidget(this);
    auto *instancesLayout = new QVBoxLayout(instancesPane);
    instancesLayout->setContentsMargins(0, 0, 0, 0);
    auto *instancesLabel = new QLabel(tr("&Instances"), instancesPane);
    instancesLabel->setBuddy(m_instances);
    instancesLayout->addWidget(instancesLabel);
    instancesLayout->addWidget(m_instances, 1);

    auto *charts = new QWidget(this);
    auto *chartsLayout = new QVBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->setSpacing(4);
    for (MetricChart *c : {m_errorChart, m_latencyChart, m_queueChart}) {
        c->setMinimumHeight(160);
        chartsLayout->addWidget(c, 1);
    }
    m_chartStack->addWidget(m_emptyState);
    m_chartStack->addWidget(charts);

    auto *gatePane = new QWidget(this);
    auto *gateLayout = new QVBoxLayout(gatePane);
    gateLayout->setContentsMargins(0, 0, 0, 0);
    gateLayout->addWidget(m_gateCaption);
    gateLayout->addWidget(m_gateEmpty);
    gateLayout->addWidget(m_gates, 1);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("monitorRightSplitter"));
    right->addWidget(m_chartStack);
    right->addWidget(gatePane);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 0);
    right->setSizes({720, 150});   // the charts get the room; the gate table its rows (LiveGateTable)
    right->setChildrenCollapsible(false);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("monitorSplitter"));
    split->addWidget(instancesPane);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({240, 1000});
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    resize(1280, 900);

    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &MonitoringView::flush);
    // Ticking several boxes in a row starts one watch, not one per tick.
    m_rewatchTimer.setSingleShot(true);
    m_rewatchTimer.setInterval(150);
    connect(&m_rewatchTimer, &QTimer::timeout, this, &MonitoringView::watchPicked);
    connect(m_product, &QComboBox::currentIndexChanged, this, &MonitoringView::onProductChanged);
    connect(m_run, &QComboBox::currentIndexChanged, this, &MonitoringView::onRunChanged);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &MonitoringView::onScopeChanged);
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] { m_rewatchTimer.start(); });
    connect(m_instances, &QListWidget::itemChanged, this, [this] {
        if (m_filling)
            return;
        m_scope->setCurrentIndex(PickedInstances);
        m_rewatchTimer.start();
    });

    startWorker(m_options);
    m_range->setCurrentIndex(2);   // 15 minutes: an upgrade and its aftermath
    refreshProducts();
}

MonitoringView::~MonitoringView()
{
    stopWorker();
}

void MonitoringView::startWorker(const LiveMetrics::Options &options)
{
    m_options = options;
    m_worker = new LiveMetrics(options);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &LiveMetrics::updated, this, &MonitoringView::onUpdate);
    m_thread.setObjectName(QStringLiteral("lockstep-monitoring"));
    m_thread.start();
}

void MonitoringView::stopWorker()
{
    if (!m_worker)
        return;
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;   // deleted on its thread as the thread finished
}

void MonitoringView::setOptions(const LiveMetrics::Options &options)
{
    stopWorker();
    startWorker(options);
    if (isVisible())
        watchPicked();
}

void MonitoringView::showMonitoring()
{
    refreshProducts();
    refreshRuns();
    show();
    raise();
    activateWindow();
}

void MonitoringView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    watchPicked();
}

void MonitoringView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    // Nobody is looking: stop scraping until the window comes back.
    if (LiveMetrics *worker = m_worker)
        QMetaObject::invokeMethod(worker, [worker] { worker->stop(); }, Qt::QueuedConnection);
}

void MonitoringView::refreshProducts()
{
    std::set<QString> products;
    for (int row = 0; row < m_fleet->rowCount(); ++row)
        products.insert(m_fleet->rowAt(row).instance.product);
    const QString current = m_product->currentText();
    QStringList names;
    for (const QString &p : products)
        if (!p.isEmpty())
            names << p;
    QStringList shown;
    for (int i = 0; i < m_product->count(); ++i)
        shown << m_product->itemText(i);
    if (names == shown)
        return;
    {
        const QSignalBlocker block(m_product);
        m_product->clear();
        for (const QString &name : std::as_const(names))
            m_product->addItem(name, name);
        m_product->setCurrentIndex(std::max(0, int(names.indexOf(current))));
    }
    onProductChanged();
}

void MonitoringView::refreshRuns()
{
    const QSignalBlocker block(m_run);
    const qint64 current = m_run->currentData().toLongLong();
    m_run->clear();
    m_run->addItem(tr("No run — live instances"), 0);
    if (m_upgrades && m_upgrades->isOpen()) {
        if (const auto runs = m_upgrades->runtime()->runs().list(100)) {
            for (const RunRecord &r : *runs) {
                if (r.product != m_product->currentText())
                    continue;
                m_run->addItem(tr("Run %1 · → %2 · %3 · %4")
                                   .arg(r.id)
                                   .arg(r.targetVersion, runStateName(r.state),
                                        QLocale().toString(r.createdAt.toLocalTime(), QLocale::ShortFormat)),
                               r.id);
            }
        }
    }
    m_run->setCurrentIndex(std::max(0, m_run->findData(current)));
}

void MonitoringView::onProductChanged()
{
    refreshRuns();
    onRunChanged();
}

void MonitoringView::onRunChanged()
{
    m_storedRun.reset();
    const qint64 runId = m_run->currentData().toLongLong();
    const QString product = m_product->currentText();
    QList<Instance> instances;
    {
        const QSignalBlocker block(m_scope);
        m_scope->clear();
        m_scope->addItem(tr("Picked instances"));
    }
    if (runId > 0 && m_upgrades && m_upgrades->isOpen()) {
        auto run = MonitoringSources::loadRun(m_upgrades->runtime()->runs(), runId);
        if (!run) {
            m_status->setText(tr("Run %1 could not be read from the store: %2").arg(runId).arg(run.error().toString()));
        } else {
            m_storedRun = *run;
            for (const Wave &w : m_storedRun->plan.waves)
                instances += w.instances;
            m_gateSpecs = m_storedRun->plan.runbook.gates;
            m_gateCaption->setText(tr("Gates of run %1 (runbook “%2”), judged live on the watched instances.")
                                       .arg(runId)
                                       .arg(m_storedRun->plan.runbook.id));
            m_gateEmpty->setText(tr("Run %1's runbook has no gates: the charts show the metrics without a threshold.").arg(runId));
        }
    }
    if (!m_storedRun) {
        for (int row = 0; row < m_fleet->rowCount(); ++row)
            if (m_fleet->rowAt(row).instance.product == product)
                instances << m_fleet->rowAt(row).instance;
        const MonitoringSources::ProductGates gates = MonitoringSources::bundledGates(product);
        m_gateSpecs = gates.gates;
        m_gateCaption->setText(tr("Between-wave gates of runbook “%1”, judged live on the watched instances "
                                  "(no run: failures count over the gates' own intervals).").arg(gates.runbookId));
        m_gateEmpty->setText(tr("No gates: no bundled runbook for %1 defines gates between waves. "
                                "The charts show the metrics without a threshold; choose a run to see its gates.")
                                 .arg(product.isEmpty() ? tr("this product") : product));
    }
    {
        const QSignalBlocker block(m_scope);
        m_scope->addItem(tr("All %1 instances").arg(instances.size()));
        if (m_storedRun)
            for (const Wave &w : m_storedRun->plan.waves)
                m_scope->addItem(tr("Wave %1 · %2 (%3)").arg(QString::number(w.index + 1), w.name, QString::number(w.instances.size())));
    }
    const bool noGates = m_gateSpecs.isEmpty();
    m_gateEmpty->setVisible(noGates);
    m_gateCaption->setVisible(!noGates);
    m_gates->setVisible(!noGates);
    m_gates->setRowCount(0);
    fillInstances(instances);
    applyGatesToCharts();
    m_sinceMarkers.invalidate();
    refreshMarkers();
    m_rewatchTimer.start();
}

void MonitoringView::onScopeChanged()
{
    const int scope = m_scope->currentIndex();
    if (scope == PickedInstances)
        return;
    QSet<QString> names;
    if (scope == AllInstances) {
        for (const Instance &i : std::as_const(m_candidates))
            names.insert(i.name);
    } else if (m_storedRun && scope - FirstWave < m_storedRun->plan.waves.size()) {
        for (const Instance &i : m_storedRun->plan.waves[scope - FirstWave].instances)
            names.insert(i.name);
    }
    m_filling = true;
    for (int row = 0; row < m_instances->count(); ++row) {
        QListWidgetItem *item = m_instances->item(row);
        item->setCheckState(names.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    m_filling = false;
    m_rewatchTimer.start();
}

void MonitoringView::fillInstances(const QList<Instance> &instances)
{
    QSet<QString> checked;
    for (const Instance &i : pickedInstances())
        checked.insert(i.name);
    m_candidates = instances;
    m_filling = true;
    m_instances->clear();
    for (const Instance &i : instances) {
        auto *item = new QListWidgetItem(i.environment.isEmpty() ? i.name : tr("%1  (%2)").arg(i.name, i.environment), m_instances);
        item->setData(Qt::UserRole, i.name);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(checked.contains(i.name) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(Scraper::targetFor(i).url.toString());
    }
    m_filling = false;
}

QList<Instance> MonitoringView::pickedInstances() const
{
    QList<Instance> out;
    for (int row = 0; row < m_instances->count(); ++row) {
        const QListWidgetItem *item = m_instances->item(row);
        if (item->checkState() != Qt::Checked)
            continue;
        const QString name = item->data(Qt::UserRole).toString();
        for (const Instance &i : m_candidates)
            if (i.name == name)
                out << i;
    }
    return out;
}

qint64 MonitoringView::rangeMs() const
{
    return m_range->currentData().toLongLong();
}

void MonitoringView::applyGatesToCharts()
{
    const GateSpec *latency = gateFor(m_gateSpecs, [](const QString &m) { return MetricDefinitions::latencyQuantile(m).has_value(); });
    const QString latencyMetric = latency ? latency->metric : QStringLiteral("p95_latency");
    m_latencyChart->chart()->setTitle(latencyTitle(latencyMetric));
    m_latencyChart->setValueLabel(tr("p%1").arg(MetricDefinitions::latencyQuantile(latencyMetric).value_or(0.95) * 100, 0, 'g', 4),
                                  MetricChart::Unit::Seconds);
    showGateOn(m_errorChart, gateFor(m_gateSpecs, [](const QString &m) { return m == QLatin1String("error_rate"); }));
    showGateOn(m_latencyChart, latency);
    showGateOn(m_queueChart, gateFor(m_gateSpecs, [](const QString &m) { return m == QLatin1String("queue_depth"); }));
}

void MonitoringView::watchPicked()
{
    m_rewatchTimer.stop();
    if (!m_worker || !isVisible())
        return;
    const QList<Instance> picked = pickedInstances();
    const quint64 generation = ++m_generation;
    m_pending.clear();
    m_chartStack->setCurrentIndex(picked.isEmpty() ? 0 : 1);
    if (picked.isEmpty())
        m_status->setText(tr("Not scraping: no instances picked."));
    else
        m_status->setText(tr("Scraping %n instance(s) every %1 s …", nullptr, int(picked.size()))
                              .arg(double(m_options.scrapeInterval.count()) / 1000.0));
    LiveMetrics *worker = m_worker;
    const QList<GateSpec> gates = m_gateSpecs;
    const qint64 range = rangeMs();
    // A run's wave is the canary; the run's instances in later waves (not upgraded yet) its baseline.
    QList<Instance> baseline;
    QString name = picked.size() == 1 ? picked.first().name : tr("%1 instances").arg(picked.size());
    const int wave = m_scope->currentIndex() - FirstWave;
    if (m_storedRun && wave >= 0 && wave < m_storedRun->plan.waves.size()) {
        for (qsizetype w = wave + 1; w < m_storedRun->plan.waves.size(); ++w)
            baseline += m_storedRun->plan.waves[w].instances;
        //: the chart series of the watched wave's instances, compared with the not yet upgraded ones
        name = tr("canary (wave %1)").arg(wave + 1);
    }
    for (MetricChart *c : {m_errorChart, m_latencyChart, m_queueChart}) {
        c->setSeriesName(name);
        c->clearBaseline();
    }
    QMetaObject::invokeMethod(worker, [worker, generation, picked, gates, range, baseline] {
        worker->watch(generation, picked, gates, range, baseline);
    }, Qt::QueuedConnection);
}

void MonitoringView::onUpdate(const LiveMetricsUpdate &update)
{
    if (update.generation != m_generation)
        return;   // answers a selection that has changed since
    m_pending.append(update);
    if (!m_flushTimer.isActive()) {
        const qint64 since = m_sinceFlush.isValid() ? m_sinceFlush.elapsed() : kFlushIntervalMs;
        m_flushTimer.start(int(std::max<qint64>(0, kFlushIntervalMs - since)));
    }
}

void MonitoringView::flush()
{
    if (m_pending.isEmpty())
        return;
    const QList<LiveMetricsUpdate> batch = std::exchange(m_pending, {});
    MetricChart *charts[] = {m_errorChart, m_latencyChart, m_queueChart};
    for (const LiveMetricsUpdate &u : batch) {
        const std::vector<double> *values[] = {&u.errorRate, &u.latency, &u.queueDepth};
        const std::vector<double> *baseline[] = {&u.baselineErrorRate, &u.baselineLatency, &u.baselineQueueDepth};
        const bool hasBaseline = !u.baselineErrorRate.empty();
        for (int c = 0; c < 3; ++c) {
            if (u.replace) {
                charts[c]->setPoints(u.timesMs, *values[c]);
                if (hasBaseline)
                    //: the chart series of a run's instances not upgraded yet
                    charts[c]->setBaseline(tr("baseline"), u.timesMs, *baseline[c]);
                else
                    charts[c]->clearBaseline();
            } else {
                for (std::size_t i = 0; i < u.timesMs.size(); ++i) {
                    const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(u.timesMs[i]), Qt::UTC);
                    charts[c]->appendPoint(at, (*values[c])[i]);
                    if (hasBaseline)
                        charts[c]->appendBaselinePoint(at, (*baseline[c])[i]);
                }
            }
        }
        if (u.replace || m_gates->rowCount() != u.gates.size())
            m_gates->setGates(u.gates);
        else
            m_gates->updateGates(u.gates);
    }
    const LiveMetricsUpdate &last = batch.last();
    const QDateTime to = last.at;
    for (MetricChart *c : charts) {
        c->setTimeRange(to.addMSecs(-rangeMs()), to);
        c->replotNow();
    }
    if (!last.replace) {
        QString text = tr("Scraping %1 of %2 instances every %3 s · last round %4")
                           .arg(last.answered)
                           .arg(last.instances)
                           .arg(double(m_options.scrapeInterval.count()) / 1000.0)
                           .arg(QLocale().toString(to.toLocalTime().time(), QStringLiteral("HH:mm:ss")));
        if (!last.scrapeErrors.isEmpty())
            text += tr(" · %n failed: %1", nullptr, int(last.scrapeErrors.size())).arg(last.scrapeErrors.first());
        m_status->setText(text);
    }
    if (m_storedRun && (!m_sinceMarkers.isValid() || m_sinceMarkers.elapsed() >= kMarkerRefreshMs))
        refreshMarkers();
    ++m_batches;
    m_sinceFlush.restart();
}

void MonitoringView::refreshMarkers()
{
    QList<ChartMarker> markers;
    if (m_storedRun && m_upgrades && m_upgrades->auditLog()) {
        AuditFilter filter;
        filter.runId = QString::number(m_storedRun->record.id);
        if (const auto events = m_upgrades->auditLog()->query(filter))
            markers = RunMarkers::fromAudit(*events);
    }
    for (MetricChart *c : {m_errorChart, m_latencyChart, m_queueChart})
        c->setMarkers(markers);
    m_sinceMarkers.restart();
}

} // namespace lockstep
