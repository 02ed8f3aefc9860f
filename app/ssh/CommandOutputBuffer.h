#pragma once

#include "app/transport/CommandSpec.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <deque>

namespace lockstep {

// Splits a command's raw output into redacted lines and bounds what is kept in memory: the first
// `headBytes` are handed out as they arrive, the last `tailBytes` after them only when the command
// ends; what falls between is counted, not kept.
class CommandOutputBuffer
{
public:
    struct Line
    {
        OutputStream stream;
        QString text;
    };

    CommandOutputBuffer(qint64 headBytes, qint64 tailBytes, QStringList secrets);

    void append(OutputStream stream, const char *data, qsizetype size);
    // Lines ready to be shown now (within the head).
    QList<Line> takeReady();
    // At the end: partial last lines, then a note on what was dropped, then the tail.
    QList<Line> finish();
    qint64 droppedBytes() const { return m_dropped; }

private:
    // A line without a newline this long is cut, so one endless line cannot grow without bound.
    static constexpr qsizetype MaxLineBytes = 64 * 1024;

    void addLine(OutputStream stream, const QByteArray &bytes, qsizetype rawSize);
    QString redact(const QByteArray &bytes) const;

    qint64 m_headBytes;
    qint64 m_tailBytes;
    QStringList m_secrets;
    QByteArray m_partial[2];
    QList<Line> m_ready;
    std::deque<std::pair<Line, qsizetype>> m_tail;
    qint64 m_headUsed = 0;
    qint64 m_tailUsed = 0;
    qint64 m_dropped = 0;
};

} // namespace lockstep
