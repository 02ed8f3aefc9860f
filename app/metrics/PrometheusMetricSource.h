#pragma once

#include "app/metrics/MetricDefinitions.h"
#include "app/metrics/MetricSource.h"

#include <QMap>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>

namespace lockstep {

// Gate readings from a Prometheus server through its HTTP API (/api/v1/query; /api/v1/query_range for
// charts). Each gate metric has a PromQL template; `{{selector}}` becomes the label matchers of the
// queried instances, `{{window}}` the window ("30000ms") and `{{quantile}}` the quantile of a pNN_latency
// gate. An instance's selector is its `metricsSource` when that is a label selector
// (`job="api",instance="10.0.0.5:9100"`), else `<instanceLabel>="<name>"`; several single-label
// selectors on the same label are merged into one regex matcher.
// Errors (timeout, connection, HTTP status, Prometheus "status":"error", unparsable JSON) are provider
// errors; an empty result or NaN is "no data".
class PrometheusMetricSource final : public QObject, public MetricSource
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl baseUrl;                                  // http://127.0.0.1:9090
        QString instanceLabel = QStringLiteral("instance");
        std::chrono::milliseconds timeout{std::chrono::seconds(10)};
        MetricDefinitions definitions;
        QMap<QString, QString> templates;              // metric name -> PromQL template (overrides defaults)
    };
    struct Point
    {
        QDateTime time;
        double value = 0;
    };
    using RangeCallback = std::function<void(const Result<QList<Point>> &)>;

    explicit PrometheusMetricSource(Options options, QObject *parent = nullptr);

    void read(const MetricQuery &query, QObject *context, Callback done) override;
    QString sourceName(const MetricQuery &) const override { return QStringLiteral("prometheus"); }
    // A range query of the gate metric (for charts): one point per `step` over [from, to].
    void readRange(const MetricQuery &query, std::chrono::milliseconds step, QObject *context, RangeCallback done);

    // The PromQL a query becomes, or why it cannot be built.
    Result<QString> promql(const MetricQuery &query) const;
    Result<QString> selector(const QList<Instance> &instances) const;
    QString defaultTemplate(const QString &metric) const;

private:
    void get(const QString &path, const QList<QPair<QString, QString>> &params, QObject *context,
             std::function<void(const Result<QJsonObject> &)> done);

    Options m_options;
    QNetworkAccessManager m_network;
};

} // namespace lockstep
