#include "tests/support/FleetSim.h"

#include "tests/support/TestPaths.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

namespace lockstep::test {

FleetSim::~FleetSim()
{
    stop();
}

QString FleetSim::start(const QStringList &args)
{
    if (const QString missing = PeerProcess::missingProgram(fleetsimPath(), QStringLiteral("lockstep (build the target lockstep-fleetsim)"));
        !missing.isEmpty())
        return missing;
    if (!m_dir.isValid())
        return QStringLiteral("cannot create a temporary directory for the fleetsim port file");
    const QString portFile = m_dir.filePath(QStringLiteral("port"));
    QFile::remove(portFile);

    QStringList all{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--port-file"), portFile};
    all += args;
    if (!m_process.start(fleetsimPath(), all, 0))
        return QStringLiteral("lockstep-fleetsim did not start: %1").arg(m_process.output());

    // The simulator writes the port file atomically once it listens.
    QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired() && m_process.isRunning()) {
        QFile file(portFile);
        if (file.open(QIODevice::ReadOnly)) {
            m_port = quint16(file.readAll().trimmed().toUInt());
            if (m_port != 0)
                return {};
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(10);
    }
    const QString output = m_process.output();
    stop();
    return QStringLiteral("lockstep-fleetsim did not report a port within 15 s; its output: %1").arg(output);
}

void FleetSim::stop()
{
    m_process.stop();
    m_port = 0;
}

QUrl FleetSim::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QUrl FleetSim::instanceUrl(const QString &name) const
{
    return QUrl(baseUrl().toString() + QStringLiteral("/i/") + name);
}

QUrl FleetSim::apiUrl() const
{
    return QUrl(baseUrl().toString() + QStringLiteral("/api"));
}

QUrl FleetSim::feedUrl(const QString &product) const
{
    return QUrl(baseUrl().toString() + QStringLiteral("/feeds/") + product + QStringLiteral("/releases.json"));
}

QUrl FleetSim::inventoryUrl() const
{
    return QUrl(baseUrl().toString() + QStringLiteral("/inventory.yaml"));
}

QJsonValue FleetSim::Response::json() const
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return QJsonValue(QJsonValue::Undefined);
}

FleetSim::Response FleetSim::get(const QString &path, int timeoutMs) const
{
    return request("GET", path, {}, timeoutMs);
}

FleetSim::Response FleetSim::post(const QString &path, const QJsonObject &body, int timeoutMs) const
{
    return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), timeoutMs);
}

FleetSim::Response FleetSim::request(const QByteArray &verb, const QString &path, const QByteArray &body,
                                     int timeoutMs) const
{
    return fetch(QUrl(baseUrl().toString() + path), verb, body, timeoutMs);
}

FleetSim::Response FleetSim::fetch(const QUrl &url, const QByteArray &verb, const QByteArray &body, int timeoutMs)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = nam.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);   // belt and braces
    if (!reply->isFinished())
        loop.exec();
    Response response;
    if (!reply->isFinished()) {
        reply->abort();
        response.error = QStringLiteral("no response within %1 ms").arg(timeoutMs);
    } else {
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        if (response.status == 0)
            response.error = reply->errorString();
    }
    delete reply;
    return response;
}

bool FleetSim::inject(const QString &instance, const QString &fault, int delayMs) const
{
    return post(QStringLiteral("/admin/inject"), {{QStringLiteral("instance"), instance},
                                                  {QStringLiteral("fault"), fault},
                                                  {QStringLiteral("delayMs"), delayMs}})
               .status == 200;
}

bool FleetSim::setReleaseBad(const QString &product, const QString &version, bool bad) const
{
    return post(QStringLiteral("/admin/releases"), {{QStringLiteral("product"), product},
                                                    {QStringLiteral("version"), version},
                                                    {QStringLiteral("bad"), bad}})
               .status == 200;
}

bool FleetSim::setReleaseDegradation(const QString &product, const QString &version, double factor) const
{
    return post(QStringLiteral("/admin/releases"), {{QStringLiteral("product"), product},
                                                    {QStringLiteral("version"), version},
                                                    {QStringLiteral("degradation"), factor}})
               .status == 200;
}

bool FleetSim::setHostileVersion(const QString &instance, const QString &raw) const
{
    return post(QStringLiteral("/admin/hostile"), {{QStringLiteral("instance"), instance},
                                                   {QStringLiteral("version"), raw}})
               .status == 200;
}

bool FleetSim::addHostileRelease(const QString &product, const QString &raw) const
{
    return post(QStringLiteral("/admin/hostile"), {{QStringLiteral("product"), product},
                                                   {QStringLiteral("version"), raw}})
               .status == 200;
}

} // namespace lockstep::test
