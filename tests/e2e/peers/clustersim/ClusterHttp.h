#pragma once

#include <QObject>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace lockstep::test::clustersim {

class ClusterState;

// The cluster's HTTP API on 127.0.0.1 (tests/e2e/peers/clustersim/README.md lists the endpoints).
class ClusterHttp : public QObject
{
    Q_OBJECT
public:
    ClusterHttp(ClusterState *state, QObject *parent = nullptr);
    quint16 listen(quint16 port);   // 0 when it cannot

private:
    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void node(const QStringList &path, const QHttpServerRequest &request, QHttpServerResponder &&responder);

    ClusterState *m_state;
    QHttpServer *m_server;
};

} // namespace lockstep::test::clustersim
