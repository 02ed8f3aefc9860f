#include "app/metrics/PromTextParser.h"
#include "tests/metrics/MalformedCorpus.h"

#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <map>
#include <string>
#include <vector>

using namespace lockstep;

namespace {

struct Copied
{
    std::string name, family;
    PromMetricType type;
    PromSampleRole role;
    std::map<std::string, std::string> labels;
    double value;
    std::optional<std::int64_t> ts;
    double le, quantile;
    int line;
};

struct Collector : PromSampleVisitor
{
    std::vector<Copied> samples;
    std::vector<std::pair<std::string, std::string>> meta;   // family, text/type
    void sample(const PromSample &s) override
    {
        Copied c{std::string(s.name), std::string(s.family), s.type, s.role, {}, s.value, s.timestampMs, s.le,
                 s.quantile, s.line};
        for (const PromLabel &l : s.labels)
            c.labels[std::string(l.name)] = std::string(l.value);
        samples.push_back(std::move(c));
    }
    void metadata(const PromMetadata &m) override
    {
        meta.emplace_back(std::string(m.family),
                          m.kind == PromMetadata::Kind::Type ? std::string(promMetricTypeName(m.type))
                                                             : std::string(m.text));
    }
};

Status parse(const QByteArray &text, Collector &out, PromTextParser::Format f = PromTextParser::Format::Text)
{
    PromTextParser parser(f);
    return parser.parse(std::string_view(text.constData(), std::size_t(text.size())), out);
}

} // namespace

class TestPromTextParser : public QObject
{
    Q_OBJECT
private slots:
    void parsesCountersGaugesAndUntyped();
    void parsesHistogramAndSummary();
    void unescapesLabelValuesAndHelp();
    void specialFloatsAndTimestamps();
    void openMetricsSubset();
    void toleratesWhitespaceAndComments();
    void reusesParserAcrossBodies();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void survivesMutatedInput();
    void findsTheFirstDuplicateAmongManyLabels();
    void exemplarLabelsAreTheirOwnSet();
    void limitsStopHostilePages();
};

void TestPromTextParser::parsesCountersGaugesAndUntyped()
{
    Collector c;
    const Status s = parse("# HELP http_requests_total Requests served.\n"
                           "# TYPE http_requests_total counter\n"
                           "http_requests_total{code=\"200\",method=\"GET\"} 1027 1395066363000\n"
                           "http_requests_total{code=\"500\",method=\"GET\"} 3\n"
                           "# TYPE queue_depth gauge\n"
                           "queue_depth 12.5\n"
                           "some_untyped{a=\"b\",} 4e3\n",
                           c);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
    QCOMPARE(c.samples.size(), std::size_t(4));
    QCOMPARE(c.samples[0].family, std::string("http_requests_total"));
    QCOMPARE(c.samples[0].type, PromMetricType::Counter);
    QCOMPARE(c.samples[0].labels.at("code"), std::string("200"));
    QCOMPARE(c.samples[0].value, 1027.0);
    QCOMPARE(*c.samples[0].ts, std::int64_t(1395066363000));
    QVERIFY(!c.samples[1].ts);
    QCOMPARE(c.samples[2].type, PromMetricType::Gauge);
    QCOMPARE(c.samples[2].value, 12.5);
    QCOMPARE(c.samples[3].type, PromMetricType::Untyped);
    QCOMPARE(c.samples[3].labels.at("a"), std::string("b"));
    QCOMPARE(c.samples[3].value, 4000.0);
    QCOMPARE(c.samples[3].line, 7);
    QCOMPARE(c.meta.size(), std::size_t(3));
    QCOMPARE(c.meta[0].second, std::string("Requests served."));
}

void TestPromTextParser::parsesHistogramAndSummary()
{
    Collector c;
    const Status s = parse("# TYPE rpc_seconds histogram\n"
                           "rpc_seconds_bucket{le=\"0.05\"} 24054\n"
                           "rpc_seconds_bucket{le=\"1\"} 33444\n"
                           "rpc_seconds_bucket{le=\"+Inf\"} 144320\n"
                           "rpc_seconds_sum 53423\n"
                           "rpc_seconds_count 144320\n"
                           "# TYPE rpc_duration summary\n"
                           "rpc_duration{quantile=\"0.99\"} 76656\n"
                           "rpc_duration_sum 1.7560473e+07\n"
                           "rpc_duration_count 2693\n",
                           c);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
    QCOMPARE(c.samples.size(), std::size_t(8));
    QCOMPARE(c.samples[0].role, PromSampleRole::Bucket);
    QCOMPARE(c.samples[0].family, std::string("rpc_seconds"));
    QCOMPARE(c.samples[0].le, 0.05);
    QVERIFY(std::isinf(c.samples[2].le) && c.samples[2].le > 0);
    QCOMPARE(c.samples[3].role, PromSampleRole::Sum);
    QCOMPARE(c.samples[4].role, PromSampleRole::Count);
    QCOMPARE(c.samples[5].role, PromSampleRole::Quantile);
    QCOMPARE(c.samples[5].quantile, 0.99);
    QCOMPARE(c.samples[6].family, std::string("rpc_duration"));
    QCOMPARE(c.samples[6].role, PromSampleRole::Sum);
    QCOMPARE(c.samples[6].value, 1.7560473e+07);
}

void TestPromTextParser::unescapesLabelValuesAndHelp()
{
    Collector c;
    const Status s = parse("# HELP m A \\\\ back\\nslash \\\"q\\\"\n"
                           "m{path=\"C:\\\\DIR\\\\\",quote=\"say \\\"hi\\\"\",nl=\"a\\nb\",plain=\"x\"} 1\n"
                           "m{u=\"h\xc3\xa9llo\"} 2\n",
                           c);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
    QCOMPARE(c.meta[0].second, std::string("A \\ back\nslash \"q\""));
    QCOMPARE(c.samples[0].labels.at("path"), std::string("C:\\DIR\\"));
    QCOMPARE(c.samples[0].labels.at("quote"), std::string("say \"hi\""));
    QCOMPARE(c.samples[0].labels.at("nl"), std::string("a\nb"));
    QCOMPARE(c.samples[0].labels.at("plain"), std::string("x"));
    QCOMPARE(c.samples[1].labels.at("u"), std::string("h\xc3\xa9llo"));
}

void TestPromTextParser::specialFloatsAndTimestamps()
{
    Collector c;
    const Status s = parse("a NaN\nb +Inf\nc -Inf\nd -1.5e-3 -42\ne Inf\nf 0x1p3\n", c);
    QVERIFY(!s.ok());   // hex floats are not accepted, as in Prometheus
    QCOMPARE(s.error().where, QStringLiteral("line 6:3"));
    QCOMPARE(c.samples.size(), std::size_t(5));
    QVERIFY(std::isnan(c.samples[0].value));
    QVERIFY(std::isinf(c.samples[1].value) && c.samples[1].value > 0);
    QVERIFY(std::isinf(c.samples[2].value) && c.samples[2].value < 0);
    QCOMPARE(c.samples[3].value, -1.5e-3);
    QCOMPARE(*c.samples[3].ts, std::int64_t(-42));
    QVERIFY(std::isinf(c.samples[4].value));
}

void TestPromTextParser::openMetricsSubset()
{
    Collector c;
    const Status s = parse("# TYPE foo_seconds counter\n"
                           "# UNIT foo_seconds seconds\n"
                           "# HELP foo_seconds Time spent.\n"
                           "foo_seconds_total{a=\"1\"} 17.0 1520879607.789 # {trace_id=\"KOO5S4vxi0o\"} 0.67\n"
                           "foo_seconds_created{a=\"1\"} 1520430000.123\n"
                           "# EOF\n",
                           c, PromTextParser::Format::OpenMetrics);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
    QCOMPARE(c.samples.size(), std::size_t(2));
    QCOMPARE(c.samples[0].role, PromSampleRole::Total);
    QCOMPARE(c.samples[0].family, std::string("foo_seconds"));
    QCOMPARE(*c.samples[0].ts, std::int64_t(1520879607789));
    QCOMPARE(c.samples[1].role, PromSampleRole::Created);
    QCOMPARE(c.meta[1].second, std::string("seconds"));
    QCOMPARE(PromTextParser::formatForContentType("application/openmetrics-text; version=1.0.0"),
             PromTextParser::Format::OpenMetrics);
    QCOMPARE(PromTextParser::formatForContentType("text/plain; version=0.0.4"), PromTextParser::Format::Text);
}

void TestPromTextParser::toleratesWhitespaceAndComments()
{
    Collector c;
    const Status s = parse("\n   \n# just a comment\n#\n  m { a = \"1\" , b=\"2\" }   3   \t\n\tn 4", c);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
    QCOMPARE(c.samples.size(), std::size_t(2));
    QCOMPARE(c.samples[0].labels.at("b"), std::string("2"));
    QCOMPARE(c.samples[1].value, 4.0);   // no final newline is fine
}

void TestPromTextParser::reusesParserAcrossBodies()
{
    PromTextParser parser;
    for (int i = 0; i < 3; ++i) {
        Collector c;
        const QByteArray body = QByteArray("# TYPE x counter\nx{k=\"v\\\\") + QByteArray::number(i) + "\"} 1\n";
        const Status s = parser.parse(std::string_view(body.constData(), std::size_t(body.size())), c);
        QVERIFY(s.ok());   // the second TYPE for x belongs to a new body: no "second TYPE" error
        QCOMPARE(c.samples.at(0).labels.at("k"), "v\\" + std::to_string(i));
    }
}

void TestPromTextParser::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("openMetrics");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    for (const test::MalformedCase &c : test::malformedCorpus())
        QTest::newRow(c.name) << c.input << c.openMetrics << QString::fromLatin1(c.where) << QString::fromLatin1(c.message);
}

void TestPromTextParser::rejectsMalformed()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, openMetrics);
    QFETCH(QString, where);
    QFETCH(QString, message);
    Collector c;
    const Status s = parse(input, c, openMetrics ? PromTextParser::Format::OpenMetrics : PromTextParser::Format::Text);
    QVERIFY2(!s.ok(), "malformed input was accepted");
    QCOMPARE(s.error().where, where);
    QVERIFY2(s.error().message.contains(message),
             qPrintable(QStringLiteral("message \"%1\" lacks \"%2\"").arg(s.error().message, message)));
}

void TestPromTextParser::survivesMutatedInput()
{
    // A realistic body, then 20,000 random byte flips, insertions, deletions and truncations of it:
    // each parse either succeeds or names a line that exists, and never reads past the input.
    const QByteArray valid = "# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n"
                             "http_requests_total{code=\"200\",path=\"/a\\\\b\\\"c\\nd\"} 1027 1395066363000\n"
                             "# TYPE h histogram\nh_bucket{le=\"0.1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 0.3\nh_count 2\n"
                             "# TYPE s summary\ns{quantile=\"0.5\"} NaN\ns_sum -Inf\ns_count 0\n# EOF\n";
    const char alphabet[] = "{}=\",\\ \t\n#abcle_:0.9+-eEINaf\x80\xc3\xff";
    quint32 seed = 12345;
    auto next = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
    };
    PromTextParser text;
    PromTextParser om(PromTextParser::Format::OpenMetrics);
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        QByteArray body = valid;
        for (int edits = 1 + int(next() % 4); edits > 0; --edits) {
            const int at = int(next() % quint32(body.size() + 1));
            const char c = alphabet[next() % (sizeof alphabet - 1)];
            switch (next() % 4) {
            case 0: if (at < body.size()) body[at] = c; break;
            case 1: body.insert(at, c); break;
            case 2: body.remove(at, 1 + int(next() % 8)); break;
            case 3: body.truncate(at); break;
            }
        }
        // A copy without spare capacity, so a read past the end is outside the allocation.
        const std::string exact(body.constData(), std::size_t(body.size()));
        const int lines = int(body.count('\n')) + 2;
        for (PromTextParser *parser : {&text, &om}) {
            Collector c;
            const Status s = parser->parse(exact, c);
            if (s.ok()) {
                ++accepted;
                continue;
            }
            static const QRegularExpression where(QStringLiteral("^line (\\d+):(\\d+)$"));
            const QRegularExpressionMatch m = where.match(s.error().where);
            QVERIFY2(m.hasMatch(), qPrintable(s.error().toString()));
            QVERIFY2(m.captured(1).toInt() >= 1 && m.captured(1).toInt() <= lines, qPrintable(s.error().toString()));
            QVERIFY(!s.error().message.isEmpty());
        }
    }
    QVERIFY(accepted > 0);   // some mutations (e.g. in a HELP text) stay valid
}

void TestPromTextParser::findsTheFirstDuplicateAmongManyLabels()
{
    // 100,000 distinct labels parse (the check sorts, it does not compare every pair).
    QByteArray line = "wide{";
    for (int i = 0; i < 100000; ++i)
        line += (i ? ",l" : "l") + QByteArray::number(i) + "=\"v\"";
    Collector ok;
    QVERIFY(parse(line + "} 1\n", ok).ok());
    QCOMPARE(ok.samples.front().labels.size(), std::size_t(100000));

    // Two names repeat; the one repeated first in the line is reported, where it repeats.
    QByteArray dup = "wide{";
    for (int i = 0; i < 20; ++i)
        dup += "l" + QByteArray::number(i) + "=\"v\",";
    dup += "l7=\"again\",l3=\"again\",last=\"v\"} 1\n";
    Collector c;
    const Status s = parse(dup, c);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().message, QStringLiteral("duplicate label name \"l7\""));
    QCOMPARE(s.error().where, QStringLiteral("line 1:%1").arg(dup.indexOf("l7=\"again") + 1));

    // A repeated name is reported even when a later label is malformed: it comes first.
    Collector d;
    const Status early = parse("x{a=\"1\",b=\"2\",c=\"3\",d=\"4\",e=\"5\",f=\"6\",g=\"7\",h=\"8\",a=\"9\",i=oops} 1\n", d);
    QVERIFY(!early.ok());
    QCOMPARE(early.error().message, QStringLiteral("duplicate label name \"a\""));
}

void TestPromTextParser::exemplarLabelsAreTheirOwnSet()
{
    // An exemplar may carry a label name its sample also has (trace_id on both is common).
    Collector c;
    const Status s = parse("# TYPE a counter\na_total{trace_id=\"1\"} 1 # {trace_id=\"abc\"} 1\n# EOF\n", c,
                           PromTextParser::Format::OpenMetrics);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
    QCOMPARE(c.samples.size(), std::size_t(1));
}

void TestPromTextParser::limitsStopHostilePages()
{
    PromTextParser parser;
    parser.setLimits({32, 3, 2});
    Collector c;
    auto run = [&](const QByteArray &text) {
        c = {};
        return parser.parse(std::string_view(text.constData(), std::size_t(text.size())), c);
    };
    QVERIFY(run("a{x=\"1\",y=\"2\",z=\"3\"} 1\nb 2\n").ok());

    Status s = run("a 1\nb{x=\"1\",y=\"2\"} 1 # this line is far longer than thirty-two bytes\n");
    QVERIFY(!s.ok());
    QCOMPARE(s.error().message, QStringLiteral("line 2 is longer than 32 bytes (the line length limit)"));
    QCOMPARE(c.samples.size(), std::size_t(1));   // stopped before reading the long line

    s = run("a{w=\"1\",x=\"1\",y=\"2\",z=\"3\"} 1\n");
    QVERIFY(!s.ok());
    QCOMPARE(s.error().message, QStringLiteral("more than 3 labels in one series (the label limit)"));
    QCOMPARE(s.error().where, QStringLiteral("line 1:21"));

    s = run("a 1\nb 2\nc 3\n");
    QVERIFY(!s.ok());
    QCOMPARE(s.error().message, QStringLiteral("more than 2 series on one page (the series limit)"));
    QCOMPARE(s.error().where, QStringLiteral("line 3:1"));

    // The last line may end without a newline and still be measured.
    parser.setLimits({8, 0, 0});
    QVERIFY(run("abc 1").ok());
    QVERIFY(!run("abcdefgh 1").ok());
}

QTEST_GUILESS_MAIN(TestPromTextParser)
#include "tst_promtextparser.moc"
