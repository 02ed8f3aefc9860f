#include "app/runbook/YamlReader.h"

#include "app/runbook/Duration.h"
#include "app/runbook/TemplateString.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>

namespace lockstep {

namespace {

int editDistance(const QString &a, const QString &b)
{
    QList<int> prev(b.size() + 1), cur(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int subst = prev[j - 1] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

} // namespace

QString YamlReader::text(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString YamlReader::child(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString YamlReader::index(const QString &path, qsizetype i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

QString YamlReader::closest(const QString &word, const QStringList &candidates)
{
    QString best;
    int bestDistance = std::max(2, int(word.size()) / 3) + 1;
    for (const QString &c : candidates) {
        const int d = editDistance(word.toLower(), c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

QString YamlReader::describe(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null: return QStringLiteral("nothing");
    case YAML::NodeType::Scalar: return QStringLiteral("'%1'").arg(text(node.Scalar()).left(40));
    case YAML::NodeType::Sequence: return QStringLiteral("a list");
    case YAML::NodeType::Map: return QStringLiteral("a mapping");
    case YAML::NodeType::Undefined: break;
    }
    return QStringLiteral("nothing");
}

bool YamlReader::isPlain(const YAML::Node &node)
{
    return node.Tag() != "!";   // yaml-cpp tags quoted scalars "!"
}

YamlReader::Fields::Fields(YamlReader &reader, const YAML::Node &map, const QString &path, const QStringList &known)
    : m_path(path), m_map(map)
{
    if (!map.IsMap())
        return;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!reader.spend(it->first))
            return;
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
            reader.error(key, path, QStringLiteral("a key must be a plain word, not %1").arg(describe(key)));
            continue;
        }
        const QString name = text(key.Scalar());
        const QString keyPath = child(path, name);
        if (!known.contains(name)) {
            const QString suggestion = closest(name, known);
            reader.error(key, keyPath,
                         suggestion.isEmpty()
                             ? QStringLiteral("unknown key '%1' (known here: %2)").arg(name, known.join(QLatin1String(", ")))
                             : QStringLiteral("unknown key '%1'; did you mean '%2'?").arg(name, suggestion));
            continue;
        }
        if (m_keys.contains(name)) {
            reader.error(key, keyPath, QStringLiteral("duplicate key '%1'").arg(name));
            continue;
        }
        m_keys.append(name);
        m_keyNodes.append(key);
        m_values.append(it->second);
        reader.remember(it->second.IsNull() ? key : it->second, keyPath);
    }
}

YAML::Node YamlReader::Fields::get(const QString &name) const
{
    const qsizetype i = m_keys.indexOf(name);
    return i < 0 ? YAML::Node() : m_values.at(i);
}

YAML::Node YamlReader::Fields::keyNode(const QString &name) const
{
    const qsizetype i = m_keys.indexOf(name);
    return i < 0 ? m_map : m_keyNodes.at(i);
}

YamlReader::YamlReader(QString file) : m_file(std::move(file)) {}

SourceLocation YamlReader::locationOf(const YAML::Node &node) const
{
    SourceLocation loc{m_file, 0, 0};
    if (node.IsDefined()) {
        const YAML::Mark mark = node.Mark();
        if (!mark.is_null()) {
            loc.line = mark.line + 1;
            loc.column = mark.column + 1;
        }
    }
    return loc;
}

void YamlReader::error(const SourceLocation &at, const QString &path, const QString &message)
{
    // A diagnostic without a line is useless in an editor: fall back to the start of the file.
    SourceLocation loc = at;
    if (loc.line == 0) {
        loc.line = 1;
        loc.column = 1;
    }
    m_diagnostics.append({Diagnostic::Severity::Error, loc, message, path});
}

void YamlReader::error(const YAML::Node &at, const QString &path, const QString &message)
{
    error(locationOf(at), path, message);
}

bool YamlReader::spend(const YAML::Node &at)
{
    if (m_budget > 0) {
        --m_budget;
        return true;
    }
    if (!m_budgetReported) {
        m_budgetReported = true;
        error(at, {}, QStringLiteral("document too large: more than %1 nodes (aliases count each time they are used)")
                          .arg(kMaxNodes));
    }
    return false;
}

void YamlReader::remember(const YAML::Node &node, const QString &path)
{
    m_locations.insert(path, locationOf(node));
}

bool YamlReader::isMap(const YAML::Node &node, const QString &path, const QString &what)
{
    if (node.IsMap())
        return true;
    error(node, path, QStringLiteral("expected %1 (a mapping of key: value), got %2").arg(what, describe(node)));
    return false;
}

bool YamlReader::isSequence(const YAML::Node &node, const QString &path, const QString &what)
{
    if (node.IsSequence())
        return true;
    error(node, path, QStringLiteral("expected %1 (a list), got %2").arg(what, describe(node)));
    return false;
}

std::optional<QString> YamlReader::string(const YAML::Node &node, const QString &path)
{
    if (!node.IsScalar()) {
        error(node, path, QStringLiteral("expected a string, got %1").arg(describe(node)));
        return std::nullopt;
    }
    return text(node.Scalar());
}

std::optional<qint64> YamlReader::integer(const YAML::Node &node, const QString &path, qint64 min, qint64 max)
{
    if (!node.IsScalar()) {
        error(node, path, QStringLiteral("expected a whole number, got %1").arg(describe(node)));
        return std::nullopt;
    }
    bool ok = false;
    const qint64 value = text(node.Scalar()).toLongLong(&ok);
    if (!ok || !isPlain(node)) {
        error(node, path, QStringLiteral("expected a whole number, got %1").arg(describe(node)));
        return std::nullopt;
    }
    if (value < min || value > max) {
        error(node, path, QStringLiteral("%1 is out of range (%2..%3)").arg(QString::number(value), QString::number(min), QString::number(max)));
        return std::nullopt;
    }
    return value;
}

std::optional<double> YamlReader::number(const YAML::Node &node, const QString &path)
{
    bool ok = false;
    const double value = node.IsScalar() && isPlain(node) ? text(node.Scalar()).toDouble(&ok) : 0.0;
    if (!ok || !std::isfinite(value)) {
        error(node, path, QStringLiteral("expected a number, got %1").arg(describe(node)));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> YamlReader::boolean(const YAML::Node &node, const QString &path)
{
    if (node.IsScalar() && isPlain(node)) {
        const QString s = text(node.Scalar());
        if (s == QLatin1String("true"))
            return true;
        if (s == QLatin1String("false"))
            return false;
    }
    error(node, path, QStringLiteral("expected true or false, got %1").arg(describe(node)));
    return std::nullopt;
}

std::optional<Millis> YamlReader::duration(const YAML::Node &node, const QString &path, bool allowZero)
{
    if (!node.IsScalar()) {
        error(node, path, QStringLiteral("expected a duration such as 30s, got %1").arg(describe(node)));
        return std::nullopt;
    }
    const QString written = text(node.Scalar());
    const auto d = Duration::parse(written);
    if (!d) {
        error(node, path, QStringLiteral("'%1' is not a duration; write a number with a unit: 500ms, 30s, 10m, 2h (at most 7 days)")
                              .arg(written.left(40)));
        return std::nullopt;
    }
    if (!allowZero && d->count() == 0) {
        error(node, path, QStringLiteral("duration must be greater than zero"));
        return std::nullopt;
    }
    return d;
}

std::optional<QStringList> YamlReader::stringList(const YAML::Node &node, const QString &path)
{
    if (!isSequence(node, path, QStringLiteral("a list of strings")))
        return std::nullopt;
    QStringList out;
    qsizetype i = 0;
    for (const YAML::Node &item : node) {
        if (!spend(item))
            return std::nullopt;
        const QString itemPath = index(path, i++);
        remember(item, itemPath);
        if (const auto s = string(item, itemPath))
            out.append(*s);
    }
    return out;
}

std::optional<QString> YamlReader::identifier(const YAML::Node &node, const QString &path)
{
    const auto s = string(node, path);
    if (!s)
        return std::nullopt;
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!re.match(*s).hasMatch()) {
        error(node, path, QStringLiteral("'%1' is not a valid id: use letters, digits, '.', '_' and '-' (at most 64)")
                              .arg(s->left(40)));
        return std::nullopt;
    }
    return s;
}

std::optional<OnFailure> YamlReader::onFailure(const YAML::Node &node, const QString &path)
{
    const auto s = string(node, path);
    if (!s)
        return std::nullopt;
    if (*s == QLatin1String("pause"))
        return OnFailure::Pause;
    if (*s == QLatin1String("rollback"))
        return OnFailure::Rollback;
    if (*s == QLatin1String("continue"))
        return OnFailure::Continue;
    error(node, path, QStringLiteral("on_failure must be pause, rollback or continue, not '%1'").arg(s->left(40)));
    return std::nullopt;
}

std::optional<QJsonValue> YamlReader::json(const YAML::Node &node, const QString &path, int depth)
{
    if (!spend(node))
        return std::nullopt;
    if (depth > kMaxJsonDepth) {
        error(node, path, QStringLiteral("nested deeper than %1 levels").arg(kMaxJsonDepth));
        return std::nullopt;
    }
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return QJsonValue(QJsonValue::Null);
    case YAML::NodeType::Scalar: {
        const QString s = text(node.Scalar());
        if (!isPlain(node))
            return QJsonValue(s);
        if (s == QLatin1String("true") || s == QLatin1String("false"))
            return QJsonValue(s == QLatin1String("true"));
        if (s == QLatin1String("null") || s == QLatin1String("~"))
            return QJsonValue(QJsonValue::Null);
        bool ok = false;
        const qint64 i = s.toLongLong(&ok);
        if (ok && i >= -(qint64(1) << 53) && i <= (qint64(1) << 53))
            return QJsonValue(i);
        const double d = s.toDouble(&ok);
        if (ok && std::isfinite(d))
            return QJsonValue(d);
        return QJsonValue(s);
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        qsizetype i = 0;
        for (const YAML::Node &item : node) {
            const auto v = json(item, index(path, i++), depth + 1);
            if (!v)
                return std::nullopt;
            array.append(*v);
        }
        return QJsonValue(array);
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!it->first.IsScalar()) {
                error(it->first, path, QStringLiteral("a JSON object key must be a string"));
                return std::nullopt;
            }
            const QString key = text(it->first.Scalar());
            const auto v = json(it->second, child(path, key), depth + 1);
            if (!v)
                return std::nullopt;
            object.insert(key, *v);
        }
        return QJsonValue(object);
    }
    }
    return std::nullopt;
}

void YamlReader::checkRegex(const YAML::Node &node, const QString &path, const QString &pattern)
{
    // Template values are regex-escaped when rendered, so a placeholder stands in for them here.
    const auto tpl = TemplateString::parse(pattern);
    if (!tpl) {
        error(node, path, tpl.error().message);
        return;
    }
    QString probe;
    for (const TemplateString::Part &part : tpl->parts())
        probe += part.variable ? QStringLiteral("x") : part.text;
    const QRegularExpression re(probe);
    if (!re.isValid())
        error(node, path, QStringLiteral("invalid regular expression: %1 at offset %2")
                              .arg(re.errorString(), QString::number(re.patternErrorOffset())));
}

std::optional<QList<int>> YamlReader::intList(const YAML::Node &node, const QString &path, int min, int max)
{
    QList<int> out;
    if (node.IsScalar()) {
        if (const auto v = integer(node, path, min, max))
            return QList<int>{int(*v)};
        return std::nullopt;
    }
    if (!isSequence(node, path, QStringLiteral("a number or a list of numbers")))
        return std::nullopt;
    qsizetype i = 0;
    for (const YAML::Node &item : node) {
        if (!spend(item))
            return std::nullopt;
        if (const auto v = integer(item, index(path, i), min, max))
            out.append(int(*v));
        ++i;
    }
    if (out.isEmpty()) {
        error(node, path, QStringLiteral("the list is empty"));
        return std::nullopt;
    }
    return out;
}

} // namespace lockstep
