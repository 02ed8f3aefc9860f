#include "app/steps/http/HttpStep.h"

#include "app/engine/CommandStepExecution.h"
#include "app/engine/TimerStepExecution.h"
#include "app/runbook/Templater.h"
#include "app/steps/StepCheck.h"
#include "app/steps/StepLaunchServices.h"
#include "app/steps/StepSyntax.h"
#include "app/transport/HttpStepExecution.h"

#include <QRegularExpression>

namespace lockstep {

namespace {

void readExpectation(YamlReader &yaml, const YAML::Node &node, const QString &path, HttpExpectation &expect)
{
    if (!yaml.isMap(node, path, QStringLiteral("{status: [200], json: {\"/ptr\": value}, body: regex}")))
        return;
    const YamlReader::Fields f(yaml, node, path, {QStringLiteral("status"), QStringLiteral("json"), QStringLiteral("body")});
    if (f.has(QStringLiteral("status")))
        expect.statuses = yaml.intList(f.get(QStringLiteral("status")), f.path(QStringLiteral("status")), 100, 599).value_or(QList<int>());
    if (f.has(QStringLiteral("json"))) {
        const YAML::Node j = f.get(QStringLiteral("json"));
        const QString jp = f.path(QStringLiteral("json"));
        if (yaml.isMap(j, jp, QStringLiteral("a mapping of JSON pointer: expected value"))) {
            for (auto it = j.begin(); it != j.end(); ++it) {
                if (!yaml.spend(it->first))
                    return;
                const QString ptr = it->first.IsScalar() ? YamlReader::text(it->first.Scalar()) : QString();
                const QString p = jp + QStringLiteral("[\"") + ptr + QStringLiteral("\"]");
                if (!ptr.isEmpty() && !ptr.startsWith(QLatin1Char('/'))) {
                    yaml.error(it->first, p, QStringLiteral("'%1' is not a JSON pointer; it starts with '/' as in \"/0/status\"").arg(ptr.left(40)));
                    continue;
                }
                if (const auto v = yaml.json(it->second, p))
                    expect.json.append({ptr, *v, {}});
            }
        }
    }
    if (f.has(QStringLiteral("body"))) {
        const YAML::Node b = f.get(QStringLiteral("body"));
        if (const auto s = yaml.string(b, f.path(QStringLiteral("body")))) {
            yaml.checkRegex(b, f.path(QStringLiteral("body")), *s);
            expect.bodyRegex = *s;
        }
    }
}

void readAction(StepSyntax &s)
{
    StepSpec &step = s.step;
    if (const auto text = s.yaml.string(s.action, s.actionPath)) {
        static const QRegularExpression re(QStringLiteral("^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\\s+(\\S+)$"));
        const QRegularExpressionMatch m = re.match(text->trimmed());
        if (!m.hasMatch()) {
            s.yaml.error(s.action, s.actionPath,
                         QStringLiteral("write http: \"METHOD URL\", e.g. \"GET {{instance.url}}/health\" (methods: GET HEAD POST PUT PATCH DELETE OPTIONS)"));
        } else {
            step.http.method = m.captured(1);
            step.http.url = m.captured(2);
            if (!step.http.url.startsWith(QLatin1String("{{")) && !step.http.url.startsWith(QLatin1String("http://"))
                && !step.http.url.startsWith(QLatin1String("https://")))
                s.yaml.error(s.action, s.actionPath,
                             QStringLiteral("the URL must start with http://, https:// or a URL variable such as {{instance.url}}"));
            // GET and HEAD only read: such a step changes nothing (StepKinds::changesSystem).
            if (step.http.method == QLatin1String("GET") || step.http.method == QLatin1String("HEAD"))
                step.readOnly = true;
        }
    }
}

void readOptions(StepSyntax &s)
{
    StepSpec &step = s.step;
    YamlReader &yaml = s.yaml;
    if (s.has("expect"))
        readExpectation(yaml, s.get("expect"), s.at("expect"), step.expect);
    if (s.has("headers")) {
        const YAML::Node h = s.get("headers");
        if (yaml.isMap(h, s.at("headers"), QStringLiteral("a mapping of Header-Name: value"))) {
            static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
            for (auto it = h.begin(); it != h.end(); ++it) {
                if (!yaml.spend(it->first))
                    break;
                const QString name = it->first.IsScalar() ? YamlReader::text(it->first.Scalar()) : QString();
                const QString p = YamlReader::child(s.at("headers"), name);
                yaml.remember(it->second.IsNull() ? it->first : it->second, p);
                if (!re.match(name).hasMatch()) {
                    yaml.error(it->first, p, QStringLiteral("'%1' is not a valid header name").arg(name.left(40)));
                    continue;
                }
                if (const auto v = yaml.string(it->second, p))
                    step.http.headers.insert(name, *v);
            }
        }
    }
    if (s.has("body")) {
        if (step.http.method == QLatin1String("GET") || step.http.method == QLatin1String("HEAD"))
            yaml.error(s.keyNode("body"), s.at("body"), QStringLiteral("a %1 request has no body").arg(step.http.method));
        if (const auto b = yaml.json(s.get("body"), s.at("body"))) {
            step.http.body = *b;
            step.http.hasBody = true;
        }
    }
    if (s.has("until")) {
        HttpExpectation until;
        readExpectation(yaml, s.get("until"), s.at("until"), until);
        step.until = until;
        if (!s.has("within"))
            yaml.error(s.keyNode("until"), s.at("within"), QStringLiteral("'until' needs 'within: <duration>', how long to keep polling"));
    }
    if (s.has("within")) {
        step.within = yaml.duration(s.get("within"), s.at("within")).value_or(Millis(0));
        if (!s.has("until"))
            yaml.error(s.keyNode("within"), s.at("within"), QStringLiteral("'within' only applies together with 'until'"));
    }
    if (s.has("poll_interval")) {
        step.pollInterval = yaml.duration(s.get("poll_interval"), s.at("poll_interval")).value_or(step.pollInterval);
        if (step.pollInterval < Millis(100))
            yaml.error(s.get("poll_interval"), s.at("poll_interval"), QStringLiteral("poll_interval must be at least 100ms"));
    }
}

void validate(const StepSpec &step, const QString &path, StepCheck &check)
{
    const QString p = path + QLatin1Char('.');
    check.checkTemplate(step.http.url, p + QLatin1String("http"), StepCheck::Context::Url);
    for (auto it = step.http.headers.begin(); it != step.http.headers.end(); ++it)
        check.checkTemplate(it.value(), p + QLatin1String("headers.") + it.key(), StepCheck::Context::Raw);
    if (step.http.hasBody)
        check.checkJsonTemplates(step.http.body, p + QLatin1String("body"));
    const auto checkExpect = [&](const HttpExpectation &e, const QString &key) {
        check.checkTemplate(e.bodyRegex, p + key + QLatin1String(".body"), StepCheck::Context::Raw);
        for (const JsonExpectation &j : e.json)
            check.checkJsonTemplates(j.expected, p + key + QLatin1String(".json[\"") + j.pointer + QLatin1String("\"]"));
    };
    checkExpect(step.expect, QStringLiteral("expect"));
    if (step.until)
        checkExpect(*step.until, QStringLiteral("until"));
}

StepExecution *launch(const StepSpec &step, const StepContext &context, StepLaunchServices &services, QObject *parent)
{
    auto templater = services.templater(context);
    if (!templater)
        return TimerStepExecution::failed(templater.error().toString(), parent);
    const Redactor redactor = templater->redactor();
    auto request = templater->renderHttp(step);
    if (!request)
        return TimerStepExecution::failed(redactor.redact(request.error().toString()), parent);
    // The HTTP execution judges `expect` and `until` itself and reports exit code 0 or 1.
    return new CommandStepExecution(new HttpStepExecution(*request, services.network(), parent), {}, redactor, parent);
}

} // namespace

StepKindHandler httpStepKind()
{
    StepKindHandler h;
    h.kind = StepKind::Http;
    h.name = QStringLiteral("http");
    h.defaultTimeout = std::chrono::minutes(1);
    h.options = {QStringLiteral("headers"), QStringLiteral("body"), QStringLiteral("expect"), QStringLiteral("until"),
                 QStringLiteral("within"), QStringLiteral("poll_interval")};
    h.readAction = &readAction;
    h.readOptions = &readOptions;
    h.validate = &validate;
    h.launch = &launch;
    return h;
}

} // namespace lockstep
