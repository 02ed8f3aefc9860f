#include "app/runbook/CommandCheck.h"
#include "models/secret/Redactor.h"
#include "app/runbook/RunbookLoader.h"
#include "app/runbook/SecretStore.h"
#include "app/runbook/Templater.h"
#include "app/transport/LocalTransport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;

namespace {

Instance sampleInstance()
{
    Instance in;
    in.name = QStringLiteral("platform-prod-eu-1");
    in.product = QStringLiteral("webwaka-platform");
    in.environment = QStringLiteral("prod");
    in.sshTarget = QStringLiteral("deploy@10.0.0.5:22");
    in.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080/"));
    in.apiUrl = QUrl(QStringLiteral("http://127.0.0.1:9090/api/superadmin"));
    in.currentVersion = QStringLiteral("1.4.2");
    return in;
}

TemplateContext sampleContext()
{
    TemplateContext c;
    c.instance = sampleInstance();
    c.version = QStringLiteral("1.5.0");
    c.previousVersion = QStringLiteral("1.4.2");
    c.change = ChangeClass::Minor;
    return c;
}

struct Ran
{
    CommandOutcome outcome;
    QStringList out, err;
};

Ran runLocal(const CommandSpec &spec)
{
    LocalTransport transport;
    QObject owner;
    Ran ran;
    CommandExecution *e = transport.start(spec, &owner);
    QObject::connect(e, &CommandExecution::outputLine, &owner, [&ran](OutputStream s, const QString &line) {
        (s == OutputStream::Stdout ? ran.out : ran.err).append(line);
    });
    QSignalSpy done(e, &CommandExecution::finished);
    if (!done.wait(20000))
        qWarning("command did not finish");
    else
        ran.outcome = done.first().first().value<CommandOutcome>();
    return ran;
}

} // namespace

Q_DECLARE_METATYPE(lockstep::CommandOutcome)

class TestTemplater : public QObject
{
    Q_OBJECT

private slots:
    void refusesInvalidVersions()
    {
        TemplateContext c = sampleContext();
        c.version = QStringLiteral("1.5.0; rm -rf /");
        const auto t = Templater::create(c);
        QVERIFY(!t.ok());
        QVERIFY(t.error().message.contains(QLatin1String("not a valid semantic version")));
        c = sampleContext();
        c.previousVersion = QStringLiteral("$(reboot)");
        QVERIFY(!Templater::create(c).ok());
        c = sampleContext();
        c.instance.currentVersion = QStringLiteral("`id`");
        auto t2 = Templater::create(c);
        QVERIFY(t2.ok());
        QVERIFY(!t2->renderShell(QStringLiteral("echo {{instance.version}}")).ok());
    }

    void rendersBuiltins()
    {
        auto t = Templater::create(sampleContext());
        QVERIFY(t.ok());
        QCOMPARE(t->renderRaw(QStringLiteral("{{instance.name}} {{instance.id}} {{instance.product}} {{instance.environment}} "
                                             "{{instance.ssh}} {{version}} {{previous_version}} {{change}} {{ instance.version }}"))
                     .value(),
                 QStringLiteral("platform-prod-eu-1 platform-prod-eu-1 webwaka-platform prod deploy@10.0.0.5:22 1.5.0 1.4.2 minor 1.4.2"));
        QCOMPARE(t->renderShell(QStringLiteral("docker pull registry.example/platform:{{version}}")).value(),
                 QStringLiteral("docker pull registry.example/platform:'1.5.0'"));
        QVERIFY(!t->renderRaw(QStringLiteral("{{params.nope}}")).ok());
    }

    // {{instance.vars.NAME}}: the instance's own value from the inventory, escaped like every value; an
    // instance without it is an error naming the instance and the variable.
    void instanceVariables()
    {
        TemplateContext c = sampleContext();
        c.instance.vars.insert(QStringLiteral("kube_context"), QStringLiteral("prod-eu"));
        c.instance.vars.insert(QStringLiteral("backup_dir"), QStringLiteral("/srv/it's here"));
        auto t = Templater::create(c);
        QVERIFY(t.ok());
        QCOMPARE(t->renderRaw(QStringLiteral("--context={{instance.vars.kube_context}}")).value(), QStringLiteral("--context=prod-eu"));
        QCOMPARE(t->renderShell(QStringLiteral("ls {{instance.vars.backup_dir}}")).value(), QStringLiteral("ls '/srv/it'\\''s here'"));
        const auto missing = t->renderRaw(QStringLiteral("{{instance.vars.db_host}}"));
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(QLatin1String("platform-prod-eu-1 has no variable db_host")),
                 qPrintable(missing.error().toString()));
        QVERIFY(missing.error().hint.contains(QLatin1String("inventory")));
    }

    void shellQuoting()
    {
        QCOMPARE(Templater::shellQuote(QStringLiteral("it's")), QStringLiteral("'it'\\''s'"));
        QCOMPARE(Templater::shellQuote(QString()), QStringLiteral("''"));
    }

    // Hostile values go through /bin/sh -c and arrive as literal text; nothing they contain runs.
    void hostileValuesExecuteNothing_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("command substitution") << QStringLiteral("$(touch MARKER)");
        QTest::newRow("backticks") << QStringLiteral("`touch MARKER`");
        QTest::newRow("semicolon") << QStringLiteral("x; touch MARKER");
        QTest::newRow("single quote") << QStringLiteral("x'; touch MARKER; echo '");
        QTest::newRow("double quote") << QStringLiteral("x\"; touch MARKER; echo \"");
        QTest::newRow("newline") << QStringLiteral("x\ntouch MARKER");
        QTest::newRow("pipe and ampersand") << QStringLiteral("x | touch MARKER & touch MARKER");
        QTest::newRow("variable") << QStringLiteral("${IFS}touch${IFS}MARKER");
    }

    void hostileValuesExecuteNothing()
    {
        QFETCH(QString, value);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString marker = dir.filePath(QStringLiteral("MARKER"));
        QString v = value;
        v.replace(QLatin1String("MARKER"), marker);

        TemplateContext c = sampleContext();
        c.instance.name = v;
        c.params.insert(QStringLiteral("tag"), v);
        auto t = Templater::create(c);
        QVERIFY(t.ok());
        StepSpec step;
        step.id = QStringLiteral("echo");
        step.kind = StepKind::Local;
        step.command = QStringLiteral("printf '%s\\n' {{instance.name}}; printf '%s\\n' {{params.tag}}");
        auto spec = t->renderLocalCommand(step);
        QVERIFY(spec.ok());
        spec->workingDirectory = dir.path();
        const Ran ran = runLocal(*spec);
        QCOMPARE(ran.outcome.kind, CommandOutcome::Kind::Exited);
        QCOMPARE(ran.outcome.exitCode, 0);
        QVERIFY2(!QFile::exists(marker), "a substituted value was executed");
        const QString expected = v + QLatin1Char('\n') + v;
        QCOMPARE(ran.out.join(QLatin1Char('\n')), expected);
    }

    void argvIsRaw()
    {
        TemplateContext c = sampleContext();
        c.params.insert(QStringLiteral("tag"), QStringLiteral("a b'c$(x)"));
        auto t = Templater::create(c);
        StepSpec step;
        step.id = QStringLiteral("argv");
        step.kind = StepKind::Local;
        step.argv = {QStringLiteral("/bin/echo"), QStringLiteral("{{params.tag}}")};
        step.env.insert(QStringLiteral("TAG"), QStringLiteral("v={{params.tag}}"));
        const auto spec = t->renderLocalCommand(step);
        QVERIFY(spec.ok());
        QCOMPARE(spec->argv.at(1), QStringLiteral("a b'c$(x)"));
        QCOMPARE(spec->env.value(QStringLiteral("TAG")), QStringLiteral("v=a b'c$(x)"));
        const Ran ran = runLocal(*spec);
        QCOMPARE(ran.out, QStringList{QStringLiteral("a b'c$(x)")});
    }

    void percentEncoding()
    {
        TemplateContext c = sampleContext();
        c.instance.name = QStringLiteral("eu 1/../admin?x=1&y#z");
        c.params.insert(QStringLiteral("q"), QStringLiteral("a&b=c d+e/f"));
        auto t = Templater::create(c);
        const auto url = t->renderUrl(QStringLiteral("{{instance.api}}/instances/{{instance.id}}/backups?filter={{params.q}}"));
        QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().toString()));
        QCOMPARE(url->toString(QUrl::FullyEncoded),
                 QStringLiteral("http://127.0.0.1:9090/api/superadmin/instances/eu%201%2F..%2Fadmin%3Fx%3D1%26y%23z/backups"
                                "?filter=a%26b%3Dc%20d%2Be/f"));
        QCOMPARE(url->query(QUrl::FullyDecoded), QStringLiteral("filter=a&b=c d+e/f"));
        // The base URL's trailing slash does not double up.
        QCOMPARE(t->renderUrl(QStringLiteral("{{instance.url}}/health"))->toString(), QStringLiteral("http://127.0.0.1:8080/health"));
        QVERIFY(!t->renderUrl(QStringLiteral("http://x/{{instance.url}}")).ok());
        c.instance.apiUrl = QUrl();
        auto t2 = Templater::create(c);
        QVERIFY(!t2->renderUrl(QStringLiteral("{{instance.api}}/x")).ok());
    }

    // A run-level step has no instance: it reaches the cluster's API through a parameter that starts the
    // URL (`{{params.cluster_api}}/health`, docs/runbook-format.md). That parameter is the URL's base, not
    // a path segment to percent-encode; it must be a whole http(s) URL without credentials or a query.
    void parameterStartingTheUrlIsItsBase()
    {
        TemplateContext c = sampleContext();
        c.params.insert(QStringLiteral("cluster_api"), QStringLiteral("http://10.0.0.5:9200/api/"));
        c.params.insert(QStringLiteral("node"), QStringLiteral("a/b"));
        auto t = Templater::create(c);
        const auto url = t->renderUrl(QStringLiteral("{{params.cluster_api}}/nodes/{{params.node}}/stop"));
        QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().toString()));
        QCOMPARE(url->toString(QUrl::FullyEncoded), QStringLiteral("http://10.0.0.5:9200/api/nodes/a%2Fb/stop"));
        // Later in the URL a parameter is still a value, encoded where it lands.
        QVERIFY(!t->renderUrl(QStringLiteral("{{params.node}}/x")).ok());
        for (const char *bad : {"10.0.0.5:9200", "ftp://10.0.0.5/", "http://user:pw@10.0.0.5/", "http://10.0.0.5/?a=b",
                                "http:///nohost"}) {
            c.params.insert(QStringLiteral("cluster_api"), QLatin1String(bad));
            const auto refused = Templater::create(c)->renderUrl(QStringLiteral("{{params.cluster_api}}/health"));
            QVERIFY2(!refused.ok(), bad);
            QVERIFY2(refused.error().message.contains(QStringLiteral("{{params.cluster_api}} starts the URL")), bad);
        }
    }

    // "." and ".." in a path would move the request elsewhere (/api/instances/../x is /api/x), and
    // percent-encoded dots are decoded back to dots by Qt and by servers: such a value is refused.
    void dotsOnlyValuesCannotWalkTheUrlPath()
    {
        TemplateContext c = sampleContext();
        for (const QString &dots : {QStringLiteral(".."), QStringLiteral("."), QStringLiteral("...")}) {
            c.params.insert(QStringLiteral("name"), dots);
            auto t = Templater::create(c);
            const auto url = t->renderUrl(QStringLiteral("{{instance.api}}/instances/{{params.name}}/backups"));
            QVERIFY2(!url.ok(), qPrintable(dots));
            QVERIFY2(url.error().message.contains(QLatin1String("{{params.name}}")), qPrintable(url.error().message));
            QVERIFY(url.error().message.contains(QLatin1String("dots only")));
            // In the query a dot is data.
            QVERIFY(t->renderUrl(QStringLiteral("{{instance.api}}/instances?name={{params.name}}")).ok());
        }
        c.params.insert(QStringLiteral("name"), QStringLiteral("v1..2"));
        auto t = Templater::create(c);
        const auto url = t->renderUrl(QStringLiteral("{{instance.api}}/instances/{{params.name}}"));
        QVERIFY(url.ok());
        QVERIFY(url->path().endsWith(QLatin1String("/instances/v1..2")));
    }

    void jsonBodies()
    {
        TemplateContext c = sampleContext();
        c.params.insert(QStringLiteral("msg"), QStringLiteral("say \"hi\"\n\\ {\"injected\": true}"));
        auto t = Templater::create(c);
        StepSpec step;
        step.id = QStringLiteral("post");
        step.kind = StepKind::Http;
        step.http.method = QStringLiteral("POST");
        step.http.url = QStringLiteral("{{instance.api}}/instances/{{instance.id}}/maintenance");
        step.http.hasBody = true;
        step.http.body = QJsonObject{{QStringLiteral("enabled"), true},
                                     {QStringLiteral("message"), QStringLiteral("{{params.msg}} for {{version}}")},
                                     {QStringLiteral("list"), QJsonArray{QStringLiteral("{{instance.name}}"), 3}}};
        step.expect.json.append({QStringLiteral("/version"), QJsonValue(QStringLiteral("{{version}}")), {}});
        step.expect.bodyRegex = QStringLiteral("version {{version}}");
        const auto req = t->renderHttp(step);
        QVERIFY(req.ok());
        QCOMPARE(req->method, QByteArray("POST"));
        const QJsonObject body = QJsonDocument::fromJson(req->body).object();
        QCOMPARE(body.value(QStringLiteral("message")).toString(), QStringLiteral("say \"hi\"\n\\ {\"injected\": true} for 1.5.0"));
        QCOMPARE(body.value(QStringLiteral("enabled")), QJsonValue(true));
        QVERIFY(!body.contains(QStringLiteral("injected")));
        QCOMPARE(body.value(QStringLiteral("list")).toArray().at(0).toString(), QStringLiteral("platform-prod-eu-1"));
        QCOMPARE(body.value(QStringLiteral("list")).toArray().at(1).toInt(), 3);
        QCOMPARE(req->expect.json.at(0).expected.toString(), QStringLiteral("1.5.0"));
        QCOMPARE(req->expect.bodyRegex, QStringLiteral("version 1\\.5\\.0"));
        bool contentType = false;
        for (const auto &h : req->headers)
            contentType = contentType || (h.first == "Content-Type" && h.second == "application/json");
        QVERIFY(contentType);
    }

    void headersRefuseLineBreaks()
    {
        TemplateContext c = sampleContext();
        c.secrets.insert(QStringLiteral("token"), QStringLiteral("abc\r\nX-Evil: 1"));
        auto t = Templater::create(c);
        QVERIFY(!t->renderHeaderValue(QStringLiteral("Bearer {{secrets.token}}")).ok());
    }

    void secretsAreTrackedAndRedacted()
    {
        TemplateContext c = sampleContext();
        c.secrets.insert(QStringLiteral("token"), QStringLiteral("s3cr'et"));
        c.secrets.insert(QStringLiteral("unused"), QStringLiteral("other-secret"));
        auto t = Templater::create(c);
        StepSpec step;
        step.id = QStringLiteral("leak");
        step.kind = StepKind::Local;
        step.command = QStringLiteral("echo token={{secrets.token}}; echo other-secret; echo {{version}}");
        const auto spec = t->renderLocalCommand(step);
        QVERIFY(spec.ok());
        QCOMPARE(t->usedSecrets(), QStringList{QStringLiteral("s3cr'et")});
        QCOMPARE(spec->redactor.secrets(), (QStringList{QStringLiteral("s3cr'et"), QStringLiteral("other-secret")}));
        const Ran ran = runLocal(*spec);
        QCOMPARE(ran.out, (QStringList{QStringLiteral("token=***"), QStringLiteral("***"), QStringLiteral("1.5.0")}));
        // The rendered command itself, were it logged, is redacted too (shell-quoted form).
        QVERIFY(!t->redactor().redact(spec->command).contains(QLatin1String("s3cr")));
    }

    void secretParamsAreRedacted()
    {
        const auto rb = RunbookLoader::loadString(QStringLiteral("runbook: r\nproduct: p\nparams:\n  db_password: {required: true, secret: true}\n"
                                                                 "steps:\n  - id: a\n    local: {argv: [/bin/echo, \"pw={{params.db_password}}\"]}\n"),
                                                  QStringLiteral("p.yaml"));
        QVERIFY2(rb.ok(), qPrintable(rb.ok() ? QString() : rb.error().toString()));
        QVERIFY(rb->params.at(0).secret);
        TemplateContext c = sampleContext();
        c.params = *Templater::resolveParams(*rb, {{QStringLiteral("db_password"), QStringLiteral("hunter22")}});
        c.secretParams = {QStringLiteral("db_password")};
        auto t = Templater::create(c);
        const auto spec = t->renderLocalCommand(rb->steps.at(0));
        QVERIFY(spec.ok());
        QCOMPARE(t->usedSecrets(), QStringList{QStringLiteral("hunter22")});
        const Ran ran = runLocal(*spec);
        QCOMPARE(ran.out, QStringList{QStringLiteral("pw=***")});
    }

    void redactorForms()
    {
        const Redactor r({QStringLiteral("p@ss w'rd"), QStringLiteral("pw")});
        QCOMPARE(r.redact(QStringLiteral("raw p@ss w'rd end")), QStringLiteral("raw *** end"));
        QCOMPARE(r.redact(QStringLiteral("url p%40ss%20w%27rd end")), QStringLiteral("url *** end"));
        QCOMPARE(r.redact(QStringLiteral("quoted 'p@ss w'\\''rd' end")), QStringLiteral("quoted '***' end"));
        QCOMPARE(r.redact(QStringLiteral("pwpw")), QStringLiteral("******"));
        QVERIFY(Redactor({QString()}).isEmpty());
    }

    void secretStore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# comment\nregistry_token: abc: def\ndb_password: pw\n");
        f.close();
        QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QProcessEnvironment env;
        env.insert(QStringLiteral("LOCKSTEP_SECRET_DB_PASSWORD"), QStringLiteral("from-env"));
        const auto values = SecretStore::resolve({QStringLiteral("registry_token"), QStringLiteral("db_password")}, path, env);
        QVERIFY(values.ok());
        QCOMPARE(values->value(QStringLiteral("registry_token")), QStringLiteral("abc: def"));
        QCOMPARE(values->value(QStringLiteral("db_password")), QStringLiteral("from-env"));
        QVERIFY(!SecretStore::resolve({QStringLiteral("missing")}, path, env).ok());
        QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        const auto loose = SecretStore::resolve({QStringLiteral("registry_token")}, path, env);
        QVERIFY(!loose.ok());
        QVERIFY(loose.error().hint.contains(QLatin1String("chmod 600")));
    }

    void commandExpectations()
    {
        TemplateContext c = sampleContext();
        c.params.insert(QStringLiteral("schema"), QStringLiteral("4.2"));
        auto t = Templater::create(c);
        StepSpec step;
        step.id = QStringLiteral("schema");
        step.kind = StepKind::Local;
        step.command = QStringLiteral("echo schema_version: 4.2; echo version {{version}}; exit 3");
        step.commandExpect.exitCodes = {0, 3};
        step.commandExpect.outputRegex = QStringLiteral("^schema_version: {{params.schema}}$");
        const auto expect = t->renderCommandExpectation(step);
        QVERIFY(expect.ok());
        QCOMPARE(expect->outputRegex, QStringLiteral("^schema_version: 4\\.2$"));
        const Ran ran = runLocal(*t->renderLocalCommand(step));
        const QString out = ran.out.join(QLatin1Char('\n'));
        QCOMPARE(CommandCheck::check(*expect, ran.outcome, out), QString());
        CommandExpectation strict = *expect;
        strict.exitCodes.clear();
        QCOMPARE(CommandCheck::check(strict, ran.outcome, out), QStringLiteral("expected exit code 0, got 3"));
        // "4.2" must not match "482": the value is regex-escaped.
        QVERIFY(!CommandCheck::check(*expect, ran.outcome, QStringLiteral("schema_version: 482")).isEmpty());
        CommandOutcome timedOut{CommandOutcome::Kind::TimedOut, -1, QStringLiteral("timed out after 10 ms"), 0};
        QCOMPARE(CommandCheck::check(*expect, timedOut, out), QStringLiteral("timed out after 10 ms"));
        // A mismatch quotes the runbook's template, not the rendered value (a secret would be in it).
        QCOMPARE(CommandCheck::check(*expect, ran.outcome, QStringLiteral("nothing")),
                 QStringLiteral("expected the output to match /^schema_version: {{params.schema}}$/, it does not"));
    }

    void params()
    {
        const auto rb = RunbookLoader::loadString(QStringLiteral("runbook: r\nproduct: p\nparams:\n  tag: latest\n"
                                                                 "  stack: {required: true, description: the pulumi stack}\n"
                                                                 "steps:\n  - id: a\n    local: \"echo {{params.tag}} {{params.stack}}\"\n"),
                                                  QStringLiteral("p.yaml"));
        QVERIFY2(rb.ok(), qPrintable(rb.ok() ? QString() : rb.error().toString()));
        QVERIFY(!Templater::resolveParams(*rb, {}).ok());
        QVERIFY(!Templater::resolveParams(*rb, {{QStringLiteral("stack"), QStringLiteral("s")}, {QStringLiteral("nope"), QStringLiteral("x")}}).ok());
        QVERIFY(!rb->params.at(0).secret);
        const auto p = Templater::resolveParams(*rb, {{QStringLiteral("stack"), QStringLiteral("prod")}});
        QVERIFY(p.ok());
        QCOMPARE(p->value(QStringLiteral("tag")), QStringLiteral("latest"));
        QCOMPARE(p->value(QStringLiteral("stack")), QStringLiteral("prod"));
    }
};

QTEST_GUILESS_MAIN(TestTemplater)
#include "tst_templater.moc"
