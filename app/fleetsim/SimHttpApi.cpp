#include "app/fleetsim/SimHttpApi.h"

#include "app/fleetsim/SimFleet.h"
#include "models/Clock.h"
#include "models/SemVer.h"
#include "models/UpdateChannel.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace lockstep {

namespace {

using Reply = SimHttpApi::Reply;
using Method = QHttpServerRequest::Method;

Reply json(const QJsonValue &value, int status = 200)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return Reply{status, doc.toJson(QJsonDocument::Compact), "application/json"};
}

Reply errorReply(int status, const QString &message, const QString &where = {}, const QString &hint = {})
{
    QJsonObject body{{QStringLiteral("error"), message}};
    if (!where.isEmpty())
        body.insert(QStringLiteral("where"), where);
    if (!hint.isEmpty())
        body.insert(QStringLiteral("hint"), hint);
    return json(body, status);
}

Reply errorReply(int status, const Error &error)
{
    return errorReply(status, error.message, error.where, error.hint);
}

void send(QHttpServerResponder &responder, const Reply &reply)
{
    responder.write(reply.body, reply.contentType, static_cast<QHttpServerResponder::StatusCode>(reply.status));
}

// A request body that must be a JSON object; empty bodies count as {}.
Result<QJsonObject> jsonBody(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return QJsonObject{};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{QStringLiteral("request body is not JSON: %1").arg(parseError.errorString()),
                     QStringLiteral("offset %1").arg(parseError.offset), {}};
    if (!doc.isObject())
        return Error{QStringLiteral("request body must be a JSON object"), {}, {}};
    return doc.object();
}

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QStringList pathSegments(const QHttpServerRequest &request)
{
    QStringList segments = request.url().path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    // The reference procedure's control plane lives under /api/superadmin/...: accept both.
    if (segments.size() > 1 && segments.at(0) == QLatin1String("api") && segments.at(1) == QLatin1String("superadmin"))
        segments.removeAt(1);
    return segments;
}

} // namespace

SimHttpApi::SimHttpApi(SimFleet *fleet, QObject *parent)
    : QObject(parent)
    , m_fleet(fleet)
    , m_server(new QHttpServer(this))
{
    // No routes: every request falls through to one dispatcher, which can keep the responder
    // for a delayed answer or drop the connection for a "down" instance.
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        dispatch(request, std::move(responder));
    });
}

SimHttpApi::~SimHttpApi() = default;

Result<quint16> SimHttpApi::listen(quint16 port)
{
    const quint16 bound = m_server->listen(QHostAddress::LocalHost, port);
    if (bound == 0)
        return Error{QStringLiteral("cannot listen on 127.0.0.1:%1").arg(port), {},
                     QStringLiteral("choose another --port, or --port 0 for any free port")};
    m_port = bound;
    return bound;
}

QString SimHttpApi::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

void SimHttpApi::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QStringList path = pathSegments(request);
    const QString root = path.value(0);
    Reply reply;
    if (root == QLatin1String("i")) {
        serveInstance(path, request, std::move(responder));
        return;
    }
    if (root == QLatin1String("api")) {
        reply = controlPlane(path, request);
    } else if (root == QLatin1String("feeds") && path.size() == 3 && path.at(2) == QLatin1String("releases.json")
               && request.method() == Method::Get) {
        reply = feed(path.at(1));
    } else if (path == QStringList{QStringLiteral("inventory.yaml")} && request.method() == Method::Get) {
        reply = Reply{200, inventoryYaml(), "application/yaml"};
    } else if (root == QLatin1String("admin")) {
        reply = admin(path, request);
    } else {
        reply = errorReply(404, QStringLiteral("no such endpoint: %1").arg(request.url().path()));
    }
    send(responder, reply);
}

void SimHttpApi::serveInstance(const QStringList &path, const QHttpServerRequest &request,
                               QHttpServerResponder &&responder)
{
    const SimInstance *instance = m_fleet->instance(path.value(1));
    if (path.size() != 3 || request.method() != Method::Get) {
        send(responder, errorReply(404, QStringLiteral("no such endpoint: %1").arg(request.url().path())));
        return;
    }
    if (!instance) {
        send(responder, errorReply(404, QStringLiteral("no such instance"), path.at(1)));
        return;
    }
    switch (instance->fault.kind) {
    case SimFault::Kind::Down: {
        // A dead host: the connection ends without a response. Aborted from the event loop so the
        // server has finished with the socket for this request first.
        QPointer<QTcpSocket> socket = responder.socket();
        QTimer::singleShot(0, socket, [socket] {
            if (socket)
                socket->abort();
        });
        return;
    }
    case SimFault::Kind::Error500:
        send(responder, errorReply(500, QStringLiteral("internal server error (injected)"), instance->name));
        return;
    case SimFault::Kind::Slow: {
        // Keep the responder and answer from a timer. The client may have given up meanwhile: the
        // socket is then gone and the answer is dropped.
        auto kept = std::make_shared<QHttpServerResponder>(std::move(responder));
        QPointer<QTcpSocket> socket = kept->socket();
        QTimer::singleShot(instance->fault.delayMs, this,
                           [this, kept, socket, name = instance->name, endpoint = path.at(2)] {
            const SimInstance *i = m_fleet->instance(name);
            if (!socket || socket->state() != QAbstractSocket::ConnectedState || !i)
                return;
            send(*kept, instanceEndpoint(*i, endpoint));
        });
        return;
    }
    case SimFault::Kind::None:
        break;
    }
    send(responder, instanceEndpoint(*instance, path.at(2)));
}

SimHttpApi::Reply SimHttpApi::instanceEndpoint(const SimInstance &instance, const QString &endpoint) const
{
    const QDateTime now = Clock::instance().now();
    if (endpoint == QLatin1String("health")) {
        // Maintenance answers 200 so a runbook's health check inside its maintenance window
        // passes; only a process that is restarting or unhealthy answers 503.
        if (instance.restarting())
            return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("restarting")}}, 503);
        if (instance.unhealthy)
            return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("unhealthy")}}, 503);
        if (instance.maintenance)
            return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("maintenance")},
                                    {QStringLiteral("maintenance"), true}});
        return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    }
    if (instance.restarting())
        return errorReply(503, QStringLiteral("instance is restarting"), instance.name);
    if (endpoint == QLatin1String("version")) {
        const QString version = instance.rawVersion.isEmpty() ? instance.version : instance.rawVersion;
        return json(QJsonObject{{QStringLiteral("version"), version},
                                {QStringLiteral("schema"), instance.schemaVersion}});
    }
    if (endpoint == QLatin1String("metrics"))
        return Reply{200, instance.traffic.render(now), "text/plain; version=0.0.4; charset=utf-8"};
    return errorReply(404, QStringLiteral("no such endpoint: %1").arg(endpoint), instance.name);
}

SimHttpApi::Reply SimHttpApi::controlPlane(const QStringList &path, const QHttpServerRequest &request)
{
    const QString area = path.value(1);
    const QString name = path.value(2);
    const bool get = request.method() == Method::Get;
    const bool post = request.method() == Method::Post;

    if (area == QLatin1String("instances") && path.size() == 2 && get) {
        QJsonArray all;
        for (const QString &n : m_fleet->instanceNames())
            all.append(m_fleet->instance(n)->toJson());
        return json(all);
    }
    if (area == QLatin1String("instances") && path.size() >= 3) {
        const SimInstance *instance = m_fleet->instance(name);
        if (!instance)
            return errorReply(404, QStringLiteral("no such instance"), name,
                              QStringLiteral("GET /api/instances lists the instances"));
        if (path.size() == 3 && get)
            return json(instance->toJson());
        if (path.size() == 3 && request.method() == Method::Patch)
            return patchInstance(name, request.body());
        if (path.size() == 4 && path.at(3) == QLatin1String("backups") && get) {
            QJsonArray backups;
            for (const SimBackup &b : instance->backups) {
                backups.append(QJsonObject{{QStringLiteral("id"), b.id},
                                           {QStringLiteral("status"), b.status},
                                           {QStringLiteral("created"), iso(b.created)},
                                           {QStringLiteral("version"), b.version},
                                           {QStringLiteral("schemaVersion"), b.schemaVersion}});
            }
            return json(backups);
        }
        if (path.size() == 5 && path.at(3) == QLatin1String("rollback") && path.at(4) == QLatin1String("emergency")
            && post)
            return instanceAction(name, QStringLiteral("rollback/emergency"), request.body());
        if (path.size() == 4 && post)
            return instanceAction(name, path.at(3), request.body());
        if (path.size() <= 5)
            return errorReply(405, QStringLiteral("method not allowed for %1").arg(request.url().path()));
    }
    if (area == QLatin1String("audit-logs") && path.size() == 2 && get)
        return json(m_fleet->auditLogs());
    if (area == QLatin1String("audit-logs") && path.size() == 2 && post) {
        const Result<QJsonObject> body = jsonBody(request.body());
        if (!body)
            return errorReply(400, body.error());
        if (!body->value(QStringLiteral("action")).isString())
            return errorReply(400, QStringLiteral("an audit entry needs an \"action\" string"), {},
                              QStringLiteral("e.g. {\"action\":\"instance.upgrade.rollback\",\"result\":\"success\"}"));
        return json(m_fleet->addAuditLog(*body), 201);
    }
    if (area == QLatin1String("diagnostics") && path.size() == 3 && get) {
        const SimInstance *instance = m_fleet->instance(name);
        if (!instance)
            return errorReply(404, QStringLiteral("no such instance"), name);
        const SimRelease *release = m_fleet->product(instance->product)->release(instance->version);
        const int expected = release ? release->schema : instance->schemaVersion;
        // New code on an old schema is the failure the message-center procedure warns about.
        const QString coreApi = instance->restarting() ? QStringLiteral("unavailable")
            : instance->schemaVersion < expected
                ? QStringLiteral("error: schema %1 expected, database has %2").arg(QString::number(expected), QString::number(instance->schemaVersion))
                : QStringLiteral("ok");
        return json(QJsonObject{{QStringLiteral("auditFallbackFileSize"), 0},
                                {QStringLiteral("schemaVersion"), instance->schemaVersion},
                                {QStringLiteral("expectedSchemaVersion"), expected},
                                {QStringLiteral("coreApi"), coreApi},
                                {QStringLiteral("version"), instance->version}});
    }
    return errorReply(404, QStringLiteral("no such endpoint: %1").arg(request.url().path()));
}

SimHttpApi::Reply SimHttpApi::instanceAction(const QString &name, const QString &action, const QByteArray &rawBody)
{
    const Result<QJsonObject> body = jsonBody(rawBody);
    if (!body)
        return errorReply(400, body.error());
    const SimInstance *instance = m_fleet->instance(name);
    const SimProduct *product = m_fleet->product(instance->product);

    // A version in a request must be a semantic version and a release of the instance's product.
    auto requestedVersion = [&](bool required) -> Result<QString> {
        const QJsonValue value = body->value(QStringLiteral("version"));
        if (value.isUndefined() && !required)
            return QString();
        if (!value.isString())
            return Error{QStringLiteral("\"version\" must be a string"), name,
                         QStringLiteral("send {\"version\":\"1.5.0\"}")};
        const Result<SemVer> parsed = SemVer::parse(value.toString());
        if (!parsed)
            return Error{parsed.error().message, name, parsed.error().hint};
        if (!product->release(value.toString()))
            return Error{QStringLiteral("%1 has no release %2").arg(product->id, value.toString()), name,
                         QStringLiteral("see /feeds/%1/releases.json").arg(product->id)};
        return value.toString();
    };
    auto instanceReply = [&](int status) { return json(m_fleet->instance(name)->toJson(), status); };

    if (action == QLatin1String("maintenance")) {
        const QJsonValue enabled = body->value(QStringLiteral("enabled"));
        if (!enabled.isBool())
            return errorReply(400, QStringLiteral("\"enabled\" must be true or false"), name,
                              QStringLiteral("send {\"enabled\":true}"));
        if (Status set = m_fleet->setMaintenance(name, enabled.toBool()); !set)
            return errorReply(404, set.error().message, name);
        return instanceReply(200);
    }
    if (action == QLatin1String("backup")) {
        const Result<SimBackup> backup = m_fleet->startBackup(name);
        if (!backup)
            return errorReply(409, backup.error());
        return json(QJsonObject{{QStringLiteral("id"), backup->id},
                                {QStringLiteral("status"), backup->status},
                                {QStringLiteral("created"), iso(backup->created)}}, 202);
    }
    if (action == QLatin1String("upgrade")) {
        const Result<QString> version = requestedVersion(true);
        if (!version)
            return errorReply(400, version.error());
        if (const Status started = m_fleet->startUpgrade(name, *version); !started)
            return errorReply(409, started.error());
        return instanceReply(202);
    }
    if (action == QLatin1String("rollback") || action == QLatin1String("rollback/emergency")) {
        const Status started = action == QLatin1String("rollback") ? m_fleet->rollback(name)
                                                                    : m_fleet->emergencyRollback(name);
        if (!started)
            return errorReply(409, started.error());
        return instanceReply(202);
    }
    if (action == QLatin1String("migrate")) {
        const Result<QString> version = requestedVersion(false);
        if (!version)
            return errorReply(400, version.error());
        const Result<int> schema = m_fleet->migrate(name, *version);
        if (!schema)
            return errorReply(409, schema.error());
        return instanceReply(200);
    }
    if (action == QLatin1String("restore")) {
        const QJsonValue backup = body->value(QStringLiteral("backup"));
        if (!backup.isString())
            return errorReply(400, QStringLiteral("\"backup\" must be a backup id"), name,
                              QStringLiteral("GET /api/instances/%1/backups lists them").arg(name));
        if (const Status restored = m_fleet->restore(name, backup.toString()); !restored)
            return errorReply(409, restored.error());
        return instanceReply(200);
    }
    return errorReply(404, QStringLiteral("no such action: %1").arg(action), name);
}

SimHttpApi::Reply SimHttpApi::patchInstance(const QString &name, const QByteArray &rawBody)
{
    const Result<QJsonObject> body = jsonBody(rawBody);
    if (!body)
        return errorReply(400, body.error());
    const SimInstance *instance = m_fleet->instance(name);
    QString channel = instance->channel;
    QString pinned = instance->pinned;
    if (body->contains(QStringLiteral("updateChannel"))) {
        const auto parsed = parseUpdateChannel(body->value(QStringLiteral("updateChannel")).toString());
        if (!parsed)
            return errorReply(400, QStringLiteral("unknown update channel"), name,
                              QStringLiteral("use auto-update, manual-approval or frozen"));
        channel = updateChannelName(*parsed);
        if (*parsed != UpdateChannel::Frozen)
            pinned.clear();
    }
    if (body->contains(QStringLiteral("pinnedVersion"))) {
        pinned = body->value(QStringLiteral("pinnedVersion")).toString();
        if (!pinned.isEmpty()) {
            const Result<SemVer> version = SemVer::parse(pinned);
            if (!version)
                return errorReply(400, version.error().message, name, version.error().hint);
            pinned = version->toString();
        }
    }
    if (const Status set = m_fleet->setChannel(name, channel, pinned); !set)
        return errorReply(400, set.error());
    return json(m_fleet->instance(name)->toJson());
}

SimHttpApi::Reply SimHttpApi::feed(const QString &productId) const
{
    const SimProduct *product = m_fleet->product(productId);
    if (!product)
        return errorReply(404, QStringLiteral("no such product"), productId);
    QJsonArray releases;
    auto append = [&](const SimRelease &r) {
        releases.append(QJsonObject{{QStringLiteral("version"), r.version},
                                    {QStringLiteral("notes"), r.notes},
                                    {QStringLiteral("breaking"), r.breaking},
                                    {QStringLiteral("security"), r.security},
                                    {QStringLiteral("published"), iso(r.published)},
                                    {QStringLiteral("schema"), r.schema},
                                    {QStringLiteral("bad"), r.bad}});
        if (r.degradation != 1.0) {
            QJsonObject entry = releases.last().toObject();
            entry.insert(QStringLiteral("degradation"), r.degradation);
            releases.replace(releases.size() - 1, entry);
        }
    };
    for (const SimRelease &r : product->releases)
        append(r);
    for (const SimRelease &r : product->hostileEntries)
        append(r);
    return json(QJsonObject{{QStringLiteral("product"), product->id}, {QStringLiteral("releases"), releases}});
}

SimHttpApi::Reply SimHttpApi::admin(const QStringList &path, const QHttpServerRequest &request)
{
    const QString what = path.value(1);
    if (what == QLatin1String("state") && path.size() == 2 && request.method() == Method::Get)
        return json(m_fleet->state());
    if (path.size() != 2 || request.method() != Method::Post)
        return errorReply(404, QStringLiteral("no such endpoint: %1").arg(request.url().path()));

    const Result<QJsonObject> body = jsonBody(request.body());
    if (!body)
        return errorReply(400, body.error());
    auto text = [&](const char *key) { return body->value(QLatin1String(key)).toString(); };

    if (what == QLatin1String("inject")) {
        const auto kind = SimFault::parseKind(text("fault"));
        if (!kind)
            return errorReply(400, QStringLiteral("unknown fault \"%1\"").arg(text("fault")), {},
                              QStringLiteral("use down, slow, error500 or none"));
        SimFault fault{*kind, body->value(QStringLiteral("delayMs")).toInt(0)};
        const QString instance = text("instance");
        if (instance != QLatin1String("*") && !m_fleet->instance(instance))
            return errorReply(404, QStringLiteral("no such instance"), instance);
        if (Status set = m_fleet->setFault(instance, fault); !set)
            return errorReply(404, set.error().message, instance);
        return json(QJsonObject{{QStringLiteral("instance"), instance},
                                {QStringLiteral("fault"), SimFault::kindName(fault.kind)}});
    }
    if (what == QLatin1String("releases")) {
        const QJsonValue bad = body->value(QStringLiteral("bad"));
        const QJsonValue degradation = body->value(QStringLiteral("degradation"));
        if (bad.isUndefined() && degradation.isUndefined())
            return errorReply(400, QStringLiteral("give \"bad\": true|false or \"degradation\": FACTOR"));
        if (!bad.isUndefined() && !bad.isBool())
            return errorReply(400, QStringLiteral("\"bad\" must be true or false"));
        if (!degradation.isUndefined() && !degradation.isDouble())
            return errorReply(400, QStringLiteral("\"degradation\" must be a number (2 = twice the errors and latency)"));
        if (bad.isBool())
            if (const Status changed = m_fleet->setReleaseBad(text("product"), text("version"), bad.toBool()); !changed)
                return errorReply(404, changed.error());
        if (degradation.isDouble())
            if (const Status changed = m_fleet->setReleaseDegradation(text("product"), text("version"), degradation.toDouble());
                !changed)
                return errorReply(changed.error().message.startsWith(QLatin1String("degradation")) ? 400 : 404,
                                  changed.error());
        return feed(text("product"));
    }
    if (what == QLatin1String("hostile")) {
        // Test hook: report text that is not a semantic version, so clients can prove they refuse it.
        const QString raw = text("version");
        if (body->contains(QStringLiteral("instance"))) {
            if (const Status set = m_fleet->setRawVersion(text("instance"), raw); !set)
                return errorReply(404, set.error());
        } else if (const Status added = m_fleet->addHostileFeedEntry(text("product"), raw); !added) {
            return errorReply(404, added.error());
        }
        return json(QJsonObject{{QStringLiteral("version"), raw}});
    }
    return errorReply(404, QStringLiteral("no such endpoint: %1").arg(request.url().path()));
}

QByteArray SimHttpApi::inventoryYaml() const
{
    const QString base = baseUrl();
    QString out = QStringLiteral("# Generated by lockstep-fleetsim (seed %1)\nproducts:\n").arg(m_fleet->seed());
    for (const QString &id : m_fleet->productIds()) {
        const SimProduct *p = m_fleet->product(id);
        out += QStringLiteral("  - id: %1\n    name: %2\n    releases: %3/feeds/%1/releases.json\n")
                   .arg(p->id, p->name, base);
    }
    out += QStringLiteral("instances:\n");
    for (const QString &name : m_fleet->instanceNames()) {
        const SimInstance *i = m_fleet->instance(name);
        out += QStringLiteral("  - name: %1\n    product: %2\n    environment: %3\n    tags: [%4]\n"
                              "    url: %5/i/%1\n    api: %5/api\n    ssh: \"%8\"\n    channel: %6\n"
                              "    pinned: \"%7\"\n")
                   .arg(i->name, i->product, i->environment, i->tags.join(QStringLiteral(", ")), base,
                        i->channel, i->pinned, i->ssh);
        if (!i->vars.isEmpty()) {
            QStringList vars;
            for (auto it = i->vars.cbegin(); it != i->vars.cend(); ++it)
                vars << QStringLiteral("%1: \"%2\"").arg(it.key(), it.value());
            out += QStringLiteral("    vars: {%1}\n").arg(vars.join(QStringLiteral(", ")));
        }
    }
    return out.toUtf8();
}

} // namespace lockstep
