#include "app/runbook/StepReader.h"

#include "app/runbook/Condition.h"

#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace lockstep {

namespace {

QString qs(const std::string &s)
{
    return YamlReader::text(s);
}

QString child(const QString &path, const QString &key)
{
    return YamlReader::child(path, key);
}

const QStringList kStepActions = {QStringLiteral("ssh"), QStringLiteral("local"), QStringLiteral("http"),
                                  QStringLiteral("manual"), QStringLiteral("wait"), QStringLiteral("gate")};

} // namespace

StepReader::StepReader(YamlReader &yaml) : m_yaml(yaml) {}

void StepReader::readHttpExpectation(const YAML::Node &node, const QString &path, HttpExpectation &expect)
{
    if (!m_yaml.isMap(node, path, QStringLiteral("{status: [200], json: {\"/ptr\": value}, body: regex}")))
        return;
    const YamlReader::Fields f(m_yaml, node, path, {QStringLiteral("status"), QStringLiteral("json"), QStringLiteral("body")});
    if (f.has(QStringLiteral("status")))
        expect.statuses = m_yaml.intList(f.get(QStringLiteral("status")), f.path(QStringLiteral("status")), 100, 599).value_or(QList<int>());
    if (f.has(QStringLiteral("json"))) {
        const YAML::Node j = f.get(QStringLiteral("json"));
        const QString jp = f.path(QStringLiteral("json"));
        if (m_yaml.isMap(j, jp, QStringLiteral("a mapping of JSON pointer: expected value"))) {
            for (auto it = j.begin(); it != j.end(); ++it) {
                if (!m_yaml.spend(it->first))
                    return;
                const QString ptr = it->first.IsScalar() ? qs(it->first.Scalar()) : QString();
                const QString p = jp + QStringLiteral("[\"") + ptr + QStringLiteral("\"]");
                if (!ptr.isEmpty() && !ptr.startsWith(QLatin1Char('/'))) {
                    m_yaml.error(it->first, p, QStringLiteral("'%1' is not a JSON pointer; it starts with '/' as in \"/0/status\"").arg(ptr.left(40)));
                    continue;
                }
                if (const auto v = m_yaml.json(it->second, p))
                    expect.json.append({ptr, *v, {}});
            }
        }
    }
    if (f.has(QStringLiteral("body"))) {
        const YAML::Node b = f.get(QStringLiteral("body"));
        if (const auto s = m_yaml.string(b, f.path(QStringLiteral("body")))) {
            m_yaml.checkRegex(b, f.path(QStringLiteral("body")), *s);
            expect.bodyRegex = *s;
        }
    }
}

void StepReader::readCommandExpectation(const YAML::Node &node, const QString &path, CommandExpectation &expect)
{
    if (!m_yaml.isMap(node, path, QStringLiteral("{exit: [0], output: regex}")))
        return;
    const YamlReader::Fields f(m_yaml, node, path, {QStringLiteral("exit"), QStringLiteral("output")});
    if (f.has(QStringLiteral("exit")))
        expect.exitCodes = m_yaml.intList(f.get(QStringLiteral("exit")), f.path(QStringLiteral("exit")), 0, 255).value_or(QList<int>());
    if (f.has(QStringLiteral("output"))) {
        const YAML::Node o = f.get(QStringLiteral("output"));
        if (const auto s = m_yaml.string(o, f.path(QStringLiteral("output")))) {
            m_yaml.checkRegex(o, f.path(QStringLiteral("output")), *s);
            expect.outputRegex = *s;
        }
    }
}

void StepReader::readLocal(const YAML::Node &node, const QString &path, StepSpec &step)
{
    if (node.IsScalar()) {
        step.command = qs(node.Scalar());
        if (step.command.trimmed().isEmpty())
            m_yaml.error(node, path, QStringLiteral("the command is empty"));
        return;
    }
    if (!m_yaml.isMap(node, path, QStringLiteral("a shell command or {argv: [...], env: {...}, cwd: ...}")))
        return;
    const YamlReader::Fields f(m_yaml, node, path,
                   {QStringLiteral("command"), QStringLiteral("argv"), QStringLiteral("env"), QStringLiteral("cwd")});
    if (f.has(QStringLiteral("command")) == f.has(QStringLiteral("argv")))
        m_yaml.error(node, path, QStringLiteral("a local step has either command: (run by /bin/sh -c) or argv: (no shell)"));
    if (f.has(QStringLiteral("command")))
        step.command = m_yaml.string(f.get(QStringLiteral("command")), f.path(QStringLiteral("command"))).value_or(QString());
    if (f.has(QStringLiteral("argv"))) {
        step.argv = m_yaml.stringList(f.get(QStringLiteral("argv")), f.path(QStringLiteral("argv"))).value_or(QStringList());
        if (step.argv.isEmpty() && f.get(QStringLiteral("argv")).IsSequence())
            m_yaml.error(f.get(QStringLiteral("argv")), f.path(QStringLiteral("argv")), QStringLiteral("argv needs at least the program"));
    }
    if (f.has(QStringLiteral("cwd")))
        step.workingDirectory = m_yaml.string(f.get(QStringLiteral("cwd")), f.path(QStringLiteral("cwd"))).value_or(QString());
    if (f.has(QStringLiteral("env"))) {
        const YAML::Node e = f.get(QStringLiteral("env"));
        const QString ep = f.path(QStringLiteral("env"));
        if (m_yaml.isMap(e, ep, QStringLiteral("a mapping of NAME: value"))) {
            static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
            for (auto it = e.begin(); it != e.end(); ++it) {
                if (!m_yaml.spend(it->first))
                    return;
                const QString name = it->first.IsScalar() ? qs(it->first.Scalar()) : QString();
                const QString p = child(ep, name);
                m_yaml.remember(it->second.IsNull() ? it->first : it->second, p);
                if (!re.match(name).hasMatch()) {
                    m_yaml.error(it->first, p, QStringLiteral("'%1' is not an environment variable name").arg(name.left(40)));
                    continue;
                }
                if (const auto v = m_yaml.string(it->second, p))
                    step.env.insert(name, *v);
            }
        }
    }
}

StepSpec StepReader::read(const YAML::Node &node, const QString &path, bool isCheck)
{
    StepSpec step;
    step.location = m_yaml.locationOf(node);
    step.readOnly = isCheck;
    m_yaml.remember(node, path);
    if (!m_yaml.isMap(node, path, isCheck ? QStringLiteral("a check (a step without side effects)") : QStringLiteral("a step")))
        return step;
    const YamlReader::Fields f(m_yaml, node, path,
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
        step.id = m_yaml.identifier(get("id"), at("id")).value_or(QString());
    else if (!isCheck)
        m_yaml.error(node, at("id"), QStringLiteral("missing required key 'id'"));
    if (has("title"))
        step.title = m_yaml.string(get("title"), at("title")).value_or(QString());

    QStringList actions;
    for (const QString &key : f.keys())   // in the order written, so the second action is the one flagged
        if (kStepActions.contains(key))
            actions.append(key);
    if (actions.isEmpty()) {
        m_yaml.error(node, path, QStringLiteral("a step needs one action: ssh, local, http, manual, wait or gate"));
        return step;
    }
    if (actions.size() > 1)
        m_yaml.error(f.keyNode(actions.at(1)), f.path(actions.at(1)),
              QStringLiteral("a step has exactly one action; this one has %1").arg(actions.join(QLatin1String(" and "))));
    const QString action = actions.first();
    const YAML::Node actionNode = f.get(action);
    const QString actionPath = f.path(action);
    if (action == QLatin1String("ssh")) {
        step.kind = StepKind::Ssh;
        step.command = m_yaml.string(actionNode, actionPath).value_or(QString());
        if (actionNode.IsScalar() && step.command.trimmed().isEmpty())
            m_yaml.error(actionNode, actionPath, QStringLiteral("the command is empty"));
    } else if (action == QLatin1String("local")) {
        step.kind = StepKind::Local;
        readLocal(actionNode, actionPath, step);
    } else if (action == QLatin1String("http")) {
        step.kind = StepKind::Http;
        if (const auto s = m_yaml.string(actionNode, actionPath)) {
            static const QRegularExpression re(QStringLiteral("^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\\s+(\\S+)$"));
            const QRegularExpressionMatch m = re.match(s->trimmed());
            if (!m.hasMatch()) {
                m_yaml.error(actionNode, actionPath,
                      QStringLiteral("write http: \"METHOD URL\", e.g. \"GET {{instance.url}}/health\" (methods: GET HEAD POST PUT PATCH DELETE OPTIONS)"));
            } else {
                step.http.method = m.captured(1);
                step.http.url = m.captured(2);
                if (!step.http.url.startsWith(QLatin1String("{{")) && !step.http.url.startsWith(QLatin1String("http://"))
                    && !step.http.url.startsWith(QLatin1String("https://")))
                    m_yaml.error(actionNode, actionPath,
                          QStringLiteral("the URL must start with http://, https:// or a URL variable such as {{instance.url}}"));
                if (step.http.method == QLatin1String("GET") || step.http.method == QLatin1String("HEAD"))
                    step.readOnly = true;
            }
        }
        step.timeout = std::chrono::minutes(1);
    } else if (action == QLatin1String("manual")) {
        step.kind = StepKind::Manual;
        step.prompt = m_yaml.string(actionNode, actionPath).value_or(QString());
        step.timeout = Millis(0);
    } else if (action == QLatin1String("wait")) {
        step.kind = StepKind::Wait;
        step.waitFor = m_yaml.duration(actionNode, actionPath).value_or(Millis(0));
    } else {
        step.kind = StepKind::Gate;
        step.gate = m_yaml.identifier(actionNode, actionPath).value_or(QString());
        step.timeout = Millis(0);
    }
    if (isCheck && (step.kind == StepKind::Wait || step.kind == StepKind::Gate))
        m_yaml.error(actionNode, actionPath, QStringLiteral("a check runs ssh, local, http or manual"));

    const bool http = step.kind == StepKind::Http;
    const bool command = step.kind == StepKind::Ssh || step.kind == StepKind::Local;
    for (const char *k : {"headers", "body", "until", "within", "poll_interval"})
        if (has(k) && !http)
            m_yaml.error(f.keyNode(QLatin1String(k)), at(k), QStringLiteral("'%1' only applies to http steps").arg(QLatin1String(k)));

    if (has("expect")) {
        if (http)
            readHttpExpectation(get("expect"), at("expect"), step.expect);
        else if (command)
            readCommandExpectation(get("expect"), at("expect"), step.commandExpect);
        else
            m_yaml.error(f.keyNode(QStringLiteral("expect")), at("expect"), QStringLiteral("'expect' only applies to ssh, local and http steps"));
    }
    if (http) {
        if (has("headers")) {
            const YAML::Node h = get("headers");
            if (m_yaml.isMap(h, at("headers"), QStringLiteral("a mapping of Header-Name: value"))) {
                static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
                for (auto it = h.begin(); it != h.end(); ++it) {
                    if (!m_yaml.spend(it->first))
                        break;
                    const QString name = it->first.IsScalar() ? qs(it->first.Scalar()) : QString();
                    const QString p = child(at("headers"), name);
                    m_yaml.remember(it->second.IsNull() ? it->first : it->second, p);
                    if (!re.match(name).hasMatch()) {
                        m_yaml.error(it->first, p, QStringLiteral("'%1' is not a valid header name").arg(name.left(40)));
                        continue;
                    }
                    if (const auto v = m_yaml.string(it->second, p))
                        step.http.headers.insert(name, *v);
                }
            }
        }
        if (has("body")) {
            if (step.http.method == QLatin1String("GET") || step.http.method == QLatin1String("HEAD"))
                m_yaml.error(f.keyNode(QStringLiteral("body")), at("body"), QStringLiteral("a %1 request has no body").arg(step.http.method));
            if (const auto b = m_yaml.json(get("body"), at("body"))) {
                step.http.body = *b;
                step.http.hasBody = true;
            }
        }
        if (has("until")) {
            HttpExpectation until;
            readHttpExpectation(get("until"), at("until"), until);
            step.until = until;
            if (!has("within"))
                m_yaml.error(f.keyNode(QStringLiteral("until")), at("within"),
                      QStringLiteral("'until' needs 'within: <duration>', how long to keep polling"));
        }
        if (has("within")) {
            step.within = m_yaml.duration(get("within"), at("within")).value_or(Millis(0));
            if (!has("until"))
                m_yaml.error(f.keyNode(QStringLiteral("within")), at("within"), QStringLiteral("'within' only applies together with 'until'"));
        }
        if (has("poll_interval")) {
            step.pollInterval = m_yaml.duration(get("poll_interval"), at("poll_interval")).value_or(step.pollInterval);
            if (step.pollInterval < Millis(100))
                m_yaml.error(get("poll_interval"), at("poll_interval"), QStringLiteral("poll_interval must be at least 100ms"));
        }
    }
    if (has("timeout"))
        step.timeout = m_yaml.duration(get("timeout"), at("timeout")).value_or(step.timeout);
    if (has("expected"))
        step.expected = m_yaml.duration(get("expected"), at("expected")).value_or(Millis(0));
    if (has("retries")) {
        const YAML::Node r = get("retries");
        if (m_yaml.isMap(r, at("retries"), QStringLiteral("retries: {count: 2, backoff: 10s}"))) {
            const YamlReader::Fields rf(m_yaml, r, at("retries"), {QStringLiteral("count"), QStringLiteral("backoff")});
            if (rf.has(QStringLiteral("count")))
                step.retries.count = int(m_yaml.integer(rf.get(QStringLiteral("count")), rf.path(QStringLiteral("count")), 0, 100).value_or(0));
            else
                m_yaml.error(r, rf.path(QStringLiteral("count")), QStringLiteral("missing required key 'count'"));
            if (rf.has(QStringLiteral("backoff")))
                step.retries.backoff = m_yaml.duration(rf.get(QStringLiteral("backoff")), rf.path(QStringLiteral("backoff")), true).value_or(Millis(0));
        }
    }
    if (has("undo"))
        step.undo = m_yaml.identifier(get("undo"), at("undo")).value_or(QString());
    if (has("probe"))
        step.probe = m_yaml.identifier(get("probe"), at("probe")).value_or(QString());
    if (has("idempotent"))
        step.idempotent = m_yaml.boolean(get("idempotent"), at("idempotent")).value_or(false);
    if (has("disruptive"))
        step.disruptive = m_yaml.boolean(get("disruptive"), at("disruptive")).value_or(false);
    if (has("read_only")) {
        step.readOnly = m_yaml.boolean(get("read_only"), at("read_only")).value_or(false);
        if (isCheck && !step.readOnly)
            m_yaml.error(get("read_only"), at("read_only"), QStringLiteral("a check only reads; it cannot be read_only: false"));
    }
    if (isCheck && step.disruptive)
        m_yaml.error(get("disruptive"), at("disruptive"), QStringLiteral("a check only reads; it cannot be disruptive"));
    if (has("on_failure"))
        step.onFailure = m_yaml.onFailure(get("on_failure"), at("on_failure")).value_or(OnFailure::Pause);
    if (has("when")) {
        const YAML::Node w = get("when");
        if (const auto s = m_yaml.string(w, at("when"))) {
            const auto c = Condition::parse(*s);
            if (!c)
                m_yaml.error(w, at("when"), c.error().message + QLatin1String("; ") + c.error().hint);
            step.when = *s;
        }
    }
    return step;
}

} // namespace lockstep
