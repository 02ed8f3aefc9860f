#include "app/audit/AuditLog.h"
#include "app/core/Logging.h"
#include "app/engine/EngineRuntime.h"
#include "app/report/RunReport.h"
#include "app/runbook/RunbookLoader.h"
#include "models/run/PlanCodec.h"
#include "models/secret/Redactor.h"
#include "models/store/Database.h"
#include "models/store/RunRepository.h"
#include "tests/e2e/E2eFleet.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// Quote, space, '+', '=', '/', '&' and a backslash: each encoding writes it differently.
const QString kSecret = QStringLiteral("S3cr3t p@ss'w0rd+=/&x\\9");
const QString kInstance = QStringLiteral("graph-staging-1");

// Steps that print the secret in every form a program can, then an output expectation and an http
// request that quote it; the two that fail go on (`on_failure: continue`) so every step runs.
const char *kRunbook = R"(runbook: secret-leak-check
title: Prints a secret every way it can
product: graph-api
applies_to: {change: [patch]}
secrets: [token]
steps:
  - id: raw
    ssh: "echo token={{secrets.token}}"
  - id: stderr
    ssh: "echo {{secrets.token}} >&2"
  - id: quoted
    ssh: "tr '\\0' ' ' < /proc/$$/cmdline; echo; : {{secrets.token}}"
  - id: base64
    ssh: "printf '%s' {{secrets.token}} | base64; echo user:{{secrets.token}} | base64; echo ab{{secrets.token}} | base64 -w0; echo"
  - id: url-encoded
    local: "curl -sG -o /dev/null -w '%{url_effective}\\n' --data-urlencode t={{secrets.token}} {{instance.api}}/instances"
  - id: json
    http: "POST {{instance.api}}/instances/{{instance.id}}/upgrade"
    body: {version: "{{secrets.token}}"}
    expect: {status: 400, body: "not a semantic version"}
  - id: split
    ssh: "printf '%s\\n' {{secrets.token}} | { dd bs=1 count=7 2>/dev/null; sleep 0.4; dd bs=1 count=5 2>/dev/null; sleep 0.4; cat; }"
  - id: expect-output
    ssh: "echo nothing here"
    expect: {output: "^{{secrets.token}}$"}
    on_failure: continue
  - id: http-query
    http: "GET {{instance.api}}/instances/{{instance.id}}/backups?token={{secrets.token}}&n=1"
    expect: {status: 418}
    on_failure: continue
)";

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

// issue 14, "done when": a runbook's steps print a secret raw, quoted, base64, URL- and JSON-encoded
// (the fleet simulator's 400 reply quotes it JSON-escaped) and split across writes; an `expect.output`
// and an http request with the secret in its query fail. Then the store file, the audit export, the log
// file, the run report and the CLI's output are searched for every form of the secret: none is found.
class TestE2eRedaction : public QObject
{
    Q_OBJECT

    E2eFleet m_fleet;
    Redactor m_redactor{QStringList{kSecret}};

    // Every form of the secret `where` holds (UTF-8 bytes of the text, or of a binary file).
    QStringList leaks(const QByteArray &bytes) const
    {
        QStringList found;
        for (const QString &form : m_redactor.forms())
            if (bytes.contains(form.toUtf8()))
                found << form;
        return found;
    }
    void verifyClean(const QString &where, const QByteArray &bytes) const
    {
        const QStringList found = leaks(bytes);
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("%1 holds the secret as: %2").arg(where, found.join(QLatin1String(" | ")))));
    }

private slots:
    void initTestCase()
    {
        const QString failure = m_fleet.start({kInstance});
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QFile runbook(m_fleet.path(QStringLiteral("secret-leak-check.yaml")));
        QVERIFY(runbook.open(QIODevice::WriteOnly));
        runbook.write(kRunbook);
    }

    void noFormOfTheSecretIsStoredShownOrLogged()
    {
        const QMap<QString, QString> env{{QStringLiteral("LOCKSTEP_SECRET_TOKEN"), kSecret}};
        const CliResult run = m_fleet.cli({QStringLiteral("run"), QStringLiteral("--runbook"), m_fleet.path(QStringLiteral("secret-leak-check.yaml")),
                                           QStringLiteral("--version"), QStringLiteral("3.7.1"), QStringLiteral("--instances"), kInstance},
                                          120000, {}, env);
        QVERIFY2(run.exitCode >= 0, qPrintable(run.tail()));
        // Every step ran, and the two that quote the secret failed saying what was expected.
        for (const char *step : {"raw", "stderr", "quoted", "base64", "url-encoded", "json", "split"})
            QVERIFY2(run.has(QStringLiteral("%1 %2 succeeded").arg(kInstance, QLatin1String(step))), qPrintable(run.tail()));
        QVERIFY2(run.has(QStringLiteral("expect-output failed")), qPrintable(run.tail()));
        QVERIFY2(run.has(QStringLiteral("expected the output to match /^{{secrets.token}}$/")), qPrintable(run.tail()));
        QVERIFY2(run.has(QStringLiteral("http-query failed")), qPrintable(run.tail()));
        QVERIFY2(run.has(QStringLiteral("backups?token=***&n=1")), qPrintable(run.tail()));
        verifyClean(QStringLiteral("the output of lockstep-cli run"), run.output.toUtf8());

        const QRegularExpression runId(QStringLiteral(" run (\\d+) created"));
        const QString id = runId.match(run.output).captured(1);
        QVERIFY2(!id.isEmpty(), qPrintable(run.tail()));
        const CliResult status = m_fleet.cli({QStringLiteral("status"), id});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.has(QStringLiteral("expect-output")), qPrintable(status.output));
        verifyClean(QStringLiteral("lockstep-cli status"), status.output.toUtf8());

        // The audit chain, exported in both formats.
        for (const QString &format : {QStringLiteral("json"), QStringLiteral("csv")}) {
            const QString file = m_fleet.path(QStringLiteral("audit.") + format);
            const CliResult exported = m_fleet.cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"), format,
                                                    QStringLiteral("--output"), file});
            QCOMPARE(exported.exitCode, 0);
            const QByteArray bytes = readAll(file);
            QVERIFY(bytes.contains("step.finished"));
            verifyClean(QStringLiteral("the audit export (%1)").arg(format), bytes);
        }

        // The report, rendered by the code the GUI's report page uses, from what the store and the
        // audit log hold; then the store's own bytes (with its write-ahead log).
        {
            Database db;
            const Status opened = db.open(m_fleet.database(), QStringLiteral("redaction-check"));
            QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
            RunRepository runs(db);
            AuditLog audit(db);
            const auto record = runs.find(id.toLongLong());
            QVERIFY(record.ok());
            RunReportData data;
            data.runId = record->id;
            data.state = runStateName(record->state);
            data.note = record->note;
            data.operatorName = record->operatorName;
            if (auto runbook = RunbookLoader::loadString(record->runbookSource, record->runbookFile); runbook.ok())
                if (auto plan = PlanCodec::decode(record->plan, *runbook, record->runbookSource); plan.ok())
                    data.plan = *plan;
            data.attempts = *runs.attempts(record->id);
            QVERIFY(data.attempts.size() >= 9);
            AuditFilter filter;
            filter.runId = id;
            data.decisions = *audit.query(filter);
            data.auditHead = *audit.headHash();
            const QString html = RunReport::html(data, true);
            QVERIFY2(html.contains(QLatin1String("token=***")), "the report shows the steps' output");
            verifyClean(QStringLiteral("the run report"), html.toUtf8());

            // The log file: the engine runtime that knows the secrets masks them in everything logged,
            // also what Qt and libraries write (a network error quoting the request's URL).
            Logging::Options logOptions;
            logOptions.directory = m_fleet.path(QStringLiteral("log"));
            logOptions.console = false;
            QVERIFY(Logging::init(logOptions).ok());
            {
                EngineRuntime runtime(db, nullptr, {});
                runtime.setSecrets({{QStringLiteral("token"), kSecret}});
                QUrl url(QStringLiteral("http://127.0.0.1/x"));
                url.setQuery(QStringLiteral("token=") + QString::fromLatin1(QUrl::toPercentEncoding(kSecret, "/:@?")), QUrl::StrictMode);
                qWarning("Error transferring %s - server replied: Forbidden", qUtf8Printable(url.toDisplayString()));
                qWarning("request %s failed", qUtf8Printable(url.toString(QUrl::FullyEncoded)));
                Logging::log(LogLevel::Error, QStringLiteral("lockstep.engine"), QStringLiteral("step said: ") + kSecret);
                Logging::flush();
            }
            const QByteArray log = readAll(Logging::filePath());
            Logging::shutdown();
            QVERIFY2(log.contains("Error transferring http://127.0.0.1/x?token=***"), log.constData());
            verifyClean(QStringLiteral("the log file"), log);
        }
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            const QString file = m_fleet.database() + suffix;
            if (QFile::exists(file))
                verifyClean(QStringLiteral("the store file %1").arg(QFileInfo(file).fileName()), readAll(file));
        }
    }
};

QTEST_MAIN(TestE2eRedaction)
#include "tst_e2e_redaction.moc"
