#include "app/transport/HttpStepExecution.h"
#include "tests/runbook/TinyHttpServer.h"
#include "tests/support/FreePort.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;
using namespace std::chrono_literals;

namespace {

struct Step
{
    Step(const HttpStepRequest &request, QNetworkAccessManager *network)
    {
        execution = new HttpStepExecution(request, network, &owner);
        QObject::connect(execution, &CommandExecution::outputLine, &owner,
                         [this](OutputStream, const QString &line) { lines.append(line); });
        QObject::connect(execution, &CommandExecution::finished, &owner, [this](const CommandOutcome &o) {
            outcome = o;
            ++finishedCount;
        });
    }
    bool wait(int ms = 15000)
    {
        QDeadlineTimer deadline(ms);
        while (finishedCount == 0 && !deadline.hasExpired())
            QTest::qWait(10);
        QTest::qWait(20);   // a second finished() would arrive now
        return finishedCount == 1;
    }

    QObject owner;
    HttpStepExecution *execution = nullptr;
    QStringList lines;
    CommandOutcome outcome;
    int finishedCount = 0;
};

HttpStepRequest request(const QByteArray &method, const QByteArray &url)
{
    HttpStepRequest r;
    r.method = method;
    r.url = QUrl::fromEncoded(url);
    r.timeout = 10s;
    return r;
}

} // namespace

class TestHttpStep : public QObject
{
    Q_OBJECT

private slots:
    void statusMatches()
    {
        TinyHttpServer server;
        server.script({{204, {}, false}});
        QNetworkAccessManager network;
        HttpStepRequest r = request("POST", server.url("/maintenance"));
        r.expect.statuses = {200, 204};
        Step step(r, &network);
        QVERIFY(step.wait());
        QCOMPARE(step.outcome.kind, CommandOutcome::Kind::Exited);
        QCOMPARE(step.outcome.exitCode, 0);
        QVERIFY(step.outcome.succeeded());
        QCOMPARE(step.lines.value(0), QStringLiteral("POST %1 -> 204 Scripted").arg(QString::fromLatin1(server.url("/maintenance"))));
    }

    void statusMismatchSaysWhat()
    {
        TinyHttpServer server;
        server.script({{503, "{\"error\":\"busy\"}", false}});
        HttpStepRequest r = request("POST", server.url("/maintenance"));
        r.expect.statuses = {200, 204};
        Step step(r, nullptr);
        QVERIFY(step.wait());
        QCOMPARE(step.outcome.kind, CommandOutcome::Kind::Exited);
        QCOMPARE(step.outcome.exitCode, 1);
        QCOMPARE(step.outcome.error, QStringLiteral("expected status 200 or 204, got 503 from POST %1")
                                         .arg(QString::fromLatin1(server.url("/maintenance"))));
        QVERIFY(step.lines.contains(QStringLiteral("{\"error\":\"busy\"}")));
    }

    void anyTwoHundredByDefault()
    {
        TinyHttpServer server;
        server.script({{302, {}, false}});
        Step step(request("GET", server.url("/x")), nullptr);
        QVERIFY(step.wait());
        QCOMPARE(step.outcome.exitCode, 1);
        QVERIFY(step.outcome.error.startsWith(QLatin1String("expected status 2xx, got 302")));
    }

    void jsonPointers()
    {
        TinyHttpServer server;
        server.script({{200, "[{\"status\":\"completed\",\"size\":0,\"a/b\":{\"ok\":true}}]", false}});
        HttpStepRequest r = request("GET", server.url("/backups"));
        r.expect.json = {{QStringLiteral("/0/status"), QJsonValue(QStringLiteral("completed")), {}},
                         {QStringLiteral("/0/size"), QJsonValue(0), {}},
                         {QStringLiteral("/0/a~1b/ok"), QJsonValue(true), {}}};
        Step ok(r, nullptr);
        QVERIFY(ok.wait());
        QVERIFY2(ok.outcome.succeeded(), qPrintable(ok.outcome.error));

        server.script({{200, "[{\"status\":\"running\"}]", false}});
        r.expect.json = {{QStringLiteral("/0/status"), QJsonValue(QStringLiteral("completed")), {}}};
        Step wrong(r, nullptr);
        QVERIFY(wrong.wait());
        QCOMPARE(wrong.outcome.exitCode, 1);
        QCOMPARE(wrong.outcome.error, QStringLiteral("expected /0/status = \"completed\", got \"running\" from GET %1")
                                          .arg(QString::fromLatin1(server.url("/backups"))));

        r.expect.json = {{QStringLiteral("/1/status"), QJsonValue(QStringLiteral("completed")), {}}};
        Step missing(r, nullptr);
        QVERIFY(missing.wait());
        QVERIFY(missing.outcome.error.contains(QLatin1String("has no /1/status")));

        server.script({{200, "not json", false}});
        Step notJson(r, nullptr);
        QVERIFY(notJson.wait());
        QVERIFY(notJson.outcome.error.contains(QLatin1String("does not parse")));
    }

    void bodyRegex()
    {
        TinyHttpServer server;
        server.script({{200, "{\"version\":\"1.5.0\"}", false}});
        HttpStepRequest r = request("GET", server.url("/version"));
        r.expect.bodyRegex = QStringLiteral("\"version\":\"1\\.5\\.0\"");
        Step ok(r, nullptr);
        QVERIFY(ok.wait());
        QVERIFY(ok.outcome.succeeded());
        r.expect.bodyRegex = QStringLiteral("2\\.0\\.0");
        Step no(r, nullptr);
        QVERIFY(no.wait());
        QCOMPARE(no.outcome.exitCode, 1);
        QVERIFY(no.outcome.error.contains(QLatin1String("to match /2\\.0\\.0/")));
    }

    void sendsHeadersAndBody()
    {
        TinyHttpServer server;
        server.script({{200, "{}", false}});
        HttpStepRequest r = request("PATCH", server.url("/instances/a%2Fb?x=1"));
        r.headers = {{"Authorization", "Bearer t0k3n"}, {"Content-Type", "application/json"}};
        r.body = "{\"enabled\":true,\"message\":\"a \\\"quoted\\\" text\"}";
        r.hasBody = true;
        Step step(r, nullptr);
        QVERIFY(step.wait());
        QVERIFY(step.outcome.succeeded());
        QCOMPARE(server.requests().size(), 1);
        const auto &got = server.requests().first();
        QCOMPARE(got.method, QByteArray("PATCH"));
        QCOMPARE(got.path, QByteArray("/instances/a%2Fb?x=1"));
        QCOMPARE(got.headers.value("authorization"), QByteArray("Bearer t0k3n"));
        QCOMPARE(QJsonDocument::fromJson(got.body).object().value(QStringLiteral("message")).toString(),
                 QStringLiteral("a \"quoted\" text"));
    }

    void untilPollsUntilItHolds()
    {
        TinyHttpServer server;
        server.script({{503, {}, false}, {503, {}, false}, {200, "{\"status\":\"ok\"}", false}});
        HttpStepRequest r = request("GET", server.url("/health"));
        r.until = HttpExpectation{{200}, {}, {}, {}};
        r.within = 10s;
        r.pollInterval = 50ms;
        Step step(r, nullptr);
        QVERIFY(step.wait());
        QVERIFY2(step.outcome.succeeded(), qPrintable(step.outcome.error));
        QCOMPARE(step.execution->attempts(), 3);
        QCOMPARE(server.requests().size(), 3);
    }

    void untilGivesUpAfterWithin()
    {
        TinyHttpServer server;
        server.script({{503, {}, false}});
        HttpStepRequest r = request("GET", server.url("/health"));
        r.until = HttpExpectation{{200}, {}, {}, {}};
        r.within = 1000ms;
        r.pollInterval = 50ms;
        Step step(r, nullptr);
        QVERIFY(step.wait());
        QCOMPARE(step.outcome.kind, CommandOutcome::Kind::TimedOut);
        QVERIFY(step.outcome.error.contains(QLatin1String("condition not met within 1000 ms")));
        QVERIFY(step.outcome.error.contains(QLatin1String("expected status 200, got 503")));
        QVERIFY(step.execution->attempts() >= 2);
    }

    // While a service restarts it refuses connections: polling treats that as "not yet".
    // `within` bounds the polling, `timeout` each request: a 10s poll outlives a 300ms timeout, and a
    // request that hangs once is just "not yet".
    void withinBoundsPollingTimeoutEachRequest()
    {
        TinyHttpServer server;
        server.script({{200, {}, true}, {503, {}, false}, {200, {}, false}});
        HttpStepRequest r = request("GET", server.url("/health"));
        r.until = HttpExpectation{{200}, {}, {}, {}};
        r.within = 10s;
        r.timeout = 300ms;
        r.pollInterval = 400ms;
        Step step(r, nullptr);
        QVERIFY(step.wait());
        QVERIFY2(step.outcome.succeeded(), qPrintable(step.outcome.error));
        QCOMPARE(step.execution->attempts(), 3);
    }

    void untilSurvivesRefusedConnections()
    {
        const quint16 port = freePort();
        HttpStepRequest r = request("GET", "http://127.0.0.1:" + QByteArray::number(port) + "/health");
        r.until = HttpExpectation{{200}, {}, {}, {}};
        r.within = 300ms;
        r.pollInterval = 50ms;
        Step step(r, nullptr);
        QVERIFY(step.wait());
        QCOMPARE(step.outcome.kind, CommandOutcome::Kind::TimedOut);
        QVERIFY(step.execution->attempts() >= 2);
    }

    void refusedWithoutUntil()
    {
        const quint16 port = freePort();
        Step step(request("GET", "http://127.0.0.1:" + QByteArray::number(port) + "/health"), nullptr);
        QVERIFY(step.wait());
        QCOMPARE(step.outcome.kind, CommandOutcome::Kind::FailedToStart);
        QVERIFY(step.outcome.error.contains(QLatin1String("failed")));
    }

    void timeout()
    {
        TinyHttpServer server;
        server.script({{200, {}, true}});
        HttpStepRequest r = request("GET", server.url("/slow"));
        r.timeout = 300ms;
        Step step(r, nullptr);
        QVERIFY(step.wait());
        QCOMPARE(step.outcome.kind, CommandOutcome::Kind::TimedOut);
    }

    void cancelAbortsTheRequest()
    {
        TinyHttpServer server;
        server.script({{200, {}, true}});
        HttpStepRequest r = request("GET", server.url("/slow"));
        r.timeout = 60s;
        Step step(r, nullptr);
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, 10000);
        step.execution->cancel();
        QVERIFY(step.wait(5000));
        QCOMPARE(step.outcome.kind, CommandOutcome::Kind::Cancelled);
    }

    void cancelWhilePolling()
    {
        TinyHttpServer server;
        server.script({{503, {}, false}});
        HttpStepRequest r = request("GET", server.url("/health"));
        r.until = HttpExpectation{{200}, {}, {}, {}};
        r.within = 60s;
        r.pollInterval = 50ms;
        Step step(r, nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(server.requests().size() >= 2, 10000);
        step.execution->cancel();
        QVERIFY(step.wait(5000));
        QCOMPARE(step.outcome.kind, CommandOutcome::Kind::Cancelled);
    }

    void secretsAreRedacted()
    {
        TinyHttpServer server;
        server.script({{500, "{\"echo\":\"Bearer sup3r-secret\"}", false}});
        HttpStepRequest r = request("GET", server.url("/x?token=sup3r-secret"));
        r.redactor = Redactor({QStringLiteral("sup3r-secret")});
        Step step(r, nullptr);
        QVERIFY(step.wait());
        QVERIFY(!step.lines.isEmpty());
        for (const QString &line : step.lines)
            QVERIFY2(!line.contains(QLatin1String("sup3r")), qPrintable(line));
        QVERIFY(!step.outcome.error.contains(QLatin1String("sup3r")));
        QVERIFY(step.outcome.error.contains(QLatin1String("token=***")));
    }

    // A URL's own escapes are part of it: the output line and the error show it as sent, and the
    // secret in it is masked in every encoding.
    void urlEscapesSurviveAndSecretsInTheQueryAreMasked()
    {
        TinyHttpServer server;
        server.script({{503, "busy", false}});
        const QByteArray path = "/a%2Bb%20c/x?q=1%2B1%3D2&token=p%40ss%20w%27rd%2B%3D&z=%25";
        HttpStepRequest r = request("GET", server.url(path));
        r.redactor = Redactor({QStringLiteral("p@ss w'rd+=")});
        Step step(r, nullptr);
        QVERIFY(step.wait());
        const QString shown = QString::fromLatin1(server.url("/a%2Bb%20c/x?q=1%2B1%3D2&token=***&z=%25"));
        QCOMPARE(step.lines.value(0), QStringLiteral("GET %1 -> 503 Scripted").arg(shown));
        QCOMPARE(step.outcome.error, QStringLiteral("expected status 2xx, got 503 from GET %1").arg(shown));
    }

    // An expectation quotes the runbook's template, never the value rendered into it.
    void expectationErrorsQuoteTheTemplate()
    {
        TinyHttpServer server;
        server.script({{200, "{\"user\":\"bob\"}", false}, {200, "{\"user\":\"bob\"}", false}});
        HttpStepRequest r = request("GET", server.url("/me"));
        r.expect.json = {{QStringLiteral("/user"), QJsonValue(QStringLiteral("hunter22")), QJsonValue(QStringLiteral("{{secrets.user}}"))}};
        Step json(r, nullptr);
        QVERIFY(json.wait());
        QVERIFY2(json.outcome.error.contains(QLatin1String("/user = \"{{secrets.user}}\", got \"bob\"")), qPrintable(json.outcome.error));
        QVERIFY(!json.outcome.error.contains(QLatin1String("hunter22")));
        HttpStepRequest b = request("GET", server.url("/me"));
        b.expect.bodyRegex = QStringLiteral("hunter22");
        b.expect.bodyRegexSource = QStringLiteral("{{secrets.user}}");
        Step body(b, nullptr);
        QVERIFY(body.wait());
        QVERIFY2(body.outcome.error.contains(QLatin1String("to match /{{secrets.user}}/")), qPrintable(body.outcome.error));
        QVERIFY(!body.outcome.error.contains(QLatin1String("hunter22")));
    }

    void longBodiesAreTruncatedInOutput()
    {
        TinyHttpServer server;
        QByteArray body;
        for (int i = 0; i < 100; ++i)
            body += "line " + QByteArray::number(i) + "\n";
        server.script({{200, body, false}});
        Step step(request("GET", server.url("/logs")), nullptr);
        QVERIFY(step.wait());
        QCOMPARE(step.lines.size(), 1 + HttpStepExecution::kBodyLinesShown + 1);
        QVERIFY(step.lines.last().contains(QLatin1String("body truncated")));
    }
};

QTEST_GUILESS_MAIN(TestHttpStep)
#include "tst_httpstep.moc"
