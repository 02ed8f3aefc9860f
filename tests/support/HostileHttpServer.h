#pragma once

#include <QByteArray>
#include <QThread>
#include <QUrl>

namespace lockstep::test {

// A hostile HTTP/1.1 server on 127.0.0.1, serving from its own thread so it keeps writing (or
// stalling) while the test's event loop is busy. The first path segment picks the behaviour; the
// rest of the path (/metrics, /health, /version) picks the document, so a base URL
// http://127.0.0.1:PORT/<behaviour>/ is an instance:
//   ok         answers at once: {"status":"ok"}, {"version":"1.2.3"}, a small metrics page
//   big        200 MB of metrics with a Content-Length, generated as it is sent
//   stream     the same 200 MB without a Content-Length (the end is the closed connection)
//   endless    a metrics body that never ends
//   gzipbomb   ~100 KB of gzip that decodes to 100 MiB of metrics
//   badgzip    "Content-Encoding: gzip" over bytes that are not gzip
//   labels     one series with 80,000 labels (one 869 KB line)
//   trickle    a 200 header announcing 1000 bytes, then one byte a second
//   stall      a 200 header announcing 40 bytes, then nothing
//   truncated  a 200 header announcing 100 bytes, 15 of them, then the connection closes
//   bidi       /health {"status":"ok"}; /version a version with a right-to-left override and
//              control characters around it; /metrics the small page
class HostileHttpServer
{
public:
    HostileHttpServer();
    ~HostileHttpServer();
    HostileHttpServer(const HostileHttpServer &) = delete;
    HostileHttpServer &operator=(const HostileHttpServer &) = delete;

    quint16 port() const { return m_port; }
    // http://127.0.0.1:PORT/<behaviour>/
    QUrl base(const QString &behaviour) const;

    static constexpr qint64 kBigBytes = 200LL * 1000 * 1000;
    static constexpr int kLabelCount = 80000;
    // The series name of the `labels` page: the requests counter, so a scraper keeps it.
    static QByteArray labelsPage();

private:
    QThread m_thread;
    QObject *m_anchor = nullptr;   // lives in m_thread; the server and sockets are its children
    quint16 m_port = 0;
};

} // namespace lockstep::test
