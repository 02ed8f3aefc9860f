#pragma once

#include <QByteArray>

#include <vector>

namespace lockstep::test {

// Malformed exposition bodies with where PromTextParser stops and what it says. `promtool` tells
// whether `promtool check metrics` (prometheus/common expfmt, Debian 12) rejects the body too:
// Rejects, Accepts (Lockstep is deliberately stricter, e.g. histogram samples without a suffix), or
// NotApplicable (OpenMetrics-only rules; promtool reads only the text format).
struct MalformedCase
{
    enum class Promtool { Rejects, Accepts, NotApplicable };
    const char *name;
    QByteArray input;
    const char *where;
    const char *message;
    bool openMetrics = false;
    Promtool promtool = Promtool::Rejects;
};

inline const std::vector<MalformedCase> &malformedCorpus()
{
    static const std::vector<MalformedCase> corpus{
        {"name starts with digit", "ok 1\n1abc 2\n", "line 2:1", "expected a metric name"},
        {"name has dash", "foo-bar 1\n", "line 1:4", "invalid character '-' in metric name \"foo\""},
        {"missing value", "foo\n", "line 1:4", "missing value for metric \"foo\""},
        {"missing value after labels", "foo{a=\"b\"}\n", "line 1:11", "missing value for metric \"foo\""},
        {"value not a float", "foo abc\n", "line 1:5", "expected a float as value of \"foo\", found \"abc\""},
        {"value with trailing junk", "foo 1.5x\n", "line 1:5", "found \"1.5x\""},
        {"value hex float", "foo 0x10\n", "line 1:5", "found \"0x10\""},
        {"value underscores", "foo 1_000\n", "line 1:5", "found \"1_000\""},
        {"value double sign", "foo +-1\n", "line 1:5", "found \"+-1\""},
        {"timestamp float", "foo 1 1.5\n", "line 1:7", "expected an integer timestamp in milliseconds, found \"1.5\""},
        {"text after timestamp", "foo 1 2 3\n", "line 1:9", "unexpected text '3' after the sample of \"foo\""},
        {"exemplar in text format", "foo 1 # {a=\"b\"} 1\n", "line 1:7", "expected an integer timestamp"},
        {"label without equals", "foo{a} 1\n", "line 1:6", "expected '=' after label name \"a\", found '}'"},
        {"label value unquoted", "foo{a=b} 1\n", "line 1:7", "expected '\"' to start the value of label \"a\", found 'b'"},
        {"label value unterminated", "foo{a=\"b} 1\n", "line 1:12", "value of label \"a\" is not terminated"},
        {"bad escape", "foo{a=\"x\\t\"} 1\n", "line 1:9", "invalid escape sequence '\\t' in value of label \"a\""},
        {"label name starts with digit", "foo{1a=\"x\"} 1\n", "line 1:5", "expected a label name or '}', found '1'"},
        {"label name with colon", "foo{a:b=\"x\"} 1\n", "line 1:6", "expected '=' after label name \"a\", found ':'"},
        {"missing comma", "foo{a=\"x\" b=\"y\"} 1\n", "line 1:11", "expected ',' or '}' after the value of label \"a\""},
        {"unclosed label set", "foo{a=\"x\",\n", "line 1:11", "label set is not closed"},
        {"duplicate label", "foo{a=\"x\",a=\"y\"} 1\n", "line 1:11", "duplicate label name \"a\""},
        {"reserved __name__", "foo{__name__=\"x\"} 1\n", "line 1:5", "label name \"__name__\" is reserved"},
        {"invalid utf8", "foo{a=\"\xff\xfe\"} 1\n", "line 1:8", "value of label \"a\" is not valid UTF-8"},
        {"unknown type", "# TYPE foo countr\nfoo 1\n", "line 1:12", "unknown metric type \"countr\" for \"foo\""},
        {"missing type", "# TYPE foo\n", "line 1:11", "missing type in TYPE line for \"foo\"", false, MalformedCase::Promtool::Accepts},
        {"second type", "# TYPE foo gauge\n# TYPE foo gauge\n", "line 2:3", "second TYPE line for metric \"foo\""},
        {"type after samples", "foo 1\n# TYPE foo gauge\n", "line 2:3", "TYPE line for metric \"foo\" comes after its samples"},
        {"second help", "# HELP foo a\n# HELP foo b\n", "line 2:3", "second HELP line for metric \"foo\""},
        {"bad help escape", "# HELP foo a\\tb\n", "line 1:13", "invalid escape sequence '\\t' in HELP text of \"foo\""},
        {"help without name", "# HELP  \n", "line 1:9", "expected a metric name after '# HELP', found end of line", false, MalformedCase::Promtool::Accepts},
        {"type with bad name", "# TYPE 9foo gauge\n", "line 1:8", "expected a metric name after '# TYPE', found '9'"},
        {"histogram bucket without le", "# TYPE h histogram\nh_bucket{x=\"1\"} 1\n", "line 2:1", "histogram bucket \"h_bucket\" has no 'le' label", false, MalformedCase::Promtool::Accepts},
        {"histogram le not float", "# TYPE h histogram\nh_bucket{le=\"big\"} 1\n", "line 2:14", "invalid 'le' value \"big\""},
        {"histogram bare name", "# TYPE h histogram\nh 1\n", "line 2:1", "must be named h_bucket, h_sum or h_count", false, MalformedCase::Promtool::Accepts},
        {"summary without quantile", "# TYPE s summary\ns 1\n", "line 2:1", "summary sample \"s\" has no 'quantile' label", false, MalformedCase::Promtool::Accepts},
        {"summary quantile not float", "# TYPE s summary\ns{quantile=\"p99\"} 1\n", "line 2:13", "invalid 'quantile' value \"p99\""},
        {"content after eof", "foo 1\n# EOF\nbar 2\n", "line 3:1", "content after '# EOF'", false, MalformedCase::Promtool::Accepts},
        {"om missing eof", "foo_total 1\n", "line 2:1", "missing '# EOF'", true, MalformedCase::Promtool::NotApplicable},
        {"om counter without _total", "# TYPE foo counter\nfoo 1\n# EOF\n", "line 2:1", "must be named foo_total", true, MalformedCase::Promtool::NotApplicable},
        {"om bad timestamp", "foo 1 abc\n# EOF\n", "line 1:7", "expected a timestamp in seconds, found \"abc\"", true, MalformedCase::Promtool::NotApplicable},
        {"om bad exemplar", "foo 1 # trace 1\n# EOF\n", "line 1:9", "expected '{' to start an exemplar's labels", true, MalformedCase::Promtool::NotApplicable},
        {"om unit not suffix", "# UNIT foo_seconds bytes\n# EOF\n", "line 1:20", "unit \"bytes\" is not a suffix", true, MalformedCase::Promtool::NotApplicable},
        {"text after eof marker", "# EOF now\n", "line 1:7", "unexpected text after '# EOF'", false, MalformedCase::Promtool::Accepts},
    };
    return corpus;
}

} // namespace lockstep::test
