#include "tests/support/HostileHttpServer.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

#include <zlib.h>

namespace lockstep::test {

namespace {

// 64 KiB of valid metric lines that no gate reads: the filler of the big bodies.
const QByteArray &fillerBlock()
{
    static const QByteArray block = [] {
        QByteArray b;
        for (int i = 0; b.size() < 64 * 1024 - 64; ++i)
            b += "hostile_filler{n=\"" + QByteArray::number(i) + "\"} 1\n";
        return b;
    }();
    return block;
}

QByteArray gzip(const QByteArray &block, qint64 decodedBytes)
{
    z_stream z{};
    deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    QByteArray out;
    char chunk[64 * 1024];
    for (qint64 fed = 0; fed < decodedBytes; fed += block.size()) {
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(block.constData()));
        z.avail_in = uInt(block.size());
        const bool last = fed + block.size() >= decodedBytes;
        do {
            z.next_out = reinterpret_cast<Bytef *>(chunk);
            z.avail_out = sizeof chunk;
            deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
            out.append(chunk, qsizetype(sizeof chunk - z.avail_out));
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    return out;
}

QByteArray header(qint64 contentLength, const QByteArray &extra = {})
{
    QByteArray h = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n" + extra;
    if (contentLength >= 0)
        h += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    else
        h += "Connection: close\r\n";
    return h + "\r\n";
}

void answer(QTcpSocket *socket, const QByteArray &body, const QByteArray &extra = {})
{
    socket->write(header(body.size(), extra) + body);
    socket->disconnectFromHost();
}

// Writes `total` bytes of filler (< 0: forever) without ever queueing more than 1 MiB.
void stream(QTcpSocket *socket, qint64 total)
{
    auto sent = std::make_shared<qint64>(0);
    auto refill = [socket, sent, total] {
        const QByteArray &block = fillerBlock();
        while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < (1 << 20)
               && (total < 0 || *sent < total)) {
            const qint64 n = total < 0 ? block.size() : std::min<qint64>(block.size(), total - *sent);
            socket->write(block.constData(), n);
            *sent += n;
        }
        if (total >= 0 && *sent >= total)
            socket->disconnectFromHost();   // after what is queued has been written
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, refill);
    refill();
}

QByteArray document(const QByteArray &path)
{
    if (path.endsWith("/health"))
        return R"({"status":"ok"})";
    if (path.endsWith("/version"))
        return R"({"version":"1.2.3"})";
    return "http_requests_total{code=\"200\"} 5\nqueue_depth 3\n";
}

void respond(QTcpSocket *socket, const QByteArray &path)
{
    const QByteArray behaviour = path.mid(1, path.indexOf('/', 1) - 1);
    if (behaviour == "big") {
        socket->write(header(HostileHttpServer::kBigBytes));
        stream(socket, HostileHttpServer::kBigBytes);
    } else if (behaviour == "stream") {
        socket->write(header(-1));
        stream(socket, HostileHttpServer::kBigBytes);
    } else if (behaviour == "endless") {
        socket->write(header(-1));
        stream(socket, -1);
    } else if (behaviour == "gzipbomb") {
        static const QByteArray bomb = gzip(QByteArray("hostile_filler 1\n").repeated(1024), 100LL << 20);
        answer(socket, bomb, "Content-Encoding: gzip\r\n");
    } else if (behaviour == "badgzip") {
        answer(socket, "these bytes are not gzip at all, whatever the header says\n", "Content-Encoding: gzip\r\n");
    } else if (behaviour == "labels") {
        static const QByteArray page = HostileHttpServer::labelsPage();
        answer(socket, page);
    } else if (behaviour == "trickle") {
        socket->write(header(1000));
        auto *timer = new QTimer(socket);
        QObject::connect(timer, &QTimer::timeout, socket, [socket] { socket->write(" "); });
        timer->start(1000);
    } else if (behaviour == "stall") {
        socket->write(header(40));   // and nothing more, until the client gives up
    } else if (behaviour == "truncated") {
        socket->write(header(100) + R"({"status":"ok"})");
        socket->disconnectFromHost();
    } else if (behaviour == "bidi" && path.endsWith("/version")) {
        // U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE, ESC and BEL.
        answer(socket, "{\"version\":\"1.2.3-\xE2\x80\xAE" "3.2.1\xE2\x81\xA6\\u001b[31m\\u0007\"}");
    } else {
        answer(socket, document(path));
    }
}

void serve(QTcpSocket *socket)
{
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    auto request = std::make_shared<QByteArray>();
    auto answered = std::make_shared<bool>(false);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, request, answered] {
        if (*answered) {
            socket->readAll();   // ignore whatever else the client sends
            return;
        }
        *request += socket->readAll();
        if (!request->contains("\r\n\r\n"))
            return;
        *answered = true;
        respond(socket, request->left(request->indexOf("\r\n")).split(' ').value(1));
    });
}

} // namespace

QByteArray HostileHttpServer::labelsPage()
{
    QByteArray page = "# TYPE http_requests_total counter\nhttp_requests_total{";
    for (int i = 0; i < kLabelCount; ++i) {
        if (i > 0)
            page += ',';
        page += "l" + QByteArray::number(i) + "=\"v\"";
    }
    return page + "} 1\n";
}

HostileHttpServer::HostileHttpServer()
{
    m_anchor = new QObject;
    m_anchor->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_anchor, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_anchor,
        [this] {
            auto *server = new QTcpServer(m_anchor);
            server->listen(QHostAddress::LocalHost, 0);
            m_port = server->serverPort();
            QObject::connect(server, &QTcpServer::newConnection, server, [server] {
                while (QTcpSocket *socket = server->nextPendingConnection())
                    serve(socket);
            });
        },
        Qt::BlockingQueuedConnection);
}

HostileHttpServer::~HostileHttpServer()
{
    m_thread.quit();
    m_thread.wait();
}

QUrl HostileHttpServer::base(const QString &behaviour) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/%2/").arg(QString::number(m_port), behaviour));
}

} // namespace lockstep::test
