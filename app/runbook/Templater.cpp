#include "app/runbook/Templater.h"

#include "app/runbook/TemplateString.h"
#include "models/secret/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace lockstep {

namespace {

Error withWhere(Error error, const QString &where)
{
    if (error.where.isEmpty())
        error.where = where;
    return error;
}

QString stepWhere(const StepSpec &step)
{
    return QStringLiteral("step %1").arg(step.id);
}

} // namespace

Templater::Templater(TemplateContext context) : m_context(std::move(context)) {}

Result<Templater> Templater::create(TemplateContext context)
{
    const auto target = SemVer::parse(context.version);
    if (!target)
        return Error{QStringLiteral("target version '%1' is not a valid semantic version").arg(context.version.left(80)),
                     {}, QStringLiteral("versions look like 1.2.3, 2.0.0-rc.1 or 1.4.0+build.7")};
    if (!context.previousVersion.isEmpty() && !SemVer::parse(context.previousVersion))
        return Error{QStringLiteral("previous version '%1' is not a valid semantic version").arg(context.previousVersion.left(80)),
                     {}, QStringLiteral("fix the instance's recorded version before running")};
    return Templater(std::move(context));
}

Result<QMap<QString, QString>> Templater::resolveParams(const Runbook &runbook, const QMap<QString, QString> &given)
{
    QMap<QString, QString> values;
    for (auto it = given.begin(); it != given.end(); ++it) {
        bool declared = false;
        for (const ParamSpec &p : runbook.params)
            declared = declared || p.name == it.key();
        if (!declared)
            return Error{QStringLiteral("runbook %1 has no parameter '%2'").arg(runbook.id, it.key()), runbook.file, {}};
    }
    for (const ParamSpec &p : runbook.params) {
        if (given.contains(p.name))
            values.insert(p.name, given.value(p.name));
        else if (!p.required)
            values.insert(p.name, p.defaultValue);
        else
            return Error{QStringLiteral("parameter '%1' is required").arg(p.name), runbook.file,
                         p.description.isEmpty() ? QString() : p.description};
    }
    return values;
}

QString Templater::shellQuote(const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1String("'"), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

Result<QString> Templater::value(const QString &name)
{
    const Instance &in = m_context.instance;
    QString v;
    bool found = true;
    auto versionOf = [](const QString &text, const QString &what) -> Result<QString> {
        if (text.isEmpty())
            return Error{QStringLiteral("%1 is not known").arg(what), {}, {}};
        if (!SemVer::parse(text))
            return Error{QStringLiteral("%1 '%2' is not a valid semantic version").arg(what, text.left(80)), {}, {}};
        return text;
    };
    if (name == QLatin1String("version"))
        return versionOf(m_context.version, QStringLiteral("target version"));
    if (name == QLatin1String("previous_version"))
        return versionOf(m_context.previousVersion, QStringLiteral("previous version"));
    if (name == QLatin1String("instance.version"))
        return versionOf(in.currentVersion, QStringLiteral("version of instance %1").arg(in.name));
    if (name == QLatin1String("change"))
        v = changeClassName(m_context.change);
    else if (name == QLatin1String("instance.name") || name == QLatin1String("instance.id"))
        v = in.name;
    else if (name == QLatin1String("instance.product"))
        v = in.product;
    else if (name == QLatin1String("instance.environment"))
        v = in.environment;
    else if (name == QLatin1String("instance.ssh"))
        v = in.sshTarget;
    else if (name == QLatin1String("instance.url"))
        v = in.baseUrl.toString(QUrl::FullyEncoded);
    else if (name == QLatin1String("instance.api"))
        v = in.apiUrl.toString(QUrl::FullyEncoded);
    else if (name.startsWith(QLatin1String("params.")) && m_context.params.contains(name.mid(7))) {
        v = m_context.params.value(name.mid(7));
        if (m_context.secretParams.contains(name.mid(7)))
            m_used.insert(v);
    } else if (name.startsWith(QLatin1String("instance.vars."))) {
        // A per-instance value from the inventory; the planner refuses a plan whose instance lacks one its
        // runbook uses, so this is the last line of defence (a run planned before the inventory changed).
        const QString var = name.mid(14);
        if (!in.vars.contains(var))
            return Error{QStringLiteral("instance %1 has no variable %2 ({{%3}})").arg(in.name, var, name), {},
                         QStringLiteral("set vars: {%1: ...} for %2 in the inventory (Ansible: a host or group variable) "
                                        "and import it again").arg(var, in.name)};
        v = in.vars.value(var);
    } else if (name.startsWith(QLatin1String("secrets.")) && m_context.secrets.contains(name.mid(8))) {
        v = m_context.secrets.value(name.mid(8));
        m_used.insert(v);
    } else {
        found = false;
    }
    if (!found)
        return Error{QStringLiteral("{{%1}} has no value").arg(name), {},
                     QStringLiteral("declare it in the runbook and give it a value")};
    if ((name == QLatin1String("instance.url") || name == QLatin1String("instance.api")) && v.isEmpty())
        return Error{QStringLiteral("instance %1 has no %2").arg(in.name, name == QLatin1String("instance.url") ? QStringLiteral("base URL") : QStringLiteral("API URL")),
                     {}, QStringLiteral("set it in the inventory")};
    if (v.contains(QChar(0)))
        return Error{QStringLiteral("{{%1}} contains a NUL character").arg(name), {}, {}};
    return v;
}

template<typename Escape>
Result<QString> Templater::render(const QString &text, Escape escape)
{
    const auto tpl = TemplateString::parse(text);
    if (!tpl)
        return tpl.error();
    QString out;
    for (const TemplateString::Part &part : tpl->parts()) {
        if (!part.variable) {
            out += part.text;
            continue;
        }
        const auto v = value(part.text);
        if (!v)
            return v.error();
        out += escape(*v);
    }
    return out;
}

Result<QString> Templater::renderShell(const QString &text)
{
    return render(text, [](const QString &v) { return shellQuote(v); });
}

Result<QString> Templater::renderRaw(const QString &text)
{
    return render(text, [](const QString &v) { return v; });
}

Result<QString> Templater::renderHeaderValue(const QString &text)
{
    auto out = renderRaw(text);
    if (out && (out->contains(QLatin1Char('\r')) || out->contains(QLatin1Char('\n'))))
        return Error{QStringLiteral("a header value may not contain a line break"), {}, {}};
    return out;
}

Result<QString> Templater::renderRegex(const QString &text)
{
    return render(text, [](const QString &v) { return QRegularExpression::escape(v); });
}

namespace {

// A parameter's value used as the base of an http URL: a whole http(s) URL with a host, without
// credentials (secrets belong in the secret store), a query or a fragment (the step's URL goes on after it).
Status checkBaseUrl(const QString &name, const QString &value)
{
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty())
        return Error{QStringLiteral("{{%1}} starts the URL, so it must be an http(s) URL with a host, not '%2'")
                         .arg(name, value.left(200)),
                     {}, QStringLiteral("give the parameter as http://HOST:PORT (with a path if the API has one)")};
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return Error{QStringLiteral("{{%1}} starts the URL, so it may not carry credentials, a query or a fragment")
                         .arg(name),
                     {}, QStringLiteral("keep credentials in secrets and send them in headers")};
    return okStatus();
}

} // namespace

Result<QUrl> Templater::renderUrl(const QString &text)
{
    const auto tpl = TemplateString::parse(text);
    if (!tpl)
        return tpl.error();
    QByteArray encoded;
    bool inQuery = false;
    for (const TemplateString::Part &part : tpl->parts()) {
        if (!part.variable) {
            encoded += part.text.toUtf8();
            if (part.text.contains(QLatin1Char('?')) || part.text.contains(QLatin1Char('#')))
                inQuery = true;
            continue;
        }
        const auto v = value(part.text);
        if (!v)
            return v.error();
        const bool base = part.text == QLatin1String("instance.url") || part.text == QLatin1String("instance.api");
        // A parameter that starts the URL is its base (scheme, host, port, path): what a run-level step
        // or a `scope: run` check, which have no instance, reach a cluster's or a webhook's API by.
        const bool paramBase = part.offset == 0 && part.text.startsWith(QLatin1String("params."));
        if (paramBase) {
            if (const Status ok = checkBaseUrl(part.text, *v); !ok)
                return ok.error();
        }
        if (base || paramBase) {
            if (part.offset != 0)
                return Error{QStringLiteral("{{%1}} can only start a URL").arg(part.text), {}, {}};
            QString b = *v;
            while (b.endsWith(QLatin1Char('/')))
                b.chop(1);
            encoded += b.toUtf8();
            if (b.contains(QLatin1Char('?')))
                inQuery = true;
        } else if (inQuery) {
            // Inside the query '/', ':', '@' and '?' are data, but '&', '=', '+' and '#' would change its meaning.
            encoded += QUrl::toPercentEncoding(*v, "/:@?");
        } else {
            // A path segment: '/' must be encoded too, or a value could walk the path ("../admin").
            // A value of dots only would still be a "." or ".." segment, and "%2E%2E" is ".." to Qt and
            // to most servers (RFC 3986 decodes unreserved characters): refused, not encoded.
            static const QRegularExpression dotsOnly(QStringLiteral("^\\.+$"));
            if (dotsOnly.match(*v).hasMatch())
                return Error{QStringLiteral("{{%1}} is '%2' in the path of %3: a value of dots only would move the "
                                            "request to another path").arg(part.text, v->left(8), text.left(200)),
                             {}, QStringLiteral("give a real name, or put the value in the query (after '?')")};
            encoded += QUrl::toPercentEncoding(*v);
        }
    }
    const QUrl url = QUrl::fromEncoded(encoded, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) || url.host().isEmpty())
        return Error{QStringLiteral("'%1' is not a valid http(s) URL").arg(QString::fromUtf8(encoded.left(200))), {},
                     QStringLiteral("check the instance's URLs in the inventory")};
    return url;
}

Result<QJsonValue> Templater::renderJson(const QJsonValue &tree)
{
    if (tree.isString()) {
        auto s = renderRaw(tree.toString());
        if (!s)
            return s.error();
        return QJsonValue(*s);
    }
    if (tree.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : tree.toArray()) {
            auto r = renderJson(v);
            if (!r)
                return r.error();
            out.append(*r);
        }
        return QJsonValue(out);
    }
    if (tree.isObject()) {
        QJsonObject out;
        const QJsonObject in = tree.toObject();
        for (auto it = in.begin(); it != in.end(); ++it) {
            auto r = renderJson(it.value());
            if (!r)
                return r.error();
            out.insert(it.key(), *r);
        }
        return QJsonValue(out);
    }
    return tree;
}

Result<CommandSpec> Templater::renderSshCommand(const StepSpec &step)
{
    CommandSpec spec;
    spec.timeout = step.timeout;
    if (m_context.instance.sshTarget.isEmpty())
        return Error{QStringLiteral("instance %1 has no SSH target").arg(m_context.instance.name), stepWhere(step),
                     QStringLiteral("set ssh: for it in the inventory")};
    spec.target = m_context.instance.sshTarget;
    spec.ssh = m_context.instance.ssh;
    auto c = renderShell(step.command);
    if (!c)
        return withWhere(c.error(), stepWhere(step));
    spec.command = *c;
    spec.redactor = redactor();
    return spec;
}

Result<CommandSpec> Templater::renderLocalCommand(const StepSpec &step)
{
    CommandSpec spec;
    spec.timeout = step.timeout;
    if (!step.argv.isEmpty()) {
        for (const QString &arg : step.argv) {
            auto a = renderRaw(arg);
            if (!a)
                return withWhere(a.error(), stepWhere(step));
            spec.argv.append(*a);
        }
    } else {
        auto c = renderShell(step.command);
        if (!c)
            return withWhere(c.error(), stepWhere(step));
        spec.command = *c;
    }
    for (auto it = step.env.begin(); it != step.env.end(); ++it) {
        auto v = renderRaw(it.value());
        if (!v)
            return withWhere(v.error(), stepWhere(step));
        spec.env.insert(it.key(), *v);
    }
    auto cwd = renderRaw(step.workingDirectory);
    if (!cwd)
        return withWhere(cwd.error(), stepWhere(step));
    spec.workingDirectory = *cwd;
    spec.redactor = redactor();
    return spec;
}

Result<CommandExpectation> Templater::renderCommandExpectation(const StepSpec &step)
{
    CommandExpectation e = step.commandExpect;
    auto re = renderRegex(e.outputRegex);
    if (!re)
        return withWhere(re.error(), stepWhere(step));
    e.outputRegexSource = e.outputRegex;
    e.outputRegex = *re;
    return e;
}

Result<HttpStepRequest> Templater::renderHttp(const StepSpec &step)
{
    HttpStepRequest request;
    request.method = step.http.method.toLatin1();
    auto url = renderUrl(step.http.url);
    if (!url)
        return withWhere(url.error(), stepWhere(step));
    request.url = *url;
    for (auto it = step.http.headers.begin(); it != step.http.headers.end(); ++it) {
        auto v = renderHeaderValue(it.value());
        if (!v)
            return withWhere(v.error(), stepWhere(step));
        request.headers.append({it.key().toLatin1(), v->toUtf8()});
    }
    if (step.http.hasBody) {
        auto body = renderJson(step.http.body);
        if (!body)
            return withWhere(body.error(), stepWhere(step));
        request.hasBody = true;
        if (body->isObject())
            request.body = QJsonDocument(body->toObject()).toJson(QJsonDocument::Compact);
        else if (body->isArray())
            request.body = QJsonDocument(body->toArray()).toJson(QJsonDocument::Compact);
        else {
            // A scalar body: QJsonDocument only takes containers, so serialise through an array.
            const QByteArray wrapped = QJsonDocument(QJsonArray{*body}).toJson(QJsonDocument::Compact);
            request.body = wrapped.mid(1, wrapped.size() - 2);
        }
        bool hasContentType = false;
        for (const auto &h : request.headers)
            hasContentType = hasContentType || h.first.compare("content-type", Qt::CaseInsensitive) == 0;
        if (!hasContentType)
            request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    }
    auto renderExpect = [this, &step](const HttpExpectation &in) -> Result<HttpExpectation> {
        HttpExpectation out = in;
        auto re = renderRegex(in.bodyRegex);
        if (!re)
            return withWhere(re.error(), stepWhere(step));
        out.bodyRegexSource = in.bodyRegex;
        out.bodyRegex = *re;
        for (JsonExpectation &j : out.json) {
            auto v = renderJson(j.expected);
            if (!v)
                return withWhere(v.error(), stepWhere(step));
            j.source = j.expected;
            j.expected = *v;
        }
        return out;
    };
    auto expect = renderExpect(step.expect);
    if (!expect)
        return expect.error();
    request.expect = *expect;
    if (step.until) {
        auto until = renderExpect(*step.until);
        if (!until)
            return until.error();
        request.until = *until;
    }
    request.within = step.within;
    request.pollInterval = step.pollInterval;
    request.timeout = step.timeout;
    request.redactor = redactor();
    return request;
}

QStringList Templater::usedSecrets() const
{
    QStringList out(m_used.begin(), m_used.end());
    out.removeAll(QString());
    out.sort();
    return out;
}

QStringList Templater::allSecretValues() const
{
    QStringList out;
    for (const QString &v : m_context.secrets)
        if (!v.isEmpty())
            out.append(v);
    for (const QString &name : m_context.secretParams)
        if (!m_context.params.value(name).isEmpty())
            out.append(m_context.params.value(name));
    out.removeDuplicates();
    return out;
}

} // namespace lockstep
