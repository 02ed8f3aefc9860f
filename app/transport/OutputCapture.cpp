#include "app/transport/OutputCapture.h"

namespace lockstep {

OutputCapture::OutputCapture(const QStringList &secrets, qsizetype keepBytes)
    : m_redactor(secrets), m_keepBytes(keepBytes)
{
}

QString OutputCapture::keep(Part &p, QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    const QString text = m_redactor.redact(QString::fromUtf8(line));
    const qsizetype size = line.size() + 1;
    if (p.headBytes + size <= m_keepBytes && p.tail.isEmpty() && p.dropped == 0) {
        p.head.append(text);
        p.headBytes += size;
        return text;
    }
    p.tail.append(text);
    p.tailBytes += size;
    while (p.tailBytes > m_keepBytes && !p.tail.isEmpty()) {
        const qsizetype first = p.tail.first().toUtf8().size() + 1;
        p.tail.removeFirst();
        p.tailBytes -= first;
        p.dropped += first;
    }
    return text;
}

QStringList OutputCapture::append(OutputStream stream, const QByteArray &data)
{
    Part &p = part(stream);
    QStringList lines;
    auto addPending = [&](QByteArrayView bytes) {
        p.pending += bytes;
        while (p.pending.size() > kMaxLineBytes) {
            lines.append(keep(p, p.pending.left(kMaxLineBytes)));
            p.pending.remove(0, kMaxLineBytes);
        }
    };
    qsizetype start = 0;
    while (start < data.size()) {
        const qsizetype nl = data.indexOf('\n', start);
        if (nl < 0) {
            addPending(QByteArrayView(data).sliced(start));
            break;
        }
        addPending(QByteArrayView(data).sliced(start, nl - start));
        lines.append(keep(p, p.pending));
        p.pending.clear();
        start = nl + 1;
    }
    return lines;
}

QStringList OutputCapture::finish(OutputStream stream)
{
    Part &p = part(stream);
    if (p.pending.isEmpty())
        return {};
    const QString last = keep(p, p.pending);
    p.pending.clear();
    return {last};
}

QString OutputCapture::text(OutputStream stream) const
{
    const Part &p = part(stream);
    QStringList lines = p.head;
    if (p.dropped > 0)
        lines.append(QStringLiteral("[... %1 bytes dropped ...]").arg(p.dropped));
    lines += p.tail;
    return lines.join(QLatin1Char('\n'));
}

} // namespace lockstep
