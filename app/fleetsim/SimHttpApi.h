#pragma once

#include "models/Result.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace lockstep {

class SimFleet;
struct SimInstance;

// The HTTP face of the simulator: one listening port on 127.0.0.1 for every instance, the
// control-plane API, the release feeds, the inventory and the admin hooks (docs/fleetsim.md).
// All requests go through one dispatcher; nothing here blocks the event loop (slow responses are
// sent later from a timer through a kept responder).
class SimHttpApi : public QObject
{
    Q_OBJECT
public:
    explicit SimHttpApi(SimFleet *fleet, QObject *parent = nullptr);
    ~SimHttpApi() override;

    // Listens on 127.0.0.1:port (0 = any free port). Returns the bound port.
    Result<quint16> listen(quint16 port);
    quint16 port() const { return m_port; }

    // The fleet as a Lockstep YAML inventory, URLs pointing at this server.
    QByteArray inventoryYaml() const;

    struct Reply
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
    };

private:
    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void serveInstance(const QStringList &path, const QHttpServerRequest &request,
                       QHttpServerResponder &&responder);
    Reply instanceEndpoint(const SimInstance &instance, const QString &endpoint) const;
    Reply controlPlane(const QStringList &path, const QHttpServerRequest &request);
    Reply patchInstance(const QString &name, const QByteArray &body);
    Reply instanceAction(const QString &name, const QString &action, const QByteArray &body);
    Reply feed(const QString &productId) const;
    Reply admin(const QStringList &path, const QHttpServerRequest &request);

    QString baseUrl() const;

    SimFleet *m_fleet;
    QHttpServer *m_server;
    quint16 m_port = 0;
};

} // namespace lockstep
