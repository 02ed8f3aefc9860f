#include "tests/e2e/peers/clustersim/ClusterHttp.h"

#include "tests/e2e/peers/clustersim/ClusterState.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace lockstep::test::clustersim {

namespace {

using Method = QHttpServerRequest::Method;

void send(QHttpServerResponder &responder, const QJsonObject &body, int status = 200)
{
    responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json",
                    static_cast<QHttpServerResponder::StatusCode>(status));
}

void sendError(QHttpServerResponder &responder, int status, const QString &message)
{
    send(responder, QJsonObject{{QStringLiteral("error"), message}}, status);
}

QJsonObject body(const QHttpServerRequest &request)
{
    return QJsonDocument::fromJson(request.body()).object();
}

} // namespace

ClusterHttp::ClusterHttp(ClusterState *state, QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_server(new QHttpServer(this))
{
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        dispatch(request, std::move(responder));
    });
}

quint16 ClusterHttp::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

void ClusterHttp::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    m_state->refresh();
    const QStringList path = request.url().path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const bool get = request.method() == Method::Get;
    if (path == QStringList{QStringLiteral("cluster"), QStringLiteral("health")} && get)
        return send(responder, m_state->health());
    if (path == QStringList{QStringLiteral("cluster"), QStringLiteral("settings")}) {
        if (get)
            return send(responder, m_state->settings());
        if (request.method() != Method::Put)
            return sendError(responder, 405, QStringLiteral("GET or PUT /cluster/settings"));
        if (const QString error = m_state->setAllocation(body(request).value(QStringLiteral("allocation")).toString());
            !error.isEmpty())
            return sendError(responder, 400, error);
        return send(responder, m_state->settings());
    }
    if (path == QStringList{QStringLiteral("chat")} && request.method() == Method::Post) {
        // The team's chat webhook, hosted here so a test can count the announcements.
        const QString text = body(request).value(QStringLiteral("text")).toString();
        if (text.isEmpty())
            return sendError(responder, 400, QStringLiteral("a chat message needs \"text\""));
        m_state->notify(text);
        return send(responder, QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (path.value(0) == QLatin1String("nodes") && path.size() == 1 && get)
        return send(responder, QJsonObject{{QStringLiteral("nodes"), m_state->nodesJson()}});
    if (path.value(0) == QLatin1String("nodes") && path.size() >= 2)
        return node(path, request, std::move(responder));
    if (path == QStringList{QStringLiteral("releases.json")} && get)
        return send(responder, QJsonObject{{QStringLiteral("product"), QStringLiteral("kv-cluster")},
                                           {QStringLiteral("releases"), m_state->releases()}});
    if (path == QStringList{QStringLiteral("admin"), QStringLiteral("record")} && get)
        return send(responder, m_state->record());
    if (path == QStringList{QStringLiteral("admin"), QStringLiteral("release")} && request.method() == Method::Post) {
        const QJsonObject b = body(request);
        m_state->setLatencyFactor(b.value(QStringLiteral("version")).toString(),
                                  b.value(QStringLiteral("latency_factor")).toDouble(1.0));
        return send(responder, QJsonObject{{QStringLiteral("ok"), true}});
    }
    sendError(responder, 404, QStringLiteral("no such endpoint: %1 %2")
                                  .arg(QString::fromLatin1(QByteArray::number(int(request.method()))), request.url().path()));
}

void ClusterHttp::node(const QStringList &path, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    ClusterNode *n = m_state->node(path.at(1));
    if (!n)
        return sendError(responder, 404, QStringLiteral("no node %1").arg(path.at(1)));
    const QString what = path.value(2);
    if (request.method() == Method::Get) {
        if (path.size() == 2)
            return send(responder, m_state->nodeJson(*n));
        // What the node itself serves (its inventory url): health, version, metrics. A stopped node's
        // process is gone: the connection ends without an answer, as a refused one would for a scraper.
        if (n->state == ClusterNode::State::Stopped && path.size() == 3) {
            QPointer<QTcpSocket> socket = responder.socket();
            QTimer::singleShot(0, socket, [socket] {
                if (socket)
                    socket->abort();
            });
            return;
        }
        const bool running = n->state == ClusterNode::State::Running;
        if (what == QLatin1String("health") && path.size() == 3)
            return send(responder, QJsonObject{{QStringLiteral("status"), running ? QStringLiteral("ok") : QStringLiteral("recovering")}},
                        running ? 200 : 503);
        if (what == QLatin1String("version") && path.size() == 3)
            return send(responder, QJsonObject{{QStringLiteral("version"), n->version}});
        if (what == QLatin1String("metrics") && path.size() == 3) {
            if (!running)
                return sendError(responder, 503, QStringLiteral("%1 is recovering").arg(n->name));
            return responder.write(n->traffic.render(m_state->now()), "text/plain; version=0.0.4",
                                   QHttpServerResponder::StatusCode::Ok);
        }
        return sendError(responder, 404, QStringLiteral("no such endpoint on %1: %2").arg(n->name, what));
    }
    if (request.method() != Method::Post || path.size() != 3)
        return sendError(responder, 405, QStringLiteral("POST /nodes/NAME/{drain,undrain,stop,install,start}"));
    QString error;
    if (what == QLatin1String("drain") || what == QLatin1String("undrain"))
        error = m_state->drain(n->name, what == QLatin1String("drain"));
    else if (what == QLatin1String("stop"))
        error = m_state->stop(n->name);
    else if (what == QLatin1String("start"))
        error = m_state->start(n->name);
    else if (what == QLatin1String("install"))
        error = m_state->install(n->name, body(request).value(QStringLiteral("version")).toString());
    else
        return sendError(responder, 404, QStringLiteral("no operation %1 on a node").arg(what));
    if (!error.isEmpty())
        return sendError(responder, 409, error);
    send(responder, m_state->nodeJson(*n));
}

} // namespace lockstep::test::clustersim
