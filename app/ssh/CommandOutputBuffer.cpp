#include "app/ssh/CommandOutputBuffer.h"

#include <algorithm>

namespace lockstep {

CommandOutputBuffer::CommandOutputBuffer(qint64 headBytes, qint64 tailBytes, QStringList secrets)
    : m_headBytes(headBytes)
    , m_tailBytes(tailBytes)
    , m_secrets(std::move(secrets))
{
    m_secrets.removeAll(QString());
    // Longest first, so a secret containing another is replaced whole.
    std::sort(m_secrets.begin(), m_secrets.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

void CommandOutputBuffer::append(OutputStream stream, const char *data, qsizetype size)
{
    QByteArray &partial = m_partial[stream == OutputStream::Stdout ? 0 : 1];
    partial.append(data, size);
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = partial.indexOf('\n', start);
        if (newline < 0)
            break;
        qsizetype end = newline;
        if (end > start && partial.at(end - 1) == '\r')
            --end;
        addLine(stream, partial.mid(start, end - start), newline + 1 - start);
        start = newline + 1;
    }
    partial.remove(0, start);
    while (partial.size() >= MaxLineBytes) {
        addLine(stream, partial.left(MaxLineBytes), MaxLineBytes);
        partial.remove(0, MaxLineBytes);
    }
}

void CommandOutputBuffer::addLine(OutputStream stream, const QByteArray &bytes, qsizetype rawSize)
{
    if (m_headUsed + rawSize <= m_headBytes) {
        m_headUsed += rawSize;
        m_ready.append(Line{stream, redact(bytes)});
        return;
    }
    // Once one line went to the tail, every later one does, so the order of lines is kept.
    m_headUsed = m_headBytes;
    m_tail.emplace_back(Line{stream, redact(bytes)}, rawSize);
    m_tailUsed += rawSize;
    while (m_tailUsed > m_tailBytes && !m_tail.empty()) {
        m_tailUsed -= m_tail.front().second;
        m_dropped += m_tail.front().second;
        m_tail.pop_front();
    }
}

QString CommandOutputBuffer::redact(const QByteArray &bytes) const
{
    QString text = QString::fromUtf8(bytes);
    for (const QString &secret : m_secrets)
        text.replace(secret, QStringLiteral("***"));
    return text;
}

QList<CommandOutputBuffer::Line> CommandOutputBuffer::takeReady()
{
    return std::exchange(m_ready, {});
}

QList<CommandOutputBuffer::Line> CommandOutputBuffer::finish()
{
    for (int i = 0; i < 2; ++i) {
        if (!m_partial[i].isEmpty())
            addLine(i == 0 ? OutputStream::Stdout : OutputStream::Stderr, m_partial[i], m_partial[i].size());
        m_partial[i].clear();
    }
    QList<Line> lines = takeReady();
    if (m_dropped > 0)
        lines.append(Line{OutputStream::Stderr,
                          QStringLiteral("[lockstep: %1 bytes of output not kept]").arg(m_dropped)});
    for (auto &[line, size] : m_tail)
        lines.append(std::move(line));
    m_tail.clear();
    m_tailUsed = 0;
    return lines;
}

} // namespace lockstep
