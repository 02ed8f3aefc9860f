// The malformed corpus of tst_promtextparser against the reference: `promtool check metrics` must reject
// the same text-format bodies, on the same line, except where Lockstep is deliberately stricter.
#include "app/metrics/PromTextParser.h"
#include "tests/metrics/MalformedCorpus.h"
#include "tests/support/PeerProcess.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace lockstep;

class TestPromtoolCrossCheck : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sameVerdictAsPromtool_data();
    void sameVerdictAsPromtool();
};

void TestPromtoolCrossCheck::initTestCase()
{
    if (const QString missing = test::PeerProcess::missingProgram(QStringLiteral("promtool"), QStringLiteral("prometheus"));
        !missing.isEmpty())
        QFAIL(qPrintable(missing));
}

void TestPromtoolCrossCheck::sameVerdictAsPromtool_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("promtool");
    QTest::addColumn<QString>("where");
    for (const test::MalformedCase &c : test::malformedCorpus())
        if (c.promtool != test::MalformedCase::Promtool::NotApplicable)
            QTest::newRow(c.name) << c.input << int(c.promtool) << QString::fromLatin1(c.where);
}

void TestPromtoolCrossCheck::sameVerdictAsPromtool()
{
    QFETCH(QByteArray, input);
    QFETCH(int, promtool);
    QFETCH(QString, where);

    struct Null : PromSampleVisitor
    {
        void sample(const PromSample &) override {}
    } visitor;
    PromTextParser parser;
    QVERIFY(!parser.parse(std::string_view(input.constData(), std::size_t(input.size())), visitor).ok());

    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")});
    QVERIFY(process.waitForStarted(10000));
    process.write(input);
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    const QString output = QString::fromUtf8(process.readAll());
    static const QRegularExpression parseError(QStringLiteral("text format parsing error in line (\\d+)"));
    const QRegularExpressionMatch m = parseError.match(output);
    if (promtool == int(test::MalformedCase::Promtool::Accepts)) {
        QVERIFY2(!m.hasMatch(), qPrintable(QStringLiteral("promtool now rejects it too: ") + output));
        return;
    }
    QVERIFY2(m.hasMatch(), qPrintable(QStringLiteral("promtool accepted it: ") + output));
    const QString line = where.section(QLatin1Char(' '), 1).section(QLatin1Char(':'), 0, 0);
    QCOMPARE(m.captured(1), line);
}

QTEST_GUILESS_MAIN(TestPromtoolCrossCheck)
#include "tst_promtool_crosscheck.moc"
