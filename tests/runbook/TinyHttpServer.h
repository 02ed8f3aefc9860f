#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QTcpServer>
#include <QTcpSocket>

namespace lockstep::test {

// A scripted HTTP/1.1 server on 127.0.0.1 for HttpStepExecution's unit tests: answers requests with
// the scripted responses in order (the last one repeats), records what it received, and can hold a
// request without ever answering.
class TinyHttpServer : public QObject
{
    Q_OBJECT
public:
    struct Response
    {
        int status = 200;
        QByteArray body;
        bool hang = false;      // never answer
    };
    struct Request
    {
        QByteArray method, path, body;
        QMap<QByteArray, QByteArray> headers;   // names lower-case
    };

    explicit TinyHttpServer(QObject *parent = nullptr) : QObject(parent)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    QByteArray url(const QByteArray &path) const { return "http://127.0.0.1:" + QByteArray::number(port()) + path; }
    void script(QList<Response> responses) { m_script = std::move(responses); }
    const QList<Request> &requests() const { return m_requests; }

private:
    void onData(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Request r;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        r.method = first.value(0);
        r.path = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                r.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = r.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        r.body = buffer.mid(end + 4, length);
        m_buffers.remove(socket);
        m_requests.append(r);
        const Response response = m_script.isEmpty() ? Response{} : m_script.value(m_served, m_script.last());
        ++m_served;
        if (response.hang)
            return;
        socket->write("HTTP/1.1 " + QByteArray::number(response.status) + " Scripted\r\nContent-Type: application/json\r\n"
                      "Connection: close\r\nContent-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n"
                      + response.body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QList<Response> m_script;
    QList<Request> m_requests;
    QMap<QTcpSocket *, QByteArray> m_buffers;
    int m_served = 0;
};

} // namespace lockstep::test
