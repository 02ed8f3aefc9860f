#include "tests/runbook/TinyHttpServer.h"
#include "tests/support/TestPaths.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep::test;

namespace {

// Two waves with an operator's approval between them: after the canary the run waits, which is what a
// product's webhook is for.
const char *kRunbook = R"(
runbook: hooked
product: demo
strategy:
  waves: [{count: 1, name: canary}, {percent: 100}]
  between_waves: {observe: 1s, then: approve}
steps:
  - {id: upgrade, local: "true"}
)";

const char *kInventory = R"(
instances:
  - {name: a, product: demo, version: 1.0.0}
  - {name: b, product: demo, version: 1.0.0}
)";

void write(const QString &path, const char *text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

// `lockstep-cli run` tells the product's webhook (notifications/webhook/<product> in the console's
// settings) what the console would: here, that a wave waits for an approval. The receiver is a real
// HTTP server on a free loopback port.
class TestCliWebhook : public QObject
{
    Q_OBJECT

private slots:
    void runTellsTheProductsWebhookThatAWaveWaits()
    {
        TinyHttpServer receiver;
        QVERIFY(receiver.port() > 0);
        QTemporaryDir dir;
        const QString runbook = dir.filePath(QStringLiteral("hooked.yaml"));
        const QString inventory = dir.filePath(QStringLiteral("inventory.yaml"));
        write(runbook, kRunbook);
        write(inventory, kInventory);
        // The console's settings file, where the CLI reads the webhook from.
        const QString config = dir.filePath(QStringLiteral("config"));
        {
            QSettings settings(config + QStringLiteral("/Lockstep/lockstep.conf"), QSettings::IniFormat);
            settings.setValue(QStringLiteral("notifications/webhook/demo"), QString::fromUtf8(receiver.url("/hooks/ops")));
        }

        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
        env.insert(QStringLiteral("LOCKSTEP_TEST_IDENTITIES"), QStringLiteral("1"));
        cli.setProcessEnvironment(env);
        QSignalSpy finished(&cli, &QProcess::finished);
        cli.start(cliPath(), {QStringLiteral("run"), QStringLiteral("--database"), dir.filePath(QStringLiteral("lockstep.db")),
                              QStringLiteral("--operator"), QStringLiteral("alice"), QStringLiteral("--runbook"), runbook,
                              QStringLiteral("--inventory"), inventory, QStringLiteral("--instances"), QStringLiteral("a,b"),
                              QStringLiteral("--version"), QStringLiteral("1.1.0")});
        // The receiver answers from this event loop while the CLI runs.
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
        const QString output = QString::fromUtf8(cli.readAll());
        QVERIFY2(output.contains(QStringLiteral("waits for approval")), qPrintable(output));

        QCOMPARE(receiver.requests().size(), 1);
        const TinyHttpServer::Request &hook = receiver.requests().first();
        QCOMPARE(hook.method, QByteArray("POST"));
        QCOMPARE(hook.path, QByteArray("/hooks/ops"));
        QCOMPARE(hook.headers.value("content-type"), QByteArray("application/json"));
        const QJsonObject payload = QJsonDocument::fromJson(hook.body).object();
        QCOMPARE(payload.value(QStringLiteral("event")).toString(), QStringLiteral("approval.needed"));
        QCOMPARE(payload.value(QStringLiteral("run_id")).toInteger(), 1);
        QCOMPARE(payload.value(QStringLiteral("product")).toString(), QStringLiteral("demo"));
        QCOMPARE(payload.value(QStringLiteral("runbook")).toString(), QStringLiteral("hooked"));
        QCOMPARE(payload.value(QStringLiteral("state")).toString(), QStringLiteral("awaiting-approval"));
        QCOMPARE(payload.value(QStringLiteral("instances")).toArray(), QJsonArray{QStringLiteral("b")});
        QCOMPARE(payload.value(QStringLiteral("versions")).toObject().value(QStringLiteral("target")).toString(),
                 QStringLiteral("1.1.0"));
        // Slack-compatible: the text a channel shows.
        QVERIFY2(payload.value(QStringLiteral("text")).toString().startsWith(QStringLiteral("Lockstep: Run 1 (demo → 1.1.0): approval needed for wave 2")),
                 qPrintable(payload.value(QStringLiteral("text")).toString()));
    }
};

QTEST_GUILESS_MAIN(TestCliWebhook)
#include "tst_cliwebhook.moc"
