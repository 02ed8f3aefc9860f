#include "app/transport/OutputCapture.h"

#include <algorithm>

namespace lockstep {

namespace {

bool isUtf8Continuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

OutputCapture::OutputCapture(Redactor redactor, qsizetype headBytes, qsizetype tailBytes)
    : m_redactor(std::move(redactor)), m_headBytes(headBytes), m_tailBytes(tailBytes)
{
}

QString OutputCapture::dropMarker(qint64 bytes)
{
    return QStringLiteral("[... %1 bytes dropped ...]").arg(bytes);
}

// Where an over-long line is cut: at the bound, moved back to a UTF-8 character boundary and out of
// any form of a secret that would straddle it (or past the form when it starts the line).
qsizetype OutputCapture::cutPosition(QByteArrayView line) const
{
    qsizetype at = kMaxLineBytes;
    while (at > 0 && isUtf8Continuation(line.at(at)))
        --at;
    if (at == 0)
        at = kMaxLineBytes;   // not UTF-8 at all: cut where the bound is
    const qsizetype safe = m_redactor.safeCut(line, at);
    return safe > 0 ? safe : m_redactor.cutAfter(line, at);
}

QString OutputCapture::keep(Part &p, QByteArrayView line)
{
    while (line.endsWith('\r'))
        line.chop(1);
    // A program that redraws its line with CR (a progress bar) leaves what a terminal would show.
    if (const qsizetype cr = line.lastIndexOf('\r'); cr >= 0)
        line = line.sliced(cr + 1);
    const QString text = m_redactor.redact(QString::fromUtf8(line));
    const qsizetype size = line.size() + 1;
    if (p.tail.isEmpty() && p.dropped == 0 && p.headBytes + size <= m_headBytes) {
        p.head.append(text);
        p.headBytes += size;
        return text;
    }
    p.tail.append(text);
    p.tailBytes += size;
    while (p.tailBytes > m_tailBytes && !p.tail.isEmpty()) {
        const qsizetype first = p.tail.first().toUtf8().size() + 1;
        p.tail.removeFirst();
        p.tailBytes -= first;
        p.dropped += first;
    }
    return text;
}

QList<OutputCapture::Line> OutputCapture::append(OutputStream stream, QByteArrayView data)
{
    Part &p = part(stream);
    p.pending.append(data.data(), data.size());
    // A cut waits until every form of a secret that could cross it has arrived.
    const qsizetype holdBack = std::max<qsizetype>(0, m_redactor.longestFormBytes() - 1);
    QList<Line> lines;
    for (;;) {
        const qsizetype newline = p.pending.indexOf('\n', p.scanned);
        p.scanned = newline < 0 ? p.pending.size() : newline;
        const qsizetype lineEnd = newline < 0 ? p.pending.size() : newline;
        const QByteArrayView view(p.pending);
        if (lineEnd > kMaxLineBytes && (newline >= 0 || p.pending.size() >= kMaxLineBytes + holdBack)) {
            const qsizetype cut = cutPosition(view.first(lineEnd));
            if (newline >= 0 && cut >= newline) {
                // A form of a secret reaches the newline: the line is kept whole instead.
                lines.append({stream, keep(p, view.first(newline))});
                p.pending.remove(0, newline + 1);
                p.scanned = 0;
                continue;
            }
            lines.append({stream, keep(p, view.first(cut))});
            p.pending.remove(0, cut);
            p.scanned = std::max<qsizetype>(0, p.scanned - cut);
            continue;
        }
        if (newline < 0)
            break;
        lines.append({stream, keep(p, view.first(newline))});
        p.pending.remove(0, newline + 1);
        p.scanned = 0;
    }
    return lines;
}

QList<OutputCapture::Line> OutputCapture::finish()
{
    QList<Line> lines;
    for (const OutputStream stream : {OutputStream::Stdout, OutputStream::Stderr}) {
        Part &p = part(stream);
        // An over-long last line is still cut at the bound.
        while (p.pending.size() > kMaxLineBytes) {
            const qsizetype cut = cutPosition(p.pending);
            lines.append({stream, keep(p, QByteArrayView(p.pending).first(cut))});
            p.pending.remove(0, cut);
        }
        if (!p.pending.isEmpty())
            lines.append({stream, keep(p, p.pending)});
        p.pending.clear();
        p.scanned = 0;
    }
    return lines;
}

QString OutputCapture::text(OutputStream stream) const
{
    const Part &p = part(stream);
    QStringList lines = p.head;
    if (p.dropped > 0)
        lines.append(dropMarker(p.dropped));
    lines += p.tail;
    return lines.join(QLatin1Char('\n'));
}

} // namespace lockstep
