#include "app/transport/OutputCapture.h"

#include <QTest>

using namespace lockstep;
using Line = OutputCapture::Line;

// The one capture every transport uses: bytes -> lines, CRs, the line bound, head/tail with one drop
// marker, and redaction of every form of a secret however the program wrote it.
class TestOutputCapture : public QObject
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
    static QStringList feed(OutputCapture &capture, const QList<QByteArray> &reads)
    {
        QStringList lines;
        for (const QByteArray &read : reads)
            lines += texts(capture.append(OutputStream::Stdout, read));
        return lines + texts(capture.finish());
    }

private slots:
    void splitsLinesAcrossReadsAndStreams()
    {
        OutputCapture capture({});
        QCOMPARE(texts(capture.append(OutputStream::Stdout, "one\r\ntw")), QStringList{QStringLiteral("one")});
        QVERIFY(capture.append(OutputStream::Stderr, "err").isEmpty());
        const QList<Line> two = capture.append(OutputStream::Stdout, "o\nthree");
        QCOMPARE(texts(two), QStringList{QStringLiteral("two")});
        QCOMPARE(two.first().stream, OutputStream::Stdout);
        const QList<Line> rest = capture.finish();
        QCOMPARE(texts(rest), (QStringList{QStringLiteral("three"), QStringLiteral("err")}));
        QCOMPARE(rest.at(1).stream, OutputStream::Stderr);
        QCOMPARE(capture.droppedBytes(), 0);
    }

    void carriageReturnsShowWhatATerminalShows()
    {
        OutputCapture capture({});
        QCOMPARE(feed(capture, {"dos\r\n", "10%\r50%\r100%\n", "\r\r\n", "end\r"}),
                 (QStringList{QStringLiteral("dos"), QStringLiteral("100%"), QString(), QStringLiteral("end")}));
    }

    // A program that writes a secret in pieces (one write() per few bytes, or the split of two reads).
    void masksASecretSplitAcrossReads_data()
    {
        QTest::addColumn<QList<QByteArray>>("reads");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("raw in three reads") << QList<QByteArray>{"token=s3cr", "3t+T0ken", "Value ok\n"}
                                            << QStringList{QStringLiteral("token=*** ok")};
        QTest::newRow("byte by byte") << [] {
            QList<QByteArray> reads;
            for (char c : QByteArray("x s3cr3t+T0kenValue y\n"))
                reads << QByteArray(1, c);
            return reads;
        }() << QStringList{QStringLiteral("x *** y")};
        QTest::newRow("URL-encoded, split in the escape") << QList<QByteArray>{"GET /?t=s3cr3t%", "2BT0ken", "Value\n"}
                                                          << QStringList{QStringLiteral("GET /?t=***")};
        QTest::newRow("base64, split") << QList<QByteArray>{"czNjcjN0K1Qwa2", "VuVmFsdWU=\n"}
                                       << QStringList{QStringLiteral("***")};
        QTest::newRow("no newline at the end") << QList<QByteArray>{"s3cr3t+T0", "kenValue"}
                                               << QStringList{QStringLiteral("***")};
    }

    void masksASecretSplitAcrossReads()
    {
        QFETCH(QList<QByteArray>, reads);
        QFETCH(QStringList, expected);
        OutputCapture capture(Redactor({QStringLiteral("s3cr3t+T0kenValue")}));
        QCOMPARE(feed(capture, reads), expected);
    }

    // One endless line is cut at the bound, on a UTF-8 boundary, never through a secret.
    void cutsAnEndlessLine()
    {
        OutputCapture capture({});
        const QList<Line> first = capture.append(OutputStream::Stdout, QByteArray(100 * 1024, 'x'));
        QCOMPARE(first.size(), 1);
        QCOMPARE(first.first().text.size(), OutputCapture::kMaxLineBytes);
        QCOMPARE(texts(capture.finish()), QStringList{QString(36 * 1024, QLatin1Char('x'))});

        OutputCapture utf8({});
        // 'é' is two bytes: the bound falls inside one, the cut moves back before it.
        const QByteArray text = QByteArray(OutputCapture::kMaxLineBytes - 1, 'a') + "\xc3\xa9" + "tail\n";
        const QStringList lines = feed(utf8, {text});
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).size(), OutputCapture::kMaxLineBytes - 1);
        QCOMPARE(lines.at(1), QStringLiteral("\u00e9tail"));
    }

    void neverCutsThroughASecret()
    {
        const QString secret = QStringLiteral("s3cr3tT0kenValue");
        OutputCapture capture(Redactor({secret}));
        // The secret straddles the 64 KiB bound; it arrives in two reads on either side of it.
        const QByteArray head = QByteArray(OutputCapture::kMaxLineBytes - 6, 'x') + "s3cr3tT0";
        const QStringList lines = feed(capture, {head, "kenValue", QByteArray(QByteArray(70 * 1024, 'y') + "\n")});
        const QString all = lines.join(QString());
        QVERIFY(!all.contains(QLatin1String("s3cr3t")));
        QVERIFY(!all.contains(QLatin1String("kenValue")));
        QCOMPARE(all.count(Redactor::mask()), 1);
        for (const QString &line : lines)
            QVERIFY(line.toUtf8().size() <= OutputCapture::kMaxLineBytes);
    }

    // Every line streams out; memory keeps head and tail, and one marker says how much fell between.
    void keepsHeadAndTailWithOneDropMarker()
    {
        OutputCapture capture({}, 30, 20);
        int streamed = 0;
        for (int i = 0; i < 100; ++i)
            streamed += int(capture.append(OutputStream::Stdout, QByteArray(QByteArray::number(100000000 + i) + '\n')).size());
        QCOMPARE(streamed, 100);
        QCOMPARE(capture.head(OutputStream::Stdout),
                 (QStringList{QStringLiteral("100000000"), QStringLiteral("100000001"), QStringLiteral("100000002")}));
        QCOMPARE(capture.tail(OutputStream::Stdout), (QStringList{QStringLiteral("100000098"), QStringLiteral("100000099")}));
        QCOMPARE(capture.droppedBytes(), 950);
        const QString text = capture.text(OutputStream::Stdout);
        QCOMPARE(text.count(QLatin1String("dropped")), 1);
        QVERIFY(text.contains(OutputCapture::dropMarker(950)));
        QVERIFY(capture.text(OutputStream::Stderr).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOutputCapture)
#include "tst_outputcapture.moc"
