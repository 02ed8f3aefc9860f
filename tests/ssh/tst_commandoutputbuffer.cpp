#include "app/ssh/CommandOutputBuffer.h"

#include <QTest>

using namespace lockstep;
using Line = CommandOutputBuffer::Line;

class TestCommandOutputBuffer : public QObject
{
    Q_OBJECT

private:
    static QStringList texts(const QList<Line> &lines)
    {
        QStringList result;
        for (const Line &line : lines)
            result.append(line.text);
        return result;
    }

private slots:
    void splitsLinesAcrossChunksAndStreams()
    {
        CommandOutputBuffer buffer(1024, 1024, {});
        buffer.append(OutputStream::Stdout, "one\r\ntw", 7);
        buffer.append(OutputStream::Stderr, "err", 3);
        QCOMPARE(texts(buffer.takeReady()), QStringList{QStringLiteral("one")});
        buffer.append(OutputStream::Stdout, "o\nthree", 7);
        const QList<Line> ready = buffer.takeReady();
        QCOMPARE(texts(ready), QStringList{QStringLiteral("two")});
        QCOMPARE(ready.first().stream, OutputStream::Stdout);
        const QList<Line> rest = buffer.finish();
        QCOMPARE(texts(rest), (QStringList{QStringLiteral("three"), QStringLiteral("err")}));
        QCOMPARE(rest.at(1).stream, OutputStream::Stderr);
        QCOMPARE(buffer.droppedBytes(), 0);
    }

    void redactsEverySecretLongestFirst()
    {
        CommandOutputBuffer buffer(1024, 1024, {QStringLiteral("abc"), QStringLiteral("abcdef"), QString()});
        const QByteArray text = "x=abcdef y=abc z=ab\n";
        buffer.append(OutputStream::Stdout, text.constData(), text.size());
        QCOMPARE(texts(buffer.takeReady()), QStringList{QStringLiteral("x=*** y=*** z=ab")});
    }

    void keepsHeadAndTailAndCountsTheRest()
    {
        // 100 lines of 10 bytes: 30 bytes of head (3 lines), 20 of tail (2 lines), 950 dropped.
        CommandOutputBuffer buffer(30, 20, {});
        for (int i = 0; i < 100; ++i) {
            const QByteArray line = QByteArray::number(100000000 + i) + '\n';
            buffer.append(OutputStream::Stdout, line.constData(), line.size());
        }
        QCOMPARE(texts(buffer.takeReady()),
                 (QStringList{QStringLiteral("100000000"), QStringLiteral("100000001"), QStringLiteral("100000002")}));
        const QList<Line> end = buffer.finish();
        QCOMPARE(buffer.droppedBytes(), 950);
        QCOMPARE(end.size(), 3);
        QCOMPARE(end.at(0).stream, OutputStream::Stderr);
        QVERIFY(end.at(0).text.contains(QLatin1String("950 bytes")));
        QCOMPARE(end.at(1).text, QStringLiteral("100000098"));
        QCOMPARE(end.at(2).text, QStringLiteral("100000099"));
    }

    void cutsAnEndlessLine()
    {
        CommandOutputBuffer buffer(1024 * 1024, 0, {});
        const QByteArray chunk(100 * 1024, 'x');
        buffer.append(OutputStream::Stdout, chunk.constData(), chunk.size());
        const QList<Line> ready = buffer.takeReady();
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.first().text.size(), 64 * 1024);
        QCOMPARE(buffer.finish().first().text.size(), 36 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestCommandOutputBuffer)
#include "tst_commandoutputbuffer.moc"
