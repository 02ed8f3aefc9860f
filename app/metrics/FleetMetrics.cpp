#include "app/metrics/FleetMetrics.h"

#include "app/metrics/HistogramQuantile.h"
#include "app/metrics/MetricStore.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <map>

namespace lockstep {

namespace {

QString windowText(std::int64_t fromMs, std::int64_t toMs)
{
    return QStringLiteral("%1s window").arg(double(toMs - fromMs) / 1000.0);
}

} // namespace

FleetMetrics::FleetMetrics(const MetricStore &store, MetricDefinitions definitions, ExtrapolatedRate::Compat compat)
    : m_store(store)
    , m_definitions(std::move(definitions))
    , m_compat(compat)
{
}

Result<MetricReading> FleetMetrics::evaluate(const QString &metric, const QStringList &instances,
                                             std::int64_t fromMs, std::int64_t toMs) const
{
    if (instances.isEmpty())
        return MetricReading{std::nullopt, QStringLiteral("no instances to measure"), 0};
    if (metric == QLatin1String("request_rate"))
        return requestRates(instances, fromMs, toMs, false);
    if (metric == QLatin1String("error_rate"))
        return requestRates(instances, fromMs, toMs, true);
    if (metric == QLatin1String("queue_depth"))
        return queueDepth(instances, fromMs, toMs);
    if (const auto q = MetricDefinitions::latencyQuantile(metric))
        return latency(*q, instances, fromMs, toMs);
    return Error{QStringLiteral("unknown metric \"%1\"").arg(metric), {},
                 QStringLiteral("use request_rate, error_rate, queue_depth, pNN_latency, or a PromQL expression "
                                "with a Prometheus source")};
}

Result<FleetMetrics::Series> FleetMetrics::series(const QString &metric, const QStringList &instances,
                                                 std::int64_t fromMs, std::int64_t toMs, std::int64_t stepMs,
                                                 std::int64_t windowMs) const
{
    if (stepMs <= 0 || toMs < fromMs)
        return Error{QStringLiteral("invalid series range or step"), {}, {}};
    if ((toMs - fromMs) / stepMs > 1000000)
        return Error{QStringLiteral("more than 1,000,000 points requested"), {}, QStringLiteral("use a larger step")};
    Series out;
    for (std::int64_t t = fromMs; t <= toMs; t += stepMs) {
        const Result<MetricReading> r = evaluate(metric, instances, t - windowMs, t);
        if (!r)
            return r.error();
        out.timesMs.push_back(double(t));
        out.values.push_back(r->value.value_or(std::numeric_limits<double>::quiet_NaN()));
    }
    return out;
}

MetricReading FleetMetrics::requestRates(const QStringList &instances, std::int64_t fromMs, std::int64_t toMs,
                                         bool errorShare) const
{
    const QRegularExpression errorCodes(QRegularExpression::anchoredPattern(m_definitions.errorCodePattern));
    const std::string name = m_definitions.requestsCounter.toStdString();
    const std::string codeLabel = m_definitions.codeLabel.toStdString();
    double total = 0, errors = 0;
    int withData = 0;
    for (const QString &instance : instances) {
        bool any = false;
        m_store.forEachSeries(instance, name, fromMs, toMs,
                              [&](const SeriesLabels &series, const std::vector<TimedValue> &points) {
                                  const auto r = ExtrapolatedRate::rate(points, fromMs, toMs, m_compat);
                                  if (!r)
                                      return;
                                  any = true;
                                  total += *r;
                                  if (errorShare
                                      && errorCodes.match(QString::fromStdString(series.label(codeLabel))).hasMatch())
                                      errors += *r;
                              });
        withData += any ? 1 : 0;
    }
    const QString where = QStringLiteral("%1 of %2 instances, %3")
                              .arg(withData)
                              .arg(instances.size())
                              .arg(windowText(fromMs, toMs));
    if (withData == 0)
        return {std::nullopt, QStringLiteral("no %1 series with two samples in the window (%2)")
                                  .arg(m_definitions.requestsCounter, where), 0};
    if (!errorShare)
        return {total, where, withData};
    if (total <= 0)
        return {std::nullopt, QStringLiteral("no requests in the window (%1)").arg(where), withData};
    return {errors / total, where, withData};
}

MetricReading FleetMetrics::latency(double q, const QStringList &instances, std::int64_t fromMs,
                                    std::int64_t toMs) const
{
    const std::string name = m_definitions.latencyHistogram.toStdString() + "_bucket";
    std::map<double, double> perLe;   // sum by (le): the fleet's buckets are summed before the quantile
    int withData = 0;
    for (const QString &instance : instances) {
        bool any = false;
        m_store.forEachSeries(instance, name, fromMs, toMs,
                              [&](const SeriesLabels &series, const std::vector<TimedValue> &points) {
                                  bool ok = false;
                                  const std::string le = series.label("le");
                                  double bound = 0;
                                  if (le == "+Inf") {
                                      bound = std::numeric_limits<double>::infinity();
                                      ok = true;
                                  } else {
                                      bound = QString::fromStdString(le).toDouble(&ok);
                                  }
                                  const auto r = ExtrapolatedRate::rate(points, fromMs, toMs, m_compat);
                                  if (!ok || !r)
                                      return;
                                  any = true;
                                  perLe[bound] += *r;
                              });
        withData += any ? 1 : 0;
    }
    const QString where = QStringLiteral("%1 of %2 instances, %3")
                              .arg(withData)
                              .arg(instances.size())
                              .arg(windowText(fromMs, toMs));
    if (perLe.empty())
        return {std::nullopt, QStringLiteral("no %1 buckets with two samples in the window (%2)")
                                  .arg(m_definitions.latencyHistogram, where), 0};
    std::vector<HistogramBucket> buckets;
    buckets.reserve(perLe.size());
    for (const auto &[bound, rate] : perLe)
        buckets.push_back({bound, rate});
    const double value = histogramQuantile(q, std::move(buckets));
    if (std::isnan(value))
        return {std::nullopt, QStringLiteral("no observations in the window (%1)").arg(where), withData};
    return {value, where, withData};
}

MetricReading FleetMetrics::queueDepth(const QStringList &instances, std::int64_t fromMs, std::int64_t toMs) const
{
    const std::string name = m_definitions.queueGauge.toStdString();
    std::optional<double> worst;
    int withData = 0;
    for (const QString &instance : instances) {
        std::optional<double> instanceSum;
        // Several series (e.g. one per queue) of one instance add up to its depth.
        m_store.forEachSeries(instance, name, fromMs, toMs, [&](const SeriesLabels &, const std::vector<TimedValue> &p) {
            if (!p.empty())
                instanceSum = instanceSum.value_or(0) + p.back().value;
        });
        if (!instanceSum)
            continue;
        ++withData;
        worst = std::max(worst.value_or(*instanceSum), *instanceSum);
    }
    const QString where = QStringLiteral("max of %1 of %2 instances, %3")
                              .arg(withData)
                              .arg(instances.size())
                              .arg(windowText(fromMs, toMs));
    if (!worst)
        return {std::nullopt, QStringLiteral("no %1 samples in the window (%2)").arg(m_definitions.queueGauge, where), 0};
    return {worst, where, withData};
}

} // namespace lockstep
