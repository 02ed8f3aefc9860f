#include "app/core/BoundedBody.h"

#include <zlib.h>

namespace lockstep {

struct BoundedBody::Inflater
{
    z_stream stream{};
    bool ended = false;   // Z_STREAM_END seen
    ~Inflater() { inflateEnd(&stream); }
};

BoundedBody::BoundedBody(qint64 maxBytes, QString what)
    : m_maxBytes(maxBytes)
    , m_what(std::move(what))
{
}

BoundedBody::~BoundedBody() = default;

QString BoundedBody::sizeText(qint64 bytes)
{
    if (bytes >= (1 << 20) && bytes % (1 << 20) == 0)
        return QStringLiteral("%1 MiB").arg(bytes >> 20);
    if (bytes >= 1024 && bytes % 1024 == 0)
        return QStringLiteral("%1 KiB").arg(bytes >> 10);
    return QStringLiteral("%1 bytes").arg(bytes);
}

Error BoundedBody::tooLarge(const QString &detail) const
{
    return Error{QStringLiteral("%1 larger than %2%3").arg(m_what, sizeText(m_maxBytes), detail), {},
                 QStringLiteral("a body this large is refused to protect the console's memory; raise the limit "
                                "only for a source known to be this big")};
}

Status BoundedBody::begin(const QByteArray &contentEncoding, qint64 contentLength)
{
    m_begun = true;
    const QByteArray encoding = contentEncoding.trimmed().toLower();
    if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
        m_inflater = std::make_unique<Inflater>();
        // 15 + 32: accept a zlib or a gzip header, as browsers do for "deflate" mislabelled streams.
        if (inflateInit2(&m_inflater->stream, 15 + 32) != Z_OK)
            return Error{QStringLiteral("%1: could not start gzip decoding").arg(m_what), {}, {}};
    } else if (!encoding.isEmpty() && encoding != "identity") {
        return Error{QStringLiteral("%1 uses the content encoding \"%2\", which Lockstep does not decode")
                         .arg(m_what, QString::fromLatin1(encoding.left(40))),
                     {}, QStringLiteral("serve it plain or gzip-compressed")};
    }
    // Compressed bytes never exceed what they decode to in practice, so the same limit applies to
    // the bytes on the wire.
    if (contentLength > m_maxBytes)
        return tooLarge(QStringLiteral(" (it announced %1 bytes)").arg(contentLength));
    return okStatus();
}

Status BoundedBody::append(const QByteArray &bytes)
{
    if (!m_begun) {
        const Status started = begin({}, -1);
        if (!started)
            return started;
    }
    m_wireBytes += bytes.size();
    if (!m_inflater) {
        if (m_body.size() + bytes.size() > m_maxBytes)
            return tooLarge({});
        m_body += bytes;
        return okStatus();
    }
    if (m_wireBytes > m_maxBytes)
        return tooLarge(QStringLiteral(" (compressed)"));
    if (m_inflater->ended)
        return bytes.isEmpty() ? okStatus()
                               : Error{QStringLiteral("%1 could not be gzip-decoded: data after the end of the "
                                                      "gzip stream").arg(m_what),
                                       {}, {}};
    z_stream &z = m_inflater->stream;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.constData()));
    z.avail_in = uInt(bytes.size());
    char chunk[64 * 1024];
    // Decode in steps of one chunk, so the limit is checked before more is kept; go on while input
    // is left or the last step filled the chunk (zlib may hold more output).
    do {
        z.next_out = reinterpret_cast<Bytef *>(chunk);
        z.avail_out = sizeof chunk;
        const int rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
            const QString reason = z.msg ? QString::fromLatin1(z.msg) : QStringLiteral("zlib error %1").arg(rc);
            return Error{QStringLiteral("%1 could not be gzip-decoded: %2").arg(m_what, reason), {},
                         QStringLiteral("the body is not valid gzip; check the service's compression")};
        }
        const qint64 produced = qint64(sizeof chunk - z.avail_out);
        if (m_body.size() + produced > m_maxBytes)
            return tooLarge(QStringLiteral(" after gzip decoding (%1 compressed bytes expand past the limit: a "
                                           "decompression bomb?)").arg(m_wireBytes));
        m_body.append(chunk, produced);
        if (rc == Z_STREAM_END) {
            m_inflater->ended = true;
            break;
        }
        if (rc == Z_BUF_ERROR)
            break;   // no progress possible without more input
    } while (z.avail_in > 0 || z.avail_out == 0);
    return okStatus();
}

Status BoundedBody::finish()
{
    if (m_inflater && !m_inflater->ended && m_wireBytes > 0)
        return Error{QStringLiteral("%1 could not be gzip-decoded: the gzip stream is truncated").arg(m_what), {},
                     QStringLiteral("the connection ended before the compressed body did")};
    return okStatus();
}

} // namespace lockstep
