#pragma once

#include "models/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace lockstep {

// The body of one HTTP response read as it arrives, never beyond a size limit. Remote text is
// hostile until proven otherwise: a Content-Length over the limit is refused before a byte is read,
// a body without one is cut the moment it passes the limit, and a gzip body is decoded here in
// steps so its decoded size obeys the same limit (a decompression bomb stops at the limit, with the
// reason). Requests that want this set "Accept-Encoding: gzip" themselves, which keeps Qt from
// decoding behind our back (Qt only decodes when it chose the encoding).
//
// `what` names the body in messages: "metrics page from 10.0.0.5:9100".
class BoundedBody
{
public:
    BoundedBody(qint64 maxBytes, QString what);
    ~BoundedBody();
    BoundedBody(const BoundedBody &) = delete;
    BoundedBody &operator=(const BoundedBody &) = delete;

    // The response's headers; contentLength < 0 when it sent none.
    [[nodiscard]] Status begin(const QByteArray &contentEncoding, qint64 contentLength);
    [[nodiscard]] Status append(const QByteArray &bytes);
    // The transfer ended: a gzip stream must be complete.
    [[nodiscard]] Status finish();

    bool begun() const { return m_begun; }
    qint64 maxBytes() const { return m_maxBytes; }
    const QByteArray &body() const { return m_body; }
    QByteArray take() { return std::exchange(m_body, {}); }

    // "4 MiB", "64 KiB", "1000 bytes".
    static QString sizeText(qint64 bytes);

private:
    Error tooLarge(const QString &detail) const;

    struct Inflater;
    qint64 m_maxBytes;
    QString m_what;
    bool m_begun = false;
    qint64 m_wireBytes = 0;
    QByteArray m_body;
    std::unique_ptr<Inflater> m_inflater;   // set for a gzip/deflate body
};

} // namespace lockstep
