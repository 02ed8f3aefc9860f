#include "app/metrics/PrometheusMetricSource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

#include <cmath>

namespace lockstep {

namespace {

// A label matcher `name="value"` (the only form that can be merged across instances).
const QRegularExpression &singleMatcher()
{
    static const QRegularExpression re(QStringLiteral("^\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$"));
    return re;
}

QString escapeLabelValue(const QString &value)
{
    QString out = value;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return out;
}

QString unescapeLabelValue(const QString &literal)
{
    QString out;
    for (qsizetype i = 0; i < literal.size(); ++i) {
        if (literal[i] == QLatin1Char('\\') && i + 1 < literal.size())
            ++i;
        out += literal[i];
    }
    return out;
}

// Quotes the metacharacters of RE2 (Prometheus's regex syntax) so a value matches only itself.
QString regexQuote(const QString &value)
{
    static const QString meta = QStringLiteral("\\.+*?()|[]{}^$");
    QString out;
    for (const QChar c : value) {
        if (meta.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

QString seconds(const QDateTime &t)
{
    return QString::number(double(t.toMSecsSinceEpoch()) / 1000.0, 'f', 3);
}

// A Prometheus sample value: [time, "value"].
std::optional<double> sampleValue(const QJsonValue &pair)
{
    const QJsonArray a = pair.toArray();
    if (a.size() != 2 || !a.at(1).isString())
        return std::nullopt;
    const QString text = a.at(1).toString();
    if (text == QLatin1String("NaN"))
        return std::numeric_limits<double>::quiet_NaN();
    if (text == QLatin1String("+Inf"))
        return std::numeric_limits<double>::infinity();
    if (text == QLatin1String("-Inf"))
        return -std::numeric_limits<double>::infinity();
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

} // namespace

PrometheusMetricSource::PrometheusMetricSource(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

QString PrometheusMetricSource::defaultTemplate(const QString &metric) const
{
    const MetricDefinitions &d = m_options.definitions;
    if (metric == QLatin1String("request_rate"))
        return QStringLiteral("sum(rate(%1{{{selector}}}[{{window}}]))").arg(d.requestsCounter);
    if (metric == QLatin1String("error_rate"))
        return QStringLiteral("(sum(rate(%1{{{selector}},%2=~\"%3\"}[{{window}}])) or vector(0))"
                              " / sum(rate(%1{{{selector}}}[{{window}}]))")
            .arg(d.requestsCounter, d.codeLabel, escapeLabelValue(d.errorCodePattern));
    if (metric == QLatin1String("queue_depth"))
        return QStringLiteral("max(sum by (%1) (%2{{{selector}}}))").arg(m_options.instanceLabel, d.queueGauge);
    if (MetricDefinitions::latencyQuantile(metric))
        return QStringLiteral("histogram_quantile({{quantile}}, sum by (le) (rate(%1_bucket{{{selector}}}[{{window}}])))")
            .arg(d.latencyHistogram);
    return {};
}

Result<QString> PrometheusMetricSource::selector(const QList<Instance> &instances) const
{
    if (instances.isEmpty())
        return Error{QStringLiteral("no instances to build a PromQL selector for"), {}, {}};
    QStringList selectors;
    for (const Instance &i : instances) {
        QString s = i.metricsSource.trimmed();
        if (s.startsWith(QLatin1Char('{')) && s.endsWith(QLatin1Char('}')))
            s = s.mid(1, s.size() - 2).trimmed();
        if (s.isEmpty() || s == QLatin1String("scrape"))
            s = QStringLiteral("%1=\"%2\"").arg(m_options.instanceLabel, escapeLabelValue(i.name));
        selectors.append(s);
    }
    if (selectors.size() == 1)
        return selectors.first();
    QString label;
    QStringList values;
    for (const QString &s : std::as_const(selectors)) {
        const QRegularExpressionMatch m = singleMatcher().match(s);
        if (!m.hasMatch() || (!label.isEmpty() && m.captured(1) != label))
            return Error{QStringLiteral("cannot merge the selectors of %1 instances into one PromQL selector (\"%2\")")
                             .arg(instances.size())
                             .arg(s),
                         {}, QStringLiteral("give every instance a selector on the same label, e.g. instance=\"...\"")};
        label = m.captured(1);
        values.append(escapeLabelValue(regexQuote(unescapeLabelValue(m.captured(2)))));
    }
    return QStringLiteral("%1=~\"%2\"").arg(label, values.join(QLatin1Char('|')));
}

Result<QString> PrometheusMetricSource::promql(const MetricQuery &query) const
{
    QString text = query.promql ? query.metric : m_options.templates.value(query.metric, defaultTemplate(query.metric));
    if (text.isEmpty())
        return Error{QStringLiteral("no PromQL for metric \"%1\"").arg(query.metric), {},
                     QStringLiteral("use a known metric or mark the gate's metric as PromQL")};
    if (text.contains(QLatin1String("{{selector}}"))) {
        const Result<QString> sel = selector(query.instances);
        if (!sel)
            return sel.error();
        text.replace(QLatin1String("{{selector}}"), *sel);
    }
    const qint64 windowMs = std::max<qint64>(1, query.from.msecsTo(query.to));
    text.replace(QLatin1String("{{window}}"), QStringLiteral("%1ms").arg(windowMs));
    if (const auto q = MetricDefinitions::latencyQuantile(query.metric))
        text.replace(QLatin1String("{{quantile}}"), QString::number(*q, 'g', 6));
    return text;
}

void PrometheusMetricSource::read(const MetricQuery &query, QObject *context, Callback done)
{
    const Result<QString> expr = promql(query);
    if (!expr) {
        QTimer::singleShot(0, context, [done, e = expr.error()] { done(e); });
        return;
    }
    const QString expression = *expr;
    get(QStringLiteral("/api/v1/query"), {{QStringLiteral("query"), expression}, {QStringLiteral("time"), seconds(query.to)}},
        context, [done, expression](const Result<QJsonObject> &data) {
            if (!data)
                return done(data.error());
            const QString type = data->value(QStringLiteral("resultType")).toString();
            const QJsonValue result = data->value(QStringLiteral("result"));
            std::optional<double> value;
            int series = 0;
            if (type == QLatin1String("scalar")) {
                value = sampleValue(result);
                series = 1;
                if (!value)
                    return done(Error{QStringLiteral("unparsable scalar in Prometheus answer"), expression, {}});
            } else if (type == QLatin1String("vector")) {
                const QJsonArray vector = result.toArray();
                for (const QJsonValue &element : vector) {
                    const auto v = sampleValue(element.toObject().value(QStringLiteral("value")));
                    if (!v)
                        return done(Error{QStringLiteral("unparsable sample in Prometheus answer"), expression, {}});
                    ++series;
                    if (!std::isnan(*v))
                        value = std::max(value.value_or(*v), *v);
                }
            } else {
                return done(Error{QStringLiteral("unexpected result type \"%1\" (a gate needs an instant vector or "
                                                 "scalar)")
                                      .arg(type),
                                  expression, {}});
            }
            if (series == 0)
                return done(MetricReading{std::nullopt, QStringLiteral("the query returned no series: %1").arg(expression), 0});
            if (!value || std::isnan(*value))
                return done(MetricReading{std::nullopt, QStringLiteral("the query returned NaN: %1").arg(expression), 0});
            const QString detail = series == 1 ? QStringLiteral("Prometheus") : QStringLiteral("Prometheus, max of %1 series").arg(series);
            done(MetricReading{value, detail, series});
        });
}

void PrometheusMetricSource::readRange(const MetricQuery &query, std::chrono::milliseconds step, QObject *context,
                                       RangeCallback done)
{
    const Result<QString> expr = promql(query);
    if (!expr) {
        QTimer::singleShot(0, context, [done, e = expr.error()] { done(e); });
        return;
    }
    const QString expression = *expr;
    get(QStringLiteral("/api/v1/query_range"),
        {{QStringLiteral("query"), expression},
         {QStringLiteral("start"), seconds(query.from)},
         {QStringLiteral("end"), seconds(query.to)},
         {QStringLiteral("step"), QString::number(double(step.count()) / 1000.0, 'f', 3)}},
        context, [done, expression](const Result<QJsonObject> &data) {
            if (!data)
                return done(data.error());
            if (data->value(QStringLiteral("resultType")).toString() != QLatin1String("matrix"))
                return done(Error{QStringLiteral("expected a matrix from query_range"), expression, {}});
            QList<Point> points;
            const QJsonArray matrix = data->value(QStringLiteral("result")).toArray();
            if (matrix.size() > 1)
                return done(Error{QStringLiteral("query_range returned %1 series; a chart line needs one").arg(matrix.size()),
                                  expression, QStringLiteral("aggregate the expression, e.g. with sum()")});
            for (const QJsonValue &series : matrix) {
                for (const QJsonValue &pair : series.toObject().value(QStringLiteral("values")).toArray()) {
                    const auto v = sampleValue(pair);
                    if (!v)
                        return done(Error{QStringLiteral("unparsable sample in Prometheus answer"), expression, {}});
                    const qint64 ms = qint64(std::llround(pair.toArray().at(0).toDouble() * 1000));
                    points.append({QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC), *v});
                }
            }
            done(points);
        });
}

void PrometheusMetricSource::get(const QString &path, const QList<QPair<QString, QString>> &params, QObject *context,
                                 std::function<void(const Result<QJsonObject> &)> done)
{
    QUrl url = m_options.baseUrl;
    url.setPath(url.path() + path);
    // Encoded by hand: PromQL is full of '+', '{', '"' and '=' that must reach Prometheus verbatim.
    QByteArray query;
    for (const auto &[k, v] : params) {
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v);
    }
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(int(m_options.timeout.count()));
    QNetworkReply *reply = m_network.get(request);
    const QString where = m_options.baseUrl.toString() + path;
    const qint64 timeoutMs = m_options.timeout.count();
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, context, [reply, done, where, timeoutMs, guard] {
        reply->deleteLater();
        if (!guard)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
        if (reply->error() == QNetworkReply::OperationCanceledError)
            return done(Error{QStringLiteral("Prometheus did not answer within %1 ms").arg(timeoutMs), where,
                              QStringLiteral("check the Prometheus server")});
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (status == 0)
            return done(Error{QStringLiteral("cannot reach Prometheus: %1").arg(reply->errorString()), where,
                              QStringLiteral("check the Prometheus URL and that the server runs")});
        if (doc.isObject() && doc.object().value(QStringLiteral("status")).toString() == QLatin1String("error"))
            return done(Error{QStringLiteral("Prometheus answered HTTP %1: %2: %3")
                                  .arg(status)
                                  .arg(doc.object().value(QStringLiteral("errorType")).toString(),
                                       doc.object().value(QStringLiteral("error")).toString()),
                              where, {}});
        if (status != 200)
            return done(Error{QStringLiteral("Prometheus answered HTTP %1").arg(status), where, {}});
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return done(Error{QStringLiteral("unparsable answer from Prometheus: %1").arg(parseError.errorString()),
                              where, {}});
        if (doc.object().value(QStringLiteral("status")).toString() != QLatin1String("success")
            || !doc.object().value(QStringLiteral("data")).isObject())
            return done(Error{QStringLiteral("unexpected answer from Prometheus (no \"status\":\"success\" with data)"),
                              where, {}});
        done(doc.object().value(QStringLiteral("data")).toObject());
    });
}

} // namespace lockstep
