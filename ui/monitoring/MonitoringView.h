#pragma once

#include "app/session/ConsoleSession.h"
#include "app/metrics/LiveMetrics.h"
#include "ui/monitoring/MonitoringSources.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace lockstep {

class FleetModel;
class LiveGateTable;
class MetricChart;

// Post-upgrade monitoring, with or without a run: the operator picks a product and instances (or a
// run and one of its waves) and sees error rate, latency and queue depth over the group, live from
// the instances' /metrics, with the gates that apply (thresholds and failing bands on the charts, a
// gate panel judging them live) and, for a run, its events as markers (upgrade start and end, waves,
// approvals, rollbacks, from the store's audit log).
// Scraping and deriving run on a worker thread (LiveMetrics); the charts take its updates in batches,
// at most 10 per second.
class MonitoringView : public QWidget
{
    Q_OBJECT
public:
    enum Scope { PickedInstances, AllInstances, FirstWave };   // the scope box: picked, all, then wave 1, 2 ...

    MonitoringView(const FleetModel *fleet, ConsoleSession *upgrades, QWidget *parent = nullptr);
    ~MonitoringView() override;

    // Scrape interval and windows of the worker (tests use short ones); restarts it.
    void setOptions(const LiveMetrics::Options &options);
    // Reloads products and runs (the fleet or the store may have changed) and brings the window up.
    void showMonitoring();

    MetricChart *errorRateChart() const { return m_errorChart; }
    MetricChart *latencyChart() const { return m_latencyChart; }
    MetricChart *queueDepthChart() const { return m_queueChart; }
    LiveGateTable *gateTable() const { return m_gates; }
    int batchesApplied() const { return m_batches; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void startWorker(const LiveMetrics::Options &options);
    void stopWorker();
    void refreshProducts();
    void refreshRuns();
    void onProductChanged();
    void onRunChanged();
    void onScopeChanged();
    void fillInstances(const QList<Instance> &instances);
    void applyGatesToCharts();
    void watchPicked();
    void onUpdate(const LiveMetricsUpdate &update);
    void flush();
    void refreshMarkers();
    QList<Instance> pickedInstances() const;
    qint64 rangeMs() const;

    const FleetModel *m_fleet;
    QPointer<ConsoleSession> m_upgrades;
    LiveMetrics::Options m_options;
    QThread m_thread;
    LiveMetrics *m_worker = nullptr;
    quint64 m_generation = 0;

    QComboBox *m_product;
    QComboBox *m_run;
    QComboBox *m_scope;
    QComboBox *m_range;
    QListWidget *m_instances;
    QLabel *m_status;
    QStackedWidget *m_chartStack;
    QLabel *m_emptyState;
    MetricChart *m_errorChart;
    MetricChart *m_latencyChart;
    MetricChart *m_queueChart;
    QLabel *m_gateCaption;
    QLabel *m_gateEmpty;
    LiveGateTable *m_gates;

    QList<Instance> m_candidates;            // what the instance list offers
    std::optional<MonitoringSources::StoredRun> m_storedRun;
    QList<GateSpec> m_gateSpecs;
    QList<LiveMetricsUpdate> m_pending;
    QTimer m_flushTimer;
    QTimer m_rewatchTimer;
    QElapsedTimer m_sinceFlush;
    QElapsedTimer m_sinceMarkers;
    int m_batches = 0;
    bool m_filling = false;
};

} // namespace lockstep
