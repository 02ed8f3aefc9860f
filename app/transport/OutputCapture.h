#pragma once

#include "app/runbook/Redactor.h"
#include "app/transport/CommandSpec.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace lockstep {

// Turns a command's byte streams into redacted lines as they arrive and keeps a bounded record of them:
// the first and the last `keepBytes` of each stream; what falls between is counted, not stored.
// Partial lines wait for their newline, but never grow beyond kMaxLineBytes (then they are cut).
class OutputCapture
{
public:
    static constexpr qsizetype kMaxLineBytes = 64 * 1024;
    static constexpr qsizetype kDefaultKeepBytes = 256 * 1024;

    explicit OutputCapture(const QStringList &secrets, qsizetype keepBytes = kDefaultKeepBytes);

    // Complete lines (without newline), redacted, in order.
    QStringList append(OutputStream stream, const QByteArray &data);
    // The last partial line, if any, at end of stream.
    QStringList finish(OutputStream stream);

    // What was kept of a stream: the head, and the tail when something was dropped in between.
    QStringList head(OutputStream stream) const { return part(stream).head; }
    QStringList tail(OutputStream stream) const { return part(stream).tail; }
    QString text(OutputStream stream) const;   // head + "[... N bytes dropped ...]" + tail
    qint64 droppedBytes() const { return m_out.dropped + m_err.dropped; }

private:
    struct Part
    {
        QByteArray pending;
        QStringList head, tail;
        qsizetype headBytes = 0, tailBytes = 0;
        qint64 dropped = 0;
    };
    Part &part(OutputStream stream) { return stream == OutputStream::Stdout ? m_out : m_err; }
    const Part &part(OutputStream stream) const { return stream == OutputStream::Stdout ? m_out : m_err; }
    QString keep(Part &p, QByteArray line);

    Redactor m_redactor;
    qsizetype m_keepBytes;
    Part m_out, m_err;
};

} // namespace lockstep
