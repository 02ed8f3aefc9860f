#include "app/metrics/PromTextParser.h"

#include <QString>

#include <algorithm>
#include <array>
#include <random>
#include <charconv>
#include <cstring>

namespace lockstep {

namespace {

constexpr std::array<bool, 256> makeTable(bool digits, bool colon)
{
    std::array<bool, 256> t{};
    for (int c = 'a'; c <= 'z'; ++c)
        t[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[c] = true;
    t['_'] = true;
    if (colon)
        t[':'] = true;
    if (digits)
        for (int c = '0'; c <= '9'; ++c)
            t[c] = true;
    return t;
}

constexpr auto kMetricStart = makeTable(false, true);
constexpr auto kMetricChar = makeTable(true, true);
constexpr auto kLabelStart = makeTable(false, false);
constexpr auto kLabelChar = makeTable(true, false);

inline bool isBlank(char c) { return c == ' ' || c == '\t'; }
inline unsigned char u8(char c) { return static_cast<unsigned char>(c); }

QString q(std::string_view v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

// Go's strconv.ParseFloat as Prometheus uses it: decimal or exponent notation, an optional sign,
// NaN and Inf/Infinity in any case; no hex floats and no underscores.
bool parseDouble(std::string_view token, double &out)
{
    if (token.empty())
        return false;
    const char *b = token.data();
    const char *e = b + token.size();
    bool negative = false;
    if (*b == '+' || *b == '-') {
        negative = *b == '-';
        ++b;
        if (b == e || *b == '+' || *b == '-')
            return false;
    }
    const std::string_view body(b, std::size_t(e - b));
    if (equalsNoCase(body, "nan")) {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (equalsNoCase(body, "inf") || equalsNoCase(body, "infinity")) {
        out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    // from_chars would also take "nan(...)" and friends; only digits and '.' may start a number.
    if (!((*b >= '0' && *b <= '9') || *b == '.'))
        return false;
    const auto [ptr, ec] = std::from_chars(b, e, out, std::chars_format::general);
    if (ec != std::errc() && ec != std::errc::result_out_of_range)
        return false;
    if (ptr != e)
        return false;
    if (negative)
        out = -out;
    return true;
}

bool parseInt64(std::string_view token, std::int64_t &out)
{
    const char *b = token.data();
    const char *e = b + token.size();
    if (b != e && *b == '+')
        ++b;
    if (b == e)
        return false;
    const auto [ptr, ec] = std::from_chars(b, e, out, 10);
    return ec == std::errc() && ptr == e;
}

bool validUtf8(std::string_view s)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const auto *end = p + s.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n = 0;
        unsigned cp = 0;
        if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= n)
            return false;
        for (int i = 1; i <= n; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF
            || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += n + 1;
    }
    return true;
}

bool parseType(std::string_view text, PromMetricType &type)
{
    static constexpr std::pair<std::string_view, PromMetricType> kTypes[] = {
        {"counter", PromMetricType::Counter},     {"gauge", PromMetricType::Gauge},
        {"histogram", PromMetricType::Histogram}, {"summary", PromMetricType::Summary},
        {"untyped", PromMetricType::Untyped},     {"unknown", PromMetricType::Unknown},
        {"gaugehistogram", PromMetricType::GaugeHistogram},
        {"stateset", PromMetricType::StateSet},   {"info", PromMetricType::Info},
    };
    for (const auto &[name, t] : kTypes) {
        if (name == text) {
            type = t;
            return true;
        }
    }
    return false;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The suffixes a family of a type may put after its name, and what they mean.
struct Suffix
{
    std::string_view text;
    PromSampleRole role;
};

std::span<const Suffix> suffixesFor(PromMetricType type)
{
    static constexpr Suffix kCounter[] = {{"_total", PromSampleRole::Total}, {"_created", PromSampleRole::Created}};
    static constexpr Suffix kHistogram[] = {{"_bucket", PromSampleRole::Bucket}, {"_sum", PromSampleRole::Sum},
                                            {"_count", PromSampleRole::Count}, {"_created", PromSampleRole::Created}};
    static constexpr Suffix kGaugeHistogram[] = {{"_bucket", PromSampleRole::Bucket},
                                                 {"_gsum", PromSampleRole::GaugeSum},
                                                 {"_gcount", PromSampleRole::GaugeCount}};
    static constexpr Suffix kSummary[] = {{"_sum", PromSampleRole::Sum}, {"_count", PromSampleRole::Count},
                                          {"_created", PromSampleRole::Created}};
    static constexpr Suffix kInfo[] = {{"_info", PromSampleRole::Value}};
    switch (type) {
    case PromMetricType::Counter: return kCounter;
    case PromMetricType::Histogram: return kHistogram;
    case PromMetricType::GaugeHistogram: return kGaugeHistogram;
    case PromMetricType::Summary: return kSummary;
    case PromMetricType::Info: return kInfo;
    default: return {};
    }
}

} // namespace

std::string_view promMetricTypeName(PromMetricType type)
{
    switch (type) {
    case PromMetricType::Untyped: return "untyped";
    case PromMetricType::Counter: return "counter";
    case PromMetricType::Gauge: return "gauge";
    case PromMetricType::Histogram: return "histogram";
    case PromMetricType::Summary: return "summary";
    case PromMetricType::GaugeHistogram: return "gaugehistogram";
    case PromMetricType::StateSet: return "stateset";
    case PromMetricType::Info: return "info";
    case PromMetricType::Unknown: return "unknown";
    }
    return "untyped";
}

// Position in the input and the line being read, for scanning and for error messages.
class PromTextParser::Cursor
{
public:
    Cursor(const char *begin, const char *end) : p(begin), end(end), lineStart(begin) {}

    bool atEnd() const { return p >= end; }
    bool atLineEnd() const { return p >= end || *p == '\n'; }
    char peek() const { return p < end ? *p : '\n'; }
    void skipBlanks()
    {
        while (p < end && isBlank(*p))
            ++p;
    }
    std::string_view tokenUntilBlank()
    {
        const char *b = p;
        while (p < end && *p != ' ' && *p != '\t' && *p != '\n')
            ++p;
        return {b, std::size_t(p - b)};
    }
    std::string_view restOfLine()
    {
        const char *b = p;
        const void *nl = p < end ? std::memchr(p, '\n', std::size_t(end - p)) : nullptr;
        p = nl ? static_cast<const char *>(nl) : end;
        return {b, std::size_t(p - b)};
    }
    void nextLine()
    {
        if (p < end)
            ++p;   // the '\n'
        lineStart = p;
    }

    // What is at the cursor, for "found ..." in messages.
    QString found() const
    {
        if (p >= end)
            return QStringLiteral("end of input");
        if (*p == '\n')
            return QStringLiteral("end of line");
        if (u8(*p) >= 0x20 && u8(*p) < 0x7F)
            return QStringLiteral("'%1'").arg(QLatin1Char(*p));
        return QStringLiteral("byte 0x%1").arg(u8(*p), 2, 16, QLatin1Char('0'));
    }

    Error error(const QString &message, const char *at = nullptr) const
    {
        const char *pos = at ? at : p;
        return Error{message, QStringLiteral("line %1:%2").arg(QString::number(line), QString::number(pos - lineStart + 1)),
                     QStringLiteral("see the Prometheus text exposition format")};
    }

    const char *p;
    const char *end;
    const char *lineStart;
    int line = 0;
};

PromTextParser::PromTextParser(Format format)
    : m_format(format)
    , m_hash{0xcbf29ce484222325ULL ^ (std::uint64_t(std::random_device{}()) << 16)}
    , m_families(16, m_hash)
{
    m_pending.reserve(16);
    m_labels.reserve(16);
    m_scratch.reserve(256);
}

PromTextParser::Format PromTextParser::formatForContentType(std::string_view contentType)
{
    return contentType.find("application/openmetrics-text") != std::string_view::npos ? Format::OpenMetrics
                                                                                      : Format::Text;
}

Status PromTextParser::parse(std::string_view text, PromSampleVisitor &visitor)
{
    m_families.clear();
    m_sawEof = false;
    m_lastName = {};
    m_series = 0;
    Cursor c(text.data(), text.data() + text.size());
    while (!c.atEnd()) {
        ++c.line;
        c.lineStart = c.p;
        if (m_sawEof)
            return c.error(QStringLiteral("content after '# EOF': '# EOF' must be the last line"));
        if (m_limits.maxLineBytes > 0) {
            // Look no further than the limit: a 1 GB line costs no more than a line at the limit.
            const std::size_t window = std::min(m_limits.maxLineBytes + 1, std::size_t(c.end - c.p));
            if (window > m_limits.maxLineBytes && !std::memchr(c.p, '\n', window))
                return Error{QStringLiteral("line %1 is longer than %2 bytes (the line length limit)")
                                 .arg(QString::number(c.line), QString::number(m_limits.maxLineBytes)),
                             QStringLiteral("line %1:1").arg(c.line),
                             QStringLiteral("a metrics page with lines this long is not a service's own metrics; "
                                            "raise the limit only if the page is known to be sane")};
        }
        c.skipBlanks();
        if (c.atLineEnd()) {
            c.nextLine();
            continue;
        }
        Status status = *c.p == '#' ? parseComment(c, visitor) : parseSample(c, visitor);
        if (!status)
            return status;
        c.nextLine();
    }
    if (m_format == Format::OpenMetrics && !m_sawEof) {
        ++c.line;
        c.lineStart = c.p;
        return c.error(QStringLiteral("missing '# EOF' at the end of OpenMetrics input"));
    }
    return okStatus();
}

Status PromTextParser::parseComment(Cursor &c, PromSampleVisitor &visitor)
{
    ++c.p;   // '#'
    c.skipBlanks();
    const char *keywordAt = c.p;
    const std::string_view keyword = c.tokenUntilBlank();
    PromMetadata::Kind kind;
    if (keyword == "HELP") {
        kind = PromMetadata::Kind::Help;
    } else if (keyword == "TYPE") {
        kind = PromMetadata::Kind::Type;
    } else if (keyword == "UNIT") {
        kind = PromMetadata::Kind::Unit;
    } else if (keyword == "EOF") {
        c.skipBlanks();
        if (!c.atLineEnd())
            return c.error(QStringLiteral("unexpected text after '# EOF'"));
        m_sawEof = true;
        return okStatus();
    } else {
        c.restOfLine();   // a plain comment
        return okStatus();
    }
    if (!isBlank(c.peek()))
        return c.error(QStringLiteral("expected a metric name after '# %1'").arg(q(keyword)));
    c.skipBlanks();
    const char *nameAt = c.p;
    if (c.atEnd() || !kMetricStart[u8(*c.p)])
        return c.error(QStringLiteral("expected a metric name after '# %1', found %2").arg(q(keyword), c.found()));
    while (c.p < c.end && kMetricChar[u8(*c.p)])
        ++c.p;
    const std::string_view name(nameAt, std::size_t(c.p - nameAt));
    if (!c.atLineEnd() && !isBlank(*c.p))
        return c.error(QStringLiteral("invalid character %1 in metric name \"%2\"").arg(c.found(), q(name)));
    c.skipBlanks();

    Family &family = m_families[name];
    PromMetadata meta;
    meta.kind = kind;
    meta.family = name;
    meta.line = c.line;
    switch (kind) {
    case PromMetadata::Kind::Type: {
        const char *typeAt = c.p;
        const std::string_view typeText = c.tokenUntilBlank();
        c.skipBlanks();
        if (typeText.empty())
            return c.error(QStringLiteral("missing type in TYPE line for \"%1\"").arg(q(name)));
        if (!c.atLineEnd())
            return c.error(QStringLiteral("unexpected text after the type in TYPE line for \"%1\"").arg(q(name)));
        if (!parseType(typeText, meta.type))
            return c.error(QStringLiteral("unknown metric type \"%1\" for \"%2\" (expected counter, gauge, "
                                          "histogram, summary, untyped, or an OpenMetrics type)")
                               .arg(q(typeText), q(name)),
                           typeAt);
        if (family.typed)
            return c.error(QStringLiteral("second TYPE line for metric \"%1\"").arg(q(name)), keywordAt);
        if (family.sampled)
            return c.error(QStringLiteral("TYPE line for metric \"%1\" comes after its samples").arg(q(name)),
                           keywordAt);
        family.typed = true;
        family.type = meta.type;
        m_lastName = {};   // a sample with the previous name may now belong to this family
        break;
    }
    case PromMetadata::Kind::Help: {
        if (family.helped)
            return c.error(QStringLiteral("second HELP line for metric \"%1\"").arg(q(name)), keywordAt);
        family.helped = true;
        const std::string_view raw = c.restOfLine();
        m_help.clear();
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '\\') {
                m_help.push_back(raw[i]);
                continue;
            }
            const char next = i + 1 < raw.size() ? raw[i + 1] : '\0';
            if (next == '\\' || next == '"')
                m_help.push_back(next);
            else if (next == 'n')
                m_help.push_back('\n');
            else
                return c.error(QStringLiteral("invalid escape sequence '\\%1' in HELP text of \"%2\" "
                                              "(only \\\\, \\\" and \\n are allowed)")
                                   .arg(next ? QString(QLatin1Char(next)) : QString(), q(name)),
                               raw.data() + i);
            ++i;
        }
        meta.text = m_help;
        break;
    }
    case PromMetadata::Kind::Unit: {
        if (family.unit)
            return c.error(QStringLiteral("second UNIT line for metric \"%1\"").arg(q(name)), keywordAt);
        family.unit = true;
        const char *unitAt = c.p;
        meta.text = c.tokenUntilBlank();
        c.skipBlanks();
        if (!c.atLineEnd())
            return c.error(QStringLiteral("unexpected text after the unit of \"%1\"").arg(q(name)));
        if (m_format == Format::OpenMetrics && !meta.text.empty() && !endsWith(name, meta.text)
            && !endsWith(name, std::string(1, '_') + std::string(meta.text)))
            return c.error(QStringLiteral("unit \"%1\" is not a suffix of the metric name \"%2\"")
                               .arg(q(meta.text), q(name)),
                           unitAt);
        break;
    }
    }
    visitor.metadata(meta);
    return okStatus();
}

PromTextParser::Resolved PromTextParser::resolve(std::string_view name)
{
    // A family typed earlier: the name itself, or the name minus a suffix its type allows.
    if (const auto it = m_families.find(name); it != m_families.end() && it->second.typed) {
        const PromMetricType type = it->second.type;
        PromSampleRole role = PromSampleRole::Value;
        if (type == PromMetricType::Summary)
            role = PromSampleRole::Quantile;
        return {it->first, type, role};
    }
    for (const std::string_view suffix : {std::string_view("_total"), std::string_view("_bucket"),
                                          std::string_view("_count"), std::string_view("_sum"),
                                          std::string_view("_created"), std::string_view("_gsum"),
                                          std::string_view("_gcount"), std::string_view("_info")}) {
        if (!endsWith(name, suffix))
            continue;
        const std::string_view base = name.substr(0, name.size() - suffix.size());
        const auto it = m_families.find(base);
        if (it == m_families.end() || !it->second.typed)
            continue;
        for (const Suffix &s : suffixesFor(it->second.type))
            if (s.text == suffix)
                return {it->first, it->second.type, s.role};
    }
    return {name, PromMetricType::Untyped, PromSampleRole::Value};
}

Status PromTextParser::parseLabels(Cursor &c)
{
    const std::size_t first = m_pending.size();
    const Status listed = parseLabelList(c, first);
    // A duplicate is reported even when a later label is malformed: it comes first in the line, and
    // the first problem in the line is the one to show.
    const Status unique = checkDuplicateLabels(c, first);
    if (!unique)
        return unique;
    return listed;
}

Status PromTextParser::checkDuplicateLabels(const Cursor &c, std::size_t first)
{
    const std::size_t count = m_pending.size() - first;
    if (count < 2)
        return okStatus();
    // The earliest label that repeats a name before it (the one a left-to-right check would stop at).
    std::size_t repeat = m_pending.size();
    if (count <= 8) {
        for (std::size_t j = first + 1; j < m_pending.size() && repeat == m_pending.size(); ++j)
            for (std::size_t i = first; i < j; ++i)
                if (m_pending[i].name == m_pending[j].name) {
                    repeat = j;
                    break;
                }
    } else {
        // An open-addressing hash set of label indices: linear in the labels (a pairwise check was
        // quadratic: 80,000 labels took seconds of the engine's thread). The hash is seeded per
        // parser, so a page cannot be built to make every name collide.
        std::size_t size = 16;
        while (size < 2 * count)
            size <<= 1;
        m_slots.assign(size, kNoSlot);
        const std::size_t mask = size - 1;
        for (std::size_t j = first; j < m_pending.size() && repeat == m_pending.size(); ++j) {
            const std::string_view name = m_pending[j].name;
            const std::size_t h = m_hash(name);
            for (std::size_t slot = h & mask;; slot = (slot + 1) & mask) {
                if (m_slots[slot] == kNoSlot) {
                    m_slots[slot] = std::uint32_t(j);
                    break;
                }
                if (m_pending[m_slots[slot]].name == name) {
                    repeat = j;
                    break;
                }
            }
        }
    }
    if (repeat == m_pending.size())
        return okStatus();
    const std::string_view name = m_pending[repeat].name;
    return c.error(QStringLiteral("duplicate label name \"%1\"").arg(q(name)), name.data());
}

Status PromTextParser::parseLabelList(Cursor &c, std::size_t first)
{
    ++c.p;   // '{'
    for (;;) {
        c.skipBlanks();
        if (c.atLineEnd())
            return c.error(QStringLiteral("label set is not closed: expected '}' before %1").arg(c.found()));
        if (*c.p == '}') {
            ++c.p;
            return okStatus();
        }
        const char *nameAt = c.p;
        if (!kLabelStart[u8(*c.p)])
            return c.error(QStringLiteral("expected a label name or '}', found %1").arg(c.found()));
        while (c.p < c.end && kLabelChar[u8(*c.p)])
            ++c.p;
        PendingLabel label;
        label.name = std::string_view(nameAt, std::size_t(c.p - nameAt));
        c.skipBlanks();
        if (c.peek() != '=' || c.atEnd())
            return c.error(QStringLiteral("expected '=' after label name \"%1\", found %2").arg(q(label.name), c.found()));
        ++c.p;
        c.skipBlanks();
        if (c.peek() != '"' || c.atEnd())
            return c.error(QStringLiteral("expected '\"' to start the value of label \"%1\", found %2")
                               .arg(q(label.name), c.found()));
        ++c.p;
        const char *valueAt = c.p;
        bool escaped = false;
        bool nonAscii = false;
        for (;;) {
            if (c.p >= c.end || *c.p == '\n')
                return c.error(QStringLiteral("value of label \"%1\" is not terminated: missing closing '\"'")
                                   .arg(q(label.name)));
            const char ch = *c.p;
            if (ch == '"')
                break;
            if (ch == '\\') {
                const char next = c.p + 1 < c.end ? c.p[1] : '\n';
                if (next != '\\' && next != '"' && next != 'n')
                    return c.error(QStringLiteral("invalid escape sequence '\\%1' in value of label \"%2\" "
                                                  "(only \\\\, \\\" and \\n are allowed)")
                                       .arg(next == '\n' ? QString() : QString(QLatin1Char(next)), q(label.name)));
                escaped = true;
                c.p += 2;
                continue;
            }
            nonAscii |= u8(ch) >= 0x80;
            ++c.p;
        }
        label.value = std::string_view(valueAt, std::size_t(c.p - valueAt));
        ++c.p;   // closing quote
        if (nonAscii && !validUtf8(label.value))
            return c.error(QStringLiteral("value of label \"%1\" is not valid UTF-8").arg(q(label.name)), valueAt);
        if (escaped) {
            label.inScratch = true;
            label.scratchOffset = m_scratch.size();
            const std::string_view raw = label.value;
            for (std::size_t i = 0; i < raw.size(); ++i) {
                if (raw[i] == '\\') {
                    ++i;
                    m_scratch.push_back(raw[i] == 'n' ? '\n' : raw[i]);
                } else {
                    m_scratch.push_back(raw[i]);
                }
            }
            label.value = std::string_view(nullptr, m_scratch.size() - label.scratchOffset);
        }
        if (label.name == "__name__")
            return c.error(QStringLiteral("label name \"__name__\" is reserved"), nameAt);
        if (m_limits.maxLabelsPerSeries > 0 && m_pending.size() - first >= m_limits.maxLabelsPerSeries)
            return c.error(QStringLiteral("more than %1 labels in one series (the label limit)")
                               .arg(m_limits.maxLabelsPerSeries),
                           nameAt);
        // Pushed before the 'le'/'quantile' checks so a repeated name is still reported first.
        m_pending.push_back(label);
        if (label.name.size() == 2 && label.name == "le") {
            if (escaped || !parseDouble(label.value, m_le))
                return c.error(QStringLiteral("invalid 'le' value \"%1\": expected a float").arg(q(label.value)),
                               valueAt);
        } else if (label.name.size() == 8 && label.name == "quantile") {
            if (escaped || !parseDouble(label.value, m_quantile))
                return c.error(
                    QStringLiteral("invalid 'quantile' value \"%1\": expected a float").arg(q(label.value)), valueAt);
        }
        c.skipBlanks();
        if (c.peek() == ',' && !c.atEnd()) {
            ++c.p;
            continue;
        }
        if (c.peek() == '}' && !c.atEnd()) {
            ++c.p;
            return okStatus();
        }
        return c.error(QStringLiteral("expected ',' or '}' after the value of label \"%1\", found %2")
                           .arg(q(label.name), c.found()));
    }
}

Status PromTextParser::parseExemplar(Cursor &c)
{
    // " # {labels} value [timestamp]" after an OpenMetrics sample; checked, not reported.
    ++c.p;   // '#'
    c.skipBlanks();
    if (c.peek() != '{' || c.atEnd())
        return c.error(QStringLiteral("expected '{' to start an exemplar's labels, found %1").arg(c.found()));
    const std::size_t pendingBefore = m_pending.size();
    Status status = parseLabels(c);
    m_pending.resize(pendingBefore);
    if (!status)
        return status;
    c.skipBlanks();
    const char *valueAt = c.p;
    const std::string_view value = c.tokenUntilBlank();
    double v = 0;
    if (!parseDouble(value, v))
        return c.error(QStringLiteral("expected a float as exemplar value, found \"%1\"").arg(q(value)), valueAt);
    c.skipBlanks();
    if (!c.atLineEnd()) {
        const char *tsAt = c.p;
        const std::string_view ts = c.tokenUntilBlank();
        if (!parseDouble(ts, v))
            return c.error(QStringLiteral("expected a float as exemplar timestamp, found \"%1\"").arg(q(ts)), tsAt);
        c.skipBlanks();
        if (!c.atLineEnd())
            return c.error(QStringLiteral("unexpected text after the exemplar"));
    }
    return okStatus();
}

Status PromTextParser::parseSample(Cursor &c, PromSampleVisitor &visitor)
{
    const char *nameAt = c.p;
    if (!kMetricStart[u8(*c.p)])
        return c.error(QStringLiteral("expected a metric name (letters, digits, '_' and ':', not starting with a "
                                      "digit), found %1")
                           .arg(c.found()));
    while (c.p < c.end && kMetricChar[u8(*c.p)])
        ++c.p;
    PromSample sample;
    sample.name = std::string_view(nameAt, std::size_t(c.p - nameAt));
    sample.line = c.line;
    if (m_limits.maxSeries > 0 && ++m_series > m_limits.maxSeries)
        return c.error(QStringLiteral("more than %1 series on one page (the series limit)").arg(m_limits.maxSeries),
                       nameAt);

    m_pending.clear();
    m_scratch.clear();
    m_le = std::numeric_limits<double>::quiet_NaN();
    m_quantile = std::numeric_limits<double>::quiet_NaN();
    c.skipBlanks();
    if (c.peek() == '{' && !c.atEnd()) {
        Status status = parseLabels(c);
        if (!status)
            return status;
        c.skipBlanks();
    } else if (c.p == nameAt + sample.name.size() && !c.atLineEnd()) {
        return c.error(QStringLiteral("invalid character %1 in metric name \"%2\"").arg(c.found(), q(sample.name)));
    }
    if (c.atLineEnd())
        return c.error(QStringLiteral("missing value for metric \"%1\"").arg(q(sample.name)));

    const char *valueAt = c.p;
    const std::string_view valueText = c.tokenUntilBlank();
    if (!parseDouble(valueText, sample.value))
        return c.error(QStringLiteral("expected a float as value of \"%1\", found \"%2\"")
                           .arg(q(sample.name), q(valueText)),
                       valueAt);
    c.skipBlanks();
    if (!c.atLineEnd() && !(m_format == Format::OpenMetrics && *c.p == '#')) {
        const char *tsAt = c.p;
        const std::string_view tsText = c.tokenUntilBlank();
        if (m_format == Format::OpenMetrics) {
            double seconds = 0;
            if (!parseDouble(tsText, seconds) || !std::isfinite(seconds))
                return c.error(QStringLiteral("expected a timestamp in seconds, found \"%1\"").arg(q(tsText)), tsAt);
            sample.timestampMs = std::int64_t(std::llround(seconds * 1000.0));
        } else {
            std::int64_t ms = 0;
            if (!parseInt64(tsText, ms))
                return c.error(QStringLiteral("expected an integer timestamp in milliseconds, found \"%1\"")
                                   .arg(q(tsText)),
                               tsAt);
            sample.timestampMs = ms;
        }
        c.skipBlanks();
    }
    if (!c.atLineEnd()) {
        if (m_format == Format::OpenMetrics && *c.p == '#') {
            Status status = parseExemplar(c);
            if (!status)
                return status;
        } else {
            return c.error(QStringLiteral("unexpected text %1 after the sample of \"%2\"").arg(c.found(), q(sample.name)));
        }
    }

    // Family and role: the same name as the line before is the common case and costs one compare.
    if (sample.name != m_lastName || m_lastName.empty()) {
        m_lastResolved = resolve(sample.name);
        m_lastName = sample.name;
        m_families[m_lastResolved.family].sampled = true;
    }
    sample.family = m_lastResolved.family;
    sample.type = m_lastResolved.type;
    sample.role = m_lastResolved.role;
    if ((sample.type == PromMetricType::Histogram || sample.type == PromMetricType::GaugeHistogram)) {
        if (sample.role == PromSampleRole::Value)
            return c.error(QStringLiteral("sample \"%1\" of histogram \"%1\" must be named %1_bucket, %1_sum or "
                                          "%1_count")
                               .arg(q(sample.name)),
                           nameAt);
        if (sample.role == PromSampleRole::Bucket && std::isnan(m_le))
            return c.error(QStringLiteral("histogram bucket \"%1\" has no 'le' label").arg(q(sample.name)), nameAt);
    }
    if (sample.type == PromMetricType::Summary && sample.role == PromSampleRole::Quantile && std::isnan(m_quantile))
        return c.error(QStringLiteral("summary sample \"%1\" has no 'quantile' label").arg(q(sample.name)), nameAt);
    if (m_format == Format::OpenMetrics && sample.type == PromMetricType::Counter
        && sample.role == PromSampleRole::Value)
        return c.error(QStringLiteral("OpenMetrics counter sample \"%1\" must be named %1_total").arg(q(sample.name)),
                       nameAt);

    m_labels.clear();
    for (const PendingLabel &l : m_pending)
        m_labels.push_back({l.name, l.inScratch ? std::string_view(m_scratch.data() + l.scratchOffset, l.value.size())
                                                : l.value});
    sample.labels = m_labels;
    sample.le = m_le;
    sample.quantile = m_quantile;
    visitor.sample(sample);
    return okStatus();
}

} // namespace lockstep
