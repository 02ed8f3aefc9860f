#pragma once

#include "app/transport/CommandSpec.h"
#include "models/secret/Redactor.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace lockstep {

// The one place a step's output bytes become lines, for every transport (local, SSH, HTTP bodies):
//  - bytes -> lines on LF; a line ending in CR LF loses the CR, and a line a program rewrote with bare CRs
//    (a progress bar) is what a terminal would show: the text after the last CR;
//  - a line without a newline is cut at kMaxLineBytes (at a UTF-8 boundary, never inside a form of a
//    secret), so one endless line cannot grow without bound;
//  - every line is redacted (Redactor: every encoded form of every secret), also when a program wrote
//    the secret in several pieces: partial lines wait for their newline, and a cut waits until no form
//    can straddle it;
//  - every line is handed out as it arrives (the live stream never stops, however long the command
//    runs), while the record kept in memory is bounded: the first `headBytes` and the last `tailBytes`
//    of each stream; what falls between is counted (droppedBytes) and marked once in text().
// Not thread-safe: one capture belongs to one command and the thread that reads it.
class OutputCapture
{
public:
    static constexpr qsizetype kMaxLineBytes = 64 * 1024;
    static constexpr qsizetype kDefaultHeadBytes = 256 * 1024;
    static constexpr qsizetype kDefaultTailBytes = 256 * 1024;

    struct Line
    {
        OutputStream stream = OutputStream::Stdout;
        QString text;
    };

    explicit OutputCapture(Redactor redactor, qsizetype headBytes = kDefaultHeadBytes,
                           qsizetype tailBytes = kDefaultTailBytes);

    // Complete lines (without newline), redacted, in order.
    QList<Line> append(OutputStream stream, QByteArrayView data);
    // At the end of the command: the last partial line of each stream, if any.
    QList<Line> finish();

    // The record: the head, and the tail when something was dropped in between.
    QStringList head(OutputStream stream) const { return part(stream).head; }
    QStringList tail(OutputStream stream) const { return part(stream).tail; }
    // head + one "[... N bytes dropped ...]" line + tail.
    QString text(OutputStream stream) const;
    qint64 droppedBytes() const { return m_out.dropped + m_err.dropped; }
    const Redactor &redactor() const { return m_redactor; }

    static QString dropMarker(qint64 bytes);

private:
    struct Part
    {
        QByteArray pending;
        qsizetype scanned = 0;          // pending[0, scanned) holds no newline
        QStringList head, tail;
        qsizetype headBytes = 0, tailBytes = 0;
        qint64 dropped = 0;
    };
    Part &part(OutputStream stream) { return stream == OutputStream::Stdout ? m_out : m_err; }
    const Part &part(OutputStream stream) const { return stream == OutputStream::Stdout ? m_out : m_err; }
    qsizetype cutPosition(QByteArrayView line) const;
    QString keep(Part &p, QByteArrayView line);

    Redactor m_redactor;
    qsizetype m_headBytes;
    qsizetype m_tailBytes;
    Part m_out, m_err;
};

} // namespace lockstep
