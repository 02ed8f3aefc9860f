#include "app/runbook/RunbookReader.h"

#include "app/runbook/Condition.h"
#include "app/runbook/Duration.h"
#include "app/runbook/TemplateString.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <exception>

namespace lockstep {

namespace {

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString child(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString index(const QString &path, qsizetype i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

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

QString closest(const QString &word, const QStringList &candidates)
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

QString describe(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null: return QStringLiteral("nothing");
    case YAML::NodeType::Scalar: return QStringLiteral("'%1'").arg(qs(node.Scalar()).left(40));
    case YAML::NodeType::Sequence: return QStringLiteral("a list");
    case YAML::NodeType::Map: return QStringLiteral("a mapping");
    case YAML::NodeType::Undefined: break;
    }
    return QStringLiteral("nothing");
}

bool isPlain(const YAML::Node &node)
{
    return node.Tag() != "!";   // yaml-cpp tags quoted scalars "!"
}

const QStringList kStepActions = {QStringLiteral("ssh"), QStringLiteral("local"), QStringLiteral("http"),
                                  QStringLiteral("manual"), QStringLiteral("wait"), QStringLiteral("gate")};

// Besides these, any pNN_latency (p50_latency, p99.9_latency) is a latency quantile.
const QStringList kMetrics = {QStringLiteral("error_rate"), QStringLiteral("p50_latency"),
                              QStringLiteral("p95_latency"), QStringLiteral("p99_latency"),
                              QStringLiteral("queue_depth"), QStringLiteral("request_rate")};

} // namespace

// The keys of one YAML mapping, checked against the keys that mapping may hold.
class RunbookReader::Fields
{
public:
    Fields(RunbookReader &reader, const YAML::Node &map, const QString &path, const QStringList &known)
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
            const QString name = qs(key.Scalar());
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

    bool has(const QString &name) const { return m_keys.contains(name); }
    YAML::Node get(const QString &name) const
    {
        const qsizetype i = m_keys.indexOf(name);
        return i < 0 ? YAML::Node() : m_values.at(i);
    }
    YAML::Node keyNode(const QString &name) const
    {
        const qsizetype i = m_keys.indexOf(name);
        return i < 0 ? m_map : m_keyNodes.at(i);
    }
    QString path(const QString &name) const { return child(m_path, name); }
    const QStringList &keys() const { return m_keys; }
    const YAML::Node &map() const { return m_map; }

private:
    QString m_path;
    YAML::Node m_map;
    QStringList m_keys;
    QList<YAML::Node> m_keyNodes;
    QList<YAML::Node> m_values;
};

RunbookReader::RunbookReader(QString file) : m_file(std::move(file)) {}

SourceLocation RunbookReader::locationOf(const YAML::Node &node) const
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

void RunbookReader::error(const SourceLocation &at, const QString &path, const QString &message)
{
    // A diagnostic without a line is useless in an editor: fall back to the start of the file.
    SourceLocation loc = at;
    if (loc.line == 0) {
        loc.line = 1;
        loc.column = 1;
    }
    m_diagnostics.append({Diagnostic::Severity::Error, loc, message, path});
}

void RunbookReader::error(const YAML::Node &at, const QString &path, const QString &message)
{
    error(locationOf(at), path, message);
}

bool RunbookReader::spend(const YAML::Node &at)
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

void RunbookReader::remember(const YAML::Node &node, const QString &path)
{
    m_locations.insert(path, locationOf(node));
}

bool RunbookReader::isMap(const YAML::Node &node, const QString &path, const QString &what)
{
    if (node.IsMap())
        return true;
    error(node, path, QStringLiteral("expected %1 (a mapping of key: value), got %2").arg(what, describe(node)));
    return false;
}

bool RunbookReader::isSequence(const YAML::Node &node, const QString &path, const QString &what)
{
    if (node.IsSequence())
        return true;
    error(node, path, QStringLiteral("expected %1 (a list), got %2").arg(what, describe(node)));
    return false;
}

std::optional<QString> RunbookReader::string(const YAML::Node &node, const QString &path)
{
    if (!node.IsScalar()) {
        error(node, path, QStringLiteral("expected a string, got %1").arg(describe(node)));
        return std::nullopt;
    }
    return qs(node.Scalar());
}

std::optional<qint64> RunbookReader::integer(const YAML::Node &node, const QString &path, qint64 min, qint64 max)
{
    if (!node.IsScalar()) {
        error(node, path, QStringLiteral("expected a whole number, got %1").arg(describe(node)));
        return std::nullopt;
    }
    bool ok = false;
    const qint64 value = qs(node.Scalar()).toLongLong(&ok);
    if (!ok || !isPlain(node)) {
        error(node, path, QStringLiteral("expected a whole number, got %1").arg(describe(node)));
        return std::nullopt;
    }
    if (value < min || value > max) {
        error(node, path, QStringLiteral("%1 is out of range (%2..%3)").arg(value).arg(min).arg(max));
        return std::nullopt;
    }
    return value;
}

std::optional<double> RunbookReader::number(const YAML::Node &node, const QString &path)
{
    bool ok = false;
    const double value = node.IsScalar() && isPlain(node) ? qs(node.Scalar()).toDouble(&ok) : 0.0;
    if (!ok || !std::isfinite(value)) {
        error(node, path, QStringLiteral("expected a number, got %1").arg(describe(node)));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> RunbookReader::boolean(const YAML::Node &node, const QString &path)
{
    if (node.IsScalar() && isPlain(node)) {
        const QString s = qs(node.Scalar());
        if (s == QLatin1String("true"))
            return true;
        if (s == QLatin1String("false"))
            return false;
    }
    error(node, path, QStringLiteral("expected true or false, got %1").arg(describe(node)));
    return std::nullopt;
}

std::optional<Millis> RunbookReader::duration(const YAML::Node &node, const QString &path, bool allowZero)
{
    if (!node.IsScalar()) {
        error(node, path, QStringLiteral("expected a duration such as 30s, got %1").arg(describe(node)));
        return std::nullopt;
    }
    const QString text = qs(node.Scalar());
    const auto d = Duration::parse(text);
    if (!d) {
        error(node, path, QStringLiteral("'%1' is not a duration; write a number with a unit: 500ms, 30s, 10m, 2h (at most 7 days)")
                              .arg(text.left(40)));
        return std::nullopt;
    }
    if (!allowZero && d->count() == 0) {
        error(node, path, QStringLiteral("duration must be greater than zero"));
        return std::nullopt;
    }
    return d;
}

std::optional<QStringList> RunbookReader::stringList(const YAML::Node &node, const QString &path)
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

std::optional<QString> RunbookReader::identifier(const YAML::Node &node, const QString &path)
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

std::optional<OnFailure> RunbookReader::onFailure(const YAML::Node &node, const QString &path)
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

std::optional<QJsonValue> RunbookReader::json(const YAML::Node &node, const QString &path, int depth)
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
        const QString s = qs(node.Scalar());
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
            const QString key = qs(it->first.Scalar());
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

Runbook RunbookReader::read(const QByteArray &utf8Text)
{
    Runbook runbook;
    runbook.file = m_file;
    YAML::Node root;
    try {
        root = YAML::Load(std::string(utf8Text.constData(), size_t(utf8Text.size())));
    } catch (const YAML::Exception &e) {
        SourceLocation loc{m_file, e.mark.is_null() ? 1 : e.mark.line + 1, e.mark.is_null() ? 1 : e.mark.column + 1};
        error(loc, {}, QStringLiteral("YAML syntax error: %1").arg(qs(e.msg)));
        return runbook;
    } catch (const std::exception &e) {
        error(SourceLocation{m_file, 1, 1}, {}, QStringLiteral("cannot read YAML: %1").arg(QString::fromUtf8(e.what())));
        return runbook;
    }
    try {
        readTop(root, runbook);
    } catch (const std::exception &e) {
        // yaml-cpp throws on some malformed trees (e.g. bad conversions); report, never crash.
        error(SourceLocation{m_file, 1, 1}, {}, QStringLiteral("cannot read runbook: %1").arg(QString::fromUtf8(e.what())));
    }
    return runbook;
}

void RunbookReader::readTop(const YAML::Node &root, Runbook &runbook)
{
    if (!root.IsMap()) {
        error(root, {}, QStringLiteral("a runbook is a YAML mapping that starts with 'runbook: <id>', got %1").arg(describe(root)));
        return;
    }
    const Fields f(*this, root, {},
                   {QStringLiteral("runbook"), QStringLiteral("title"), QStringLiteral("description"),
                    QStringLiteral("product"), QStringLiteral("applies_to"), QStringLiteral("maintenance_window"),
                    QStringLiteral("strategy"), QStringLiteral("params"), QStringLiteral("secrets"),
                    QStringLiteral("checklist"), QStringLiteral("steps"), QStringLiteral("rollback_steps"),
                    QStringLiteral("gates"), QStringLiteral("rollback"), QStringLiteral("emergency_rollback")});
    for (const char *required : {"runbook", "product", "steps"})
        if (!f.has(QLatin1String(required)))
            error(root, QLatin1String(required), QStringLiteral("missing required key '%1'").arg(QLatin1String(required)));

    if (f.has(QStringLiteral("runbook")))
        if (const auto id = identifier(f.get(QStringLiteral("runbook")), QStringLiteral("runbook")))
            runbook.id = *id;
    if (f.has(QStringLiteral("title")))
        runbook.title = string(f.get(QStringLiteral("title")), QStringLiteral("title")).value_or(QString());
    if (f.has(QStringLiteral("description")))
        runbook.description = string(f.get(QStringLiteral("description")), QStringLiteral("description")).value_or(QString());
    if (f.has(QStringLiteral("product")))
        if (const auto p = identifier(f.get(QStringLiteral("product")), QStringLiteral("product")))
            runbook.product = *p;

    if (f.has(QStringLiteral("applies_to"))) {
        const YAML::Node n = f.get(QStringLiteral("applies_to"));
        const QString path = QStringLiteral("applies_to");
        if (isMap(n, path, QStringLiteral("applies_to: {change: [...]}"))) {
            const Fields a(*this, n, path, {QStringLiteral("change")});
            if (!a.has(QStringLiteral("change"))) {
                error(n, a.path(QStringLiteral("change")), QStringLiteral("missing required key 'change'"));
            } else {
                const YAML::Node c = a.get(QStringLiteral("change"));
                const QString cpath = a.path(QStringLiteral("change"));
                std::optional<QStringList> names;
                if (c.IsScalar())
                    names = QStringList{qs(c.Scalar())};
                else
                    names = stringList(c, cpath);
                qsizetype i = 0;
                for (const QString &name : names.value_or(QStringList())) {
                    const auto cls = changeClassFromName(name);
                    if (!cls || *cls == ChangeClass::None)
                        error(c.IsSequence() ? c[size_t(i)] : c, c.IsSequence() ? index(cpath, i) : cpath,
                              QStringLiteral("unknown change class '%1'; use patch, minor, major or downgrade").arg(name.left(40)));
                    else if (!runbook.appliesTo.contains(*cls))
                        runbook.appliesTo.append(*cls);
                    ++i;
                }
            }
        }
    }

    if (f.has(QStringLiteral("maintenance_window"))) {
        const YAML::Node n = f.get(QStringLiteral("maintenance_window"));
        const auto s = string(n, QStringLiteral("maintenance_window"));
        if (s == QLatin1String("required") || s == QLatin1String("true"))
            runbook.maintenanceWindowRequired = true;
        else if (s == QLatin1String("optional") || s == QLatin1String("false"))
            runbook.maintenanceWindowRequired = false;
        else if (s)
            error(n, QStringLiteral("maintenance_window"),
                  QStringLiteral("maintenance_window must be 'required' or 'optional', not '%1'").arg(s->left(40)));
    }

    if (f.has(QStringLiteral("strategy")))
        readStrategy(f.get(QStringLiteral("strategy")), QStringLiteral("strategy"), runbook.strategy);
    else
        runbook.strategy.waves = {WaveSpec{QStringLiteral("all"), 0, 100}};

    if (f.has(QStringLiteral("params")))
        readParams(f.get(QStringLiteral("params")), QStringLiteral("params"), runbook);

    if (f.has(QStringLiteral("secrets"))) {
        const QString path = QStringLiteral("secrets");
        const YAML::Node n = f.get(path);
        if (const auto names = stringList(n, path)) {
            static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
            for (qsizetype i = 0; i < names->size(); ++i) {
                const QString &name = names->at(i);
                if (!re.match(name).hasMatch())
                    error(n[size_t(i)], index(path, i),
                          QStringLiteral("secret name '%1' must be letters, digits and '_' (it becomes LOCKSTEP_SECRET_<NAME>)")
                              .arg(name.left(40)));
                else if (runbook.secrets.contains(name))
                    error(n[size_t(i)], index(path, i), QStringLiteral("secret '%1' is declared twice").arg(name));
                else
                    runbook.secrets.append(name);
            }
        }
    }

    if (f.has(QStringLiteral("checklist"))) {
        const QString path = QStringLiteral("checklist");
        const YAML::Node n = f.get(path);
        if (isSequence(n, path, QStringLiteral("a list of checklist items"))) {
            qsizetype i = 0;
            for (const YAML::Node &item : n) {
                if (!spend(item) || i >= kMaxSteps)
                    break;
                runbook.checklist.append(readChecklistItem(item, index(path, i++)));
            }
        }
    }

    if (f.has(QStringLiteral("steps"))) {
        runbook.steps = readSteps(f.get(QStringLiteral("steps")), QStringLiteral("steps"));
        if (runbook.steps.isEmpty() && f.get(QStringLiteral("steps")).IsSequence())
            error(f.get(QStringLiteral("steps")), QStringLiteral("steps"), QStringLiteral("a runbook needs at least one step"));
    }
    if (f.has(QStringLiteral("rollback_steps")))
        runbook.rollbackSteps = readSteps(f.get(QStringLiteral("rollback_steps")), QStringLiteral("rollback_steps"));

    if (f.has(QStringLiteral("gates"))) {
        const QString path = QStringLiteral("gates");
        const YAML::Node n = f.get(path);
        if (isSequence(n, path, QStringLiteral("a list of gates"))) {
            qsizetype i = 0;
            for (const YAML::Node &item : n) {
                if (!spend(item) || i >= kMaxSteps)
                    break;
                runbook.gates.append(readGate(item, index(path, i++)));
            }
        }
    }

    for (const char *key : {"rollback", "emergency_rollback"}) {
        const QString path = QLatin1String(key);
        if (!f.has(path))
            continue;
        const QStringList ids = stringList(f.get(path), path).value_or(QStringList());
        (path == QLatin1String("rollback") ? runbook.rollback : runbook.emergencyRollback) = ids;
    }
}

void RunbookReader::readStrategy(const YAML::Node &node, const QString &path, StrategySpec &strategy)
{
    if (!isMap(node, path, QStringLiteral("a strategy")))
        return;
    const Fields f(*this, node, path,
                   {QStringLiteral("waves"), QStringLiteral("max_parallel"), QStringLiteral("between_waves"),
                    QStringLiteral("failure_budget"), QStringLiteral("on_failure")});
    if (f.has(QStringLiteral("waves"))) {
        const YAML::Node waves = f.get(QStringLiteral("waves"));
        const QString wpath = f.path(QStringLiteral("waves"));
        if (isSequence(waves, wpath, QStringLiteral("a list of waves"))) {
            int lastPercent = 0;
            qsizetype i = 0;
            for (const YAML::Node &w : waves) {
                if (!spend(w) || i >= kMaxSteps)
                    break;
                const QString p = index(wpath, i++);
                remember(w, p);
                if (!isMap(w, p, QStringLiteral("a wave such as {count: 1} or {percent: 25}")))
                    continue;
                const Fields wf(*this, w, p, {QStringLiteral("name"), QStringLiteral("count"), QStringLiteral("percent")});
                WaveSpec wave;
                if (wf.has(QStringLiteral("name")))
                    wave.name = string(wf.get(QStringLiteral("name")), wf.path(QStringLiteral("name"))).value_or(QString());
                const bool hasCount = wf.has(QStringLiteral("count"));
                const bool hasPercent = wf.has(QStringLiteral("percent"));
                if (hasCount == hasPercent) {
                    error(w, p, hasCount ? QStringLiteral("a wave has either count or percent, not both")
                                         : QStringLiteral("a wave needs count: N or percent: P"));
                    continue;
                }
                if (lastPercent >= 100) {
                    error(w, p, QStringLiteral("no wave can follow a wave of percent: 100; every instance is already in it"));
                    continue;
                }
                if (hasCount) {
                    wave.count = int(integer(wf.get(QStringLiteral("count")), wf.path(QStringLiteral("count")), 1, 100000).value_or(0));
                } else {
                    const YAML::Node pn = wf.get(QStringLiteral("percent"));
                    wave.percent = int(integer(pn, wf.path(QStringLiteral("percent")), 1, 100).value_or(0));
                    if (wave.percent > 0 && wave.percent <= lastPercent)
                        error(pn, wf.path(QStringLiteral("percent")),
                              QStringLiteral("wave percentages are cumulative and must grow: %1 follows %2")
                                  .arg(wave.percent).arg(lastPercent));
                    lastPercent = std::max(lastPercent, wave.percent);
                }
                strategy.waves.append(wave);
            }
            if (strategy.waves.isEmpty() && waves.IsSequence() && waves.size() == 0)
                error(waves, wpath, QStringLiteral("a strategy needs at least one wave"));
            else if (!strategy.waves.isEmpty() && strategy.waves.last().percent != 100)
                error(waves, wpath, QStringLiteral("the last wave must be {percent: 100} so that every selected instance is upgraded"));
        }
    } else {
        strategy.waves = {WaveSpec{QStringLiteral("all"), 0, 100}};
    }
    if (f.has(QStringLiteral("max_parallel")))
        strategy.maxParallel = int(integer(f.get(QStringLiteral("max_parallel")), f.path(QStringLiteral("max_parallel")), 1, 1000).value_or(1));
    if (f.has(QStringLiteral("between_waves"))) {
        const YAML::Node n = f.get(QStringLiteral("between_waves"));
        const QString p = f.path(QStringLiteral("between_waves"));
        if (isMap(n, p, QStringLiteral("between_waves: {observe: 10m, then: approve}"))) {
            const Fields bf(*this, n, p, {QStringLiteral("observe"), QStringLiteral("then")});
            if (bf.has(QStringLiteral("observe")))
                strategy.observe = duration(bf.get(QStringLiteral("observe")), bf.path(QStringLiteral("observe")), true).value_or(Millis(0));
            if (bf.has(QStringLiteral("then"))) {
                const YAML::Node t = bf.get(QStringLiteral("then"));
                const auto s = string(t, bf.path(QStringLiteral("then")));
                if (s == QLatin1String("approve"))
                    strategy.autoPromote = false;
                else if (s == QLatin1String("promote"))
                    strategy.autoPromote = true;
                else if (s)
                    error(t, bf.path(QStringLiteral("then")), QStringLiteral("then must be 'approve' or 'promote', not '%1'").arg(s->left(40)));
            }
        }
    }
    if (f.has(QStringLiteral("failure_budget"))) {
        const YAML::Node n = f.get(QStringLiteral("failure_budget"));
        const QString p = f.path(QStringLiteral("failure_budget"));
        if (isMap(n, p, QStringLiteral("failure_budget: {max_failed: 0}"))) {
            const Fields bf(*this, n, p, {QStringLiteral("max_failed")});
            if (bf.has(QStringLiteral("max_failed")))
                strategy.maxFailedPerWave = int(integer(bf.get(QStringLiteral("max_failed")), bf.path(QStringLiteral("max_failed")), 0, 100000).value_or(0));
            else
                error(n, bf.path(QStringLiteral("max_failed")), QStringLiteral("missing required key 'max_failed'"));
        }
    }
    if (f.has(QStringLiteral("on_failure")))
        strategy.onFailure = onFailure(f.get(QStringLiteral("on_failure")), f.path(QStringLiteral("on_failure"))).value_or(OnFailure::Pause);
}

void RunbookReader::readParams(const YAML::Node &node, const QString &path, Runbook &runbook)
{
    if (!isMap(node, path, QStringLiteral("params: {name: {default: ..., required: true}}")))
        return;
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]{0,63}$"));
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (!spend(it->first))
            return;
        const QString name = it->first.IsScalar() ? qs(it->first.Scalar()) : QString();
        const QString p = child(path, name);
        remember(it->second.IsNull() ? it->first : it->second, p);
        if (!re.match(name).hasMatch()) {
            error(it->first, p, QStringLiteral("'%1' is not a valid parameter name").arg(name.left(40)));
            continue;
        }
        bool duplicate = false;
        for (const ParamSpec &existing : runbook.params)
            duplicate = duplicate || existing.name == name;
        if (duplicate) {
            error(it->first, p, QStringLiteral("parameter '%1' is declared twice").arg(name));
            continue;
        }
        ParamSpec param;
        param.name = name;
        const YAML::Node v = it->second;
        if (v.IsScalar()) {
            param.defaultValue = qs(v.Scalar());
        } else if (v.IsNull()) {
            param.required = true;
        } else if (isMap(v, p, QStringLiteral("a default value or {default, required, description}"))) {
            const Fields pf(*this, v, p, {QStringLiteral("default"), QStringLiteral("required"), QStringLiteral("description"),
                                          QStringLiteral("secret")});
            if (pf.has(QStringLiteral("secret")))
                param.secret = boolean(pf.get(QStringLiteral("secret")), pf.path(QStringLiteral("secret"))).value_or(false);
            if (pf.has(QStringLiteral("default")))
                param.defaultValue = string(pf.get(QStringLiteral("default")), pf.path(QStringLiteral("default"))).value_or(QString());
            if (pf.has(QStringLiteral("description")))
                param.description = string(pf.get(QStringLiteral("description")), pf.path(QStringLiteral("description"))).value_or(QString());
            param.required = !pf.has(QStringLiteral("default"));
            if (pf.has(QStringLiteral("required"))) {
                param.required = boolean(pf.get(QStringLiteral("required")), pf.path(QStringLiteral("required"))).value_or(false);
                if (param.required && pf.has(QStringLiteral("default")))
                    error(pf.keyNode(QStringLiteral("required")), pf.path(QStringLiteral("required")),
                          QStringLiteral("a required parameter cannot have a default"));
            }
        }
        runbook.params.append(param);
    }
}

ChecklistItem RunbookReader::readChecklistItem(const YAML::Node &node, const QString &path)
{
    ChecklistItem item;
    item.location = locationOf(node);
    remember(node, path);
    if (!isMap(node, path, QStringLiteral("a checklist item")))
        return item;
    const Fields f(*this, node, path,
                   {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("check"), QStringLiteral("signoff"),
                    QStringLiteral("required"), QStringLiteral("when")});
    if (f.has(QStringLiteral("id")))
        item.id = identifier(f.get(QStringLiteral("id")), f.path(QStringLiteral("id"))).value_or(QString());
    else
        error(node, f.path(QStringLiteral("id")), QStringLiteral("missing required key 'id'"));
    if (f.has(QStringLiteral("title")))
        item.title = string(f.get(QStringLiteral("title")), f.path(QStringLiteral("title"))).value_or(QString());
    else
        error(node, f.path(QStringLiteral("title")), QStringLiteral("missing required key 'title'"));
    if (f.has(QStringLiteral("required")))
        item.required = boolean(f.get(QStringLiteral("required")), f.path(QStringLiteral("required"))).value_or(true);
    if (f.has(QStringLiteral("when"))) {
        const YAML::Node w = f.get(QStringLiteral("when"));
        if (const auto s = string(w, f.path(QStringLiteral("when")))) {
            const auto c = Condition::parse(*s);
            if (!c)
                error(w, f.path(QStringLiteral("when")), c.error().message + QLatin1String("; ") + c.error().hint);
            item.when = *s;
        }
    }
    if (f.has(QStringLiteral("check"))) {
        StepSpec check = readStep(f.get(QStringLiteral("check")), f.path(QStringLiteral("check")), true);
        if (check.id.isEmpty())
            check.id = item.id;
        if (check.title.isEmpty())
            check.title = item.title;
        if (check.when.isEmpty())
            check.when = item.when;
        item.check = check;
    }
    if (f.has(QStringLiteral("signoff"))) {
        const YAML::Node s = f.get(QStringLiteral("signoff"));
        const QString p = f.path(QStringLiteral("signoff"));
        if (isMap(s, p, QStringLiteral("signoff: {by: 1}"))) {
            const Fields sf(*this, s, p, {QStringLiteral("by")});
            item.signoffsRequired = 1;
            if (sf.has(QStringLiteral("by")))
                item.signoffsRequired = int(integer(sf.get(QStringLiteral("by")), sf.path(QStringLiteral("by")), 1, 2).value_or(1));
        }
    }
    if (!f.has(QStringLiteral("check")) && !f.has(QStringLiteral("signoff")))
        error(node, path, QStringLiteral("a checklist item needs check: (automated) or signoff: (manual), or both"));
    return item;
}

QList<StepSpec> RunbookReader::readSteps(const YAML::Node &node, const QString &path)
{
    QList<StepSpec> steps;
    if (!isSequence(node, path, QStringLiteral("a list of steps")))
        return steps;
    qsizetype i = 0;
    for (const YAML::Node &item : node) {
        if (!spend(item))
            break;
        if (i >= kMaxSteps) {
            error(item, index(path, i), QStringLiteral("more than %1 steps").arg(kMaxSteps));
            break;
        }
        steps.append(readStep(item, index(path, i++), false));
    }
    return steps;
}

void RunbookReader::checkRegex(const YAML::Node &node, const QString &path, const QString &pattern)
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
                              .arg(re.errorString()).arg(re.patternErrorOffset()));
}

std::optional<QList<int>> RunbookReader::intList(const YAML::Node &node, const QString &path, int min, int max)
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

void RunbookReader::readHttpExpectation(const YAML::Node &node, const QString &path, HttpExpectation &expect)
{
    if (!isMap(node, path, QStringLiteral("{status: [200], json: {\"/ptr\": value}, body: regex}")))
        return;
    const Fields f(*this, node, path, {QStringLiteral("status"), QStringLiteral("json"), QStringLiteral("body")});
    if (f.has(QStringLiteral("status")))
        expect.statuses = intList(f.get(QStringLiteral("status")), f.path(QStringLiteral("status")), 100, 599).value_or(QList<int>());
    if (f.has(QStringLiteral("json"))) {
        const YAML::Node j = f.get(QStringLiteral("json"));
        const QString jp = f.path(QStringLiteral("json"));
        if (isMap(j, jp, QStringLiteral("a mapping of JSON pointer: expected value"))) {
            for (auto it = j.begin(); it != j.end(); ++it) {
                if (!spend(it->first))
                    return;
                const QString ptr = it->first.IsScalar() ? qs(it->first.Scalar()) : QString();
                const QString p = jp + QStringLiteral("[\"") + ptr + QStringLiteral("\"]");
                if (!ptr.isEmpty() && !ptr.startsWith(QLatin1Char('/'))) {
                    error(it->first, p, QStringLiteral("'%1' is not a JSON pointer; it starts with '/' as in \"/0/status\"").arg(ptr.left(40)));
                    continue;
                }
                if (const auto v = json(it->second, p))
                    expect.json.append({ptr, *v});
            }
        }
    }
    if (f.has(QStringLiteral("body"))) {
        const YAML::Node b = f.get(QStringLiteral("body"));
        if (const auto s = string(b, f.path(QStringLiteral("body")))) {
            checkRegex(b, f.path(QStringLiteral("body")), *s);
            expect.bodyRegex = *s;
        }
    }
}

void RunbookReader::readCommandExpectation(const YAML::Node &node, const QString &path, CommandExpectation &expect)
{
    if (!isMap(node, path, QStringLiteral("{exit: [0], output: regex}")))
        return;
    const Fields f(*this, node, path, {QStringLiteral("exit"), QStringLiteral("output")});
    if (f.has(QStringLiteral("exit")))
        expect.exitCodes = intList(f.get(QStringLiteral("exit")), f.path(QStringLiteral("exit")), 0, 255).value_or(QList<int>());
    if (f.has(QStringLiteral("output"))) {
        const YAML::Node o = f.get(QStringLiteral("output"));
        if (const auto s = string(o, f.path(QStringLiteral("output")))) {
            checkRegex(o, f.path(QStringLiteral("output")), *s);
            expect.outputRegex = *s;
        }
    }
}

void RunbookReader::readLocal(const YAML::Node &node, const QString &path, StepSpec &step)
{
    if (node.IsScalar()) {
        step.command = qs(node.Scalar());
        if (step.command.trimmed().isEmpty())
            error(node, path, QStringLiteral("the command is empty"));
        return;
    }
    if (!isMap(node, path, QStringLiteral("a shell command or {argv: [...], env: {...}, cwd: ...}")))
        return;
    const Fields f(*this, node, path,
                   {QStringLiteral("command"), QStringLiteral("argv"), QStringLiteral("env"), QStringLiteral("cwd")});
    if (f.has(QStringLiteral("command")) == f.has(QStringLiteral("argv")))
        error(node, path, QStringLiteral("a local step has either command: (run by /bin/sh -c) or argv: (no shell)"));
    if (f.has(QStringLiteral("command")))
        step.command = string(f.get(QStringLiteral("command")), f.path(QStringLiteral("command"))).value_or(QString());
    if (f.has(QStringLiteral("argv"))) {
        step.argv = stringList(f.get(QStringLiteral("argv")), f.path(QStringLiteral("argv"))).value_or(QStringList());
        if (step.argv.isEmpty() && f.get(QStringLiteral("argv")).IsSequence())
            error(f.get(QStringLiteral("argv")), f.path(QStringLiteral("argv")), QStringLiteral("argv needs at least the program"));
    }
    if (f.has(QStringLiteral("cwd")))
        step.workingDirectory = string(f.get(QStringLiteral("cwd")), f.path(QStringLiteral("cwd"))).value_or(QString());
    if (f.has(QStringLiteral("env"))) {
        const YAML::Node e = f.get(QStringLiteral("env"));
        const QString ep = f.path(QStringLiteral("env"));
        if (isMap(e, ep, QStringLiteral("a mapping of NAME: value"))) {
            static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
            for (auto it = e.begin(); it != e.end(); ++it) {
                if (!spend(it->first))
                    return;
                const QString name = it->first.IsScalar() ? qs(it->first.Scalar()) : QString();
                const QString p = child(ep, name);
                remember(it->second.IsNull() ? it->first : it->second, p);
                if (!re.match(name).hasMatch()) {
                    error(it->first, p, QStringLiteral("'%1' is not an environment variable name").arg(name.left(40)));
                    continue;
                }
                if (const auto v = string(it->second, p))
                    step.env.insert(name, *v);
            }
        }
    }
}

StepSpec RunbookReader::readStep(const YAML::Node &node, const QString &path, bool isCheck)
{
    StepSpec step;
    step.location = locationOf(node);
    step.readOnly = isCheck;
    remember(node, path);
    if (!isMap(node, path, isCheck ? QStringLiteral("a check (a step without side effects)") : QStringLiteral("a step")))
        return step;
    const Fields f(*this, node, path,
                   {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("ssh"), QStringLiteral("local"),
                    QStringLiteral("http"), QStringLiteral("manual"), QStringLiteral("wait"), QStringLiteral("gate"),
                    QStringLiteral("headers"), QStringLiteral("body"), QStringLiteral("expect"), QStringLiteral("until"),
                    QStringLiteral("within"), QStringLiteral("poll_interval"), QStringLiteral("timeout"),
                    QStringLiteral("expected"), QStringLiteral("retries"), QStringLiteral("undo"),
                    QStringLiteral("idempotent"), QStringLiteral("probe"), QStringLiteral("disruptive"),
                    QStringLiteral("read_only"), QStringLiteral("on_failure"), QStringLiteral("when")});
    auto has = [&](const char *k) { return f.has(QLatin1String(k)); };
    auto get = [&](const char *k) { return f.get(QLatin1String(k)); };
    auto at = [&](const char *k) { return f.path(QLatin1String(k)); };

    if (has("id"))
        step.id = identifier(get("id"), at("id")).value_or(QString());
    else if (!isCheck)
        error(node, at("id"), QStringLiteral("missing required key 'id'"));
    if (has("title"))
        step.title = string(get("title"), at("title")).value_or(QString());

    QStringList actions;
    for (const QString &key : f.keys())   // in the order written, so the second action is the one flagged
        if (kStepActions.contains(key))
            actions.append(key);
    if (actions.isEmpty()) {
        error(node, path, QStringLiteral("a step needs one action: ssh, local, http, manual, wait or gate"));
        return step;
    }
    if (actions.size() > 1)
        error(f.keyNode(actions.at(1)), f.path(actions.at(1)),
              QStringLiteral("a step has exactly one action; this one has %1").arg(actions.join(QLatin1String(" and "))));
    const QString action = actions.first();
    const YAML::Node actionNode = f.get(action);
    const QString actionPath = f.path(action);
    if (action == QLatin1String("ssh")) {
        step.kind = StepKind::Ssh;
        step.command = string(actionNode, actionPath).value_or(QString());
        if (actionNode.IsScalar() && step.command.trimmed().isEmpty())
            error(actionNode, actionPath, QStringLiteral("the command is empty"));
    } else if (action == QLatin1String("local")) {
        step.kind = StepKind::Local;
        readLocal(actionNode, actionPath, step);
    } else if (action == QLatin1String("http")) {
        step.kind = StepKind::Http;
        if (const auto s = string(actionNode, actionPath)) {
            static const QRegularExpression re(QStringLiteral("^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\\s+(\\S+)$"));
            const QRegularExpressionMatch m = re.match(s->trimmed());
            if (!m.hasMatch()) {
                error(actionNode, actionPath,
                      QStringLiteral("write http: \"METHOD URL\", e.g. \"GET {{instance.url}}/health\" (methods: GET HEAD POST PUT PATCH DELETE OPTIONS)"));
            } else {
                step.http.method = m.captured(1);
                step.http.url = m.captured(2);
                if (!step.http.url.startsWith(QLatin1String("{{")) && !step.http.url.startsWith(QLatin1String("http://"))
                    && !step.http.url.startsWith(QLatin1String("https://")))
                    error(actionNode, actionPath,
                          QStringLiteral("the URL must start with http://, https:// or a URL variable such as {{instance.url}}"));
                if (step.http.method == QLatin1String("GET") || step.http.method == QLatin1String("HEAD"))
                    step.readOnly = true;
            }
        }
        step.timeout = std::chrono::minutes(1);
    } else if (action == QLatin1String("manual")) {
        step.kind = StepKind::Manual;
        step.prompt = string(actionNode, actionPath).value_or(QString());
        step.timeout = Millis(0);
    } else if (action == QLatin1String("wait")) {
        step.kind = StepKind::Wait;
        step.waitFor = duration(actionNode, actionPath).value_or(Millis(0));
    } else {
        step.kind = StepKind::Gate;
        step.gate = identifier(actionNode, actionPath).value_or(QString());
        step.timeout = Millis(0);
    }
    if (isCheck && (step.kind == StepKind::Wait || step.kind == StepKind::Gate))
        error(actionNode, actionPath, QStringLiteral("a check runs ssh, local, http or manual"));

    const bool http = step.kind == StepKind::Http;
    const bool command = step.kind == StepKind::Ssh || step.kind == StepKind::Local;
    for (const char *k : {"headers", "body", "until", "within", "poll_interval"})
        if (has(k) && !http)
            error(f.keyNode(QLatin1String(k)), at(k), QStringLiteral("'%1' only applies to http steps").arg(QLatin1String(k)));

    if (has("expect")) {
        if (http)
            readHttpExpectation(get("expect"), at("expect"), step.expect);
        else if (command)
            readCommandExpectation(get("expect"), at("expect"), step.commandExpect);
        else
            error(f.keyNode(QStringLiteral("expect")), at("expect"), QStringLiteral("'expect' only applies to ssh, local and http steps"));
    }
    if (http) {
        if (has("headers")) {
            const YAML::Node h = get("headers");
            if (isMap(h, at("headers"), QStringLiteral("a mapping of Header-Name: value"))) {
                static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
                for (auto it = h.begin(); it != h.end(); ++it) {
                    if (!spend(it->first))
                        break;
                    const QString name = it->first.IsScalar() ? qs(it->first.Scalar()) : QString();
                    const QString p = child(at("headers"), name);
                    remember(it->second.IsNull() ? it->first : it->second, p);
                    if (!re.match(name).hasMatch()) {
                        error(it->first, p, QStringLiteral("'%1' is not a valid header name").arg(name.left(40)));
                        continue;
                    }
                    if (const auto v = string(it->second, p))
                        step.http.headers.insert(name, *v);
                }
            }
        }
        if (has("body")) {
            if (step.http.method == QLatin1String("GET") || step.http.method == QLatin1String("HEAD"))
                error(f.keyNode(QStringLiteral("body")), at("body"), QStringLiteral("a %1 request has no body").arg(step.http.method));
            if (const auto b = json(get("body"), at("body"))) {
                step.http.body = *b;
                step.http.hasBody = true;
            }
        }
        if (has("until")) {
            HttpExpectation until;
            readHttpExpectation(get("until"), at("until"), until);
            step.until = until;
            if (!has("within"))
                error(f.keyNode(QStringLiteral("until")), at("within"),
                      QStringLiteral("'until' needs 'within: <duration>', how long to keep polling"));
        }
        if (has("within")) {
            step.within = duration(get("within"), at("within")).value_or(Millis(0));
            if (!has("until"))
                error(f.keyNode(QStringLiteral("within")), at("within"), QStringLiteral("'within' only applies together with 'until'"));
        }
        if (has("poll_interval")) {
            step.pollInterval = duration(get("poll_interval"), at("poll_interval")).value_or(step.pollInterval);
            if (step.pollInterval < Millis(100))
                error(get("poll_interval"), at("poll_interval"), QStringLiteral("poll_interval must be at least 100ms"));
        }
    }
    if (has("timeout"))
        step.timeout = duration(get("timeout"), at("timeout")).value_or(step.timeout);
    if (has("expected"))
        step.expected = duration(get("expected"), at("expected")).value_or(Millis(0));
    if (has("retries")) {
        const YAML::Node r = get("retries");
        if (isMap(r, at("retries"), QStringLiteral("retries: {count: 2, backoff: 10s}"))) {
            const Fields rf(*this, r, at("retries"), {QStringLiteral("count"), QStringLiteral("backoff")});
            if (rf.has(QStringLiteral("count")))
                step.retries.count = int(integer(rf.get(QStringLiteral("count")), rf.path(QStringLiteral("count")), 0, 100).value_or(0));
            else
                error(r, rf.path(QStringLiteral("count")), QStringLiteral("missing required key 'count'"));
            if (rf.has(QStringLiteral("backoff")))
                step.retries.backoff = duration(rf.get(QStringLiteral("backoff")), rf.path(QStringLiteral("backoff")), true).value_or(Millis(0));
        }
    }
    if (has("undo"))
        step.undo = identifier(get("undo"), at("undo")).value_or(QString());
    if (has("probe"))
        step.probe = identifier(get("probe"), at("probe")).value_or(QString());
    if (has("idempotent"))
        step.idempotent = boolean(get("idempotent"), at("idempotent")).value_or(false);
    if (has("disruptive"))
        step.disruptive = boolean(get("disruptive"), at("disruptive")).value_or(false);
    if (has("read_only")) {
        step.readOnly = boolean(get("read_only"), at("read_only")).value_or(false);
        if (isCheck && !step.readOnly)
            error(get("read_only"), at("read_only"), QStringLiteral("a check only reads; it cannot be read_only: false"));
    }
    if (isCheck && step.disruptive)
        error(get("disruptive"), at("disruptive"), QStringLiteral("a check only reads; it cannot be disruptive"));
    if (has("on_failure"))
        step.onFailure = onFailure(get("on_failure"), at("on_failure")).value_or(OnFailure::Pause);
    if (has("when")) {
        const YAML::Node w = get("when");
        if (const auto s = string(w, at("when"))) {
            const auto c = Condition::parse(*s);
            if (!c)
                error(w, at("when"), c.error().message + QLatin1String("; ") + c.error().hint);
            step.when = *s;
        }
    }
    return step;
}

GateSpec RunbookReader::readGate(const YAML::Node &node, const QString &path)
{
    GateSpec gate;
    gate.location = locationOf(node);
    remember(node, path);
    if (!isMap(node, path, QStringLiteral("a gate")))
        return gate;
    const Fields f(*this, node, path,
                   {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("metric"), QStringLiteral("promql"),
                    QStringLiteral("below"), QStringLiteral("above"), QStringLiteral("between"),
                    QStringLiteral("inconclusive_above"), QStringLiteral("interval"), QStringLiteral("count"),
                    QStringLiteral("failure_limit"), QStringLiteral("provider_error_limit"),
                    QStringLiteral("initial_delay"), QStringLiteral("no_data"), QStringLiteral("baseline"),
                    QStringLiteral("tolerance")});
    auto has = [&](const char *k) { return f.has(QLatin1String(k)); };
    auto get = [&](const char *k) { return f.get(QLatin1String(k)); };
    auto at = [&](const char *k) { return f.path(QLatin1String(k)); };

    if (has("metric") == has("promql")) {
        error(node, path, has("metric") ? QStringLiteral("a gate has either metric: or promql:, not both")
                                        : QStringLiteral("a gate needs metric: (error_rate, p95_latency, queue_depth, ...) or promql: <expression>"));
    } else if (has("metric")) {
        const YAML::Node m = get("metric");
        if (const auto s = string(m, at("metric"))) {
            gate.metric = *s;
            static const QRegularExpression latency(QStringLiteral("^p(\\d{1,2}(?:\\.\\d+)?)_latency$"));
            if (!kMetrics.contains(*s) && !latency.match(*s).hasMatch()) {
                const QString suggestion = closest(*s, kMetrics);
                error(m, at("metric"),
                      QStringLiteral("unknown metric '%1'%2; known: %3, or use promql: for an expression")
                          .arg(s->left(40),
                               suggestion.isEmpty() ? QString() : QStringLiteral(" (did you mean '%1'?)").arg(suggestion),
                               kMetrics.join(QLatin1String(", "))));
            }
        }
    } else {
        gate.metric = string(get("promql"), at("promql")).value_or(QString());
        gate.promql = true;
        if (gate.metric.trimmed().isEmpty())
            error(get("promql"), at("promql"), QStringLiteral("the PromQL expression is empty"));
    }
    if (has("id"))
        gate.id = identifier(get("id"), at("id")).value_or(QString());
    else if (gate.promql)
        error(node, at("id"), QStringLiteral("a promql: gate needs an id"));
    else
        gate.id = gate.metric;
    if (has("title"))
        gate.title = string(get("title"), at("title")).value_or(QString());

    const int conditions = int(has("below")) + int(has("above")) + int(has("between"));
    if (conditions != 1)
        error(node, path, conditions == 0 ? QStringLiteral("a gate needs one condition: below:, above: or between: [low, high]")
                                          : QStringLiteral("a gate has one condition: below:, above: or between:"));
    if (has("below")) {
        gate.comparison = Comparison::Below;
        gate.threshold = number(get("below"), at("below")).value_or(0);
    } else if (has("above")) {
        gate.comparison = Comparison::Above;
        gate.threshold = number(get("above"), at("above")).value_or(0);
    } else if (has("between")) {
        gate.comparison = Comparison::Between;
        const YAML::Node b = get("between");
        if (isSequence(b, at("between"), QStringLiteral("[low, high]")) && b.size() == 2) {
            gate.lower = number(b[0], index(at("between"), 0)).value_or(0);
            gate.upper = number(b[1], index(at("between"), 1)).value_or(0);
            if (gate.lower >= gate.upper)
                error(b, at("between"), QStringLiteral("between: [low, high] needs low < high"));
        } else if (b.IsSequence()) {
            error(b, at("between"), QStringLiteral("between takes exactly two numbers: [low, high]"));
        }
    }
    if (has("inconclusive_above")) {
        const auto v = number(get("inconclusive_above"), at("inconclusive_above"));
        if (gate.comparison == Comparison::Between || conditions != 1)
            error(get("inconclusive_above"), at("inconclusive_above"),
                  QStringLiteral("inconclusive_above only applies to a below: or above: gate"));
        else if (v && gate.comparison == Comparison::Below && *v >= gate.threshold)
            error(get("inconclusive_above"), at("inconclusive_above"),
                  QStringLiteral("inconclusive_above (%1) must be lower than below (%2): values between them ask the operator")
                      .arg(*v).arg(gate.threshold));
        else if (v && gate.comparison == Comparison::Above && *v <= gate.threshold)
            error(get("inconclusive_above"), at("inconclusive_above"),
                  QStringLiteral("inconclusive_above (%1) must be higher than above (%2): values between them ask the operator")
                      .arg(*v).arg(gate.threshold));
        gate.inconclusiveAbove = v;
    }
    if (has("interval"))
        gate.interval = duration(get("interval"), at("interval")).value_or(gate.interval);
    if (has("count"))
        gate.count = int(integer(get("count"), at("count"), 1, 10000).value_or(gate.count));
    if (has("failure_limit")) {
        gate.failureLimit = int(integer(get("failure_limit"), at("failure_limit"), 1, 10000).value_or(gate.failureLimit));
        if (gate.failureLimit > gate.count)
            error(get("failure_limit"), at("failure_limit"),
                  QStringLiteral("failure_limit (%1) is larger than count (%2): the gate could never fail")
                      .arg(gate.failureLimit).arg(gate.count));
    }
    if (has("provider_error_limit"))
        gate.providerErrorLimit = int(integer(get("provider_error_limit"), at("provider_error_limit"), 1, 10000).value_or(gate.providerErrorLimit));
    if (has("initial_delay"))
        gate.initialDelay = duration(get("initial_delay"), at("initial_delay"), true).value_or(Millis(0));
    if (!has("no_data")) {
        error(node, at("no_data"), QStringLiteral("missing required key 'no_data': say what happens without data (fail, pause or pass)"));
    } else {
        const YAML::Node n = get("no_data");
        const auto s = string(n, at("no_data"));
        if (s == QLatin1String("fail"))
            gate.noData = NoDataPolicy::Fail;
        else if (s == QLatin1String("pause"))
            gate.noData = NoDataPolicy::Pause;
        else if (s == QLatin1String("pass"))
            gate.noData = NoDataPolicy::Pass;
        else if (s)
            error(n, at("no_data"), QStringLiteral("no_data must be fail, pause or pass, not '%1'").arg(s->left(40)));
    }
    if (has("baseline")) {
        const YAML::Node b = get("baseline");
        const auto s = string(b, at("baseline"));
        if (s == QLatin1String("pre-upgrade") || s == QLatin1String("not-upgraded"))
            gate.baseline = *s;
        else if (s)
            error(b, at("baseline"), QStringLiteral("baseline must be pre-upgrade or not-upgraded, not '%1'").arg(s->left(40)));
    }
    if (has("tolerance")) {
        const auto t = number(get("tolerance"), at("tolerance"));
        if (t && *t < 0)
            error(get("tolerance"), at("tolerance"), QStringLiteral("tolerance cannot be negative"));
        gate.tolerance = t.value_or(0);
        if (!has("baseline"))
            error(get("tolerance"), at("tolerance"), QStringLiteral("tolerance only applies together with baseline:"));
    }
    return gate;
}

} // namespace lockstep
