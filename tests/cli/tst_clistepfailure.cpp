#include "tests/support/TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep::test;

namespace {

// A deploy that fails the way a real one does: a tool prints why on stderr (and a secret-looking token the
// run must mask) and exits 1.
// (An ordinary literal: moc misreads the quotes of a raw string and would skip this file's class.)
const char *kRunbook =
    "runbook: failing\n"
    "product: demo\n"
    "secrets: [token]\n"
    "strategy:\n"
    "  waves: [{percent: 100}]\n"
    "steps:\n"
    "  - id: checkout\n"
    "    local: \"echo fetching with {{secrets.token}}; "
    "echo \\\"error: pathspec 'v9.9.9' did not match any file(s) known to git\\\" >&2; exit 1\"\n";

const char *kInventory = R"(
instances:
  - {name: a, product: demo, version: 1.0.0}
)";

void write(const QString &path, const char *text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

// What an operator at a terminal sees when a step fails: the step's line, then its last output lines, so the
// reason (git's message here) is on screen without opening the report — secrets masked as everywhere.
class TestCliStepFailure : public QObject
{
    Q_OBJECT

private slots:
    void failedStepPrintsItsLastLines()
    {
        QTemporaryDir dir;
        const QString runbook = dir.filePath(QStringLiteral("failing.yaml"));
        const QString inventory = dir.filePath(QStringLiteral("inventory.yaml"));
        write(runbook, kRunbook);
        write(inventory, kInventory);

        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("LOCKSTEP_TEST_IDENTITIES"), QStringLiteral("1"));
        env.insert(QStringLiteral("LOCKSTEP_SECRET_TOKEN"), QStringLiteral("s3cr3t-t0ken"));
        cli.setProcessEnvironment(env);
        QSignalSpy finished(&cli, &QProcess::finished);
        cli.start(cliPath(), {QStringLiteral("run"), QStringLiteral("--database"), dir.filePath(QStringLiteral("lockstep.db")),
                              QStringLiteral("--operator"), QStringLiteral("alice"), QStringLiteral("--runbook"), runbook,
                              QStringLiteral("--inventory"), inventory, QStringLiteral("--instances"), QStringLiteral("a"),
                              QStringLiteral("--version"), QStringLiteral("1.1.0")});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
        const QString output = QString::fromUtf8(cli.readAll());
        QVERIFY2(cli.exitCode() != 0, qPrintable(output));

        const QStringList lines = output.split(u'\n');
        qsizetype failedAt = -1;
        for (qsizetype n = 0; n < lines.size(); ++n)
            if (lines[n].contains(QStringLiteral("a checkout failed")))
                failedAt = n;
        QVERIFY2(failedAt >= 0, qPrintable(output));
        // The tail comes right under the failed step's line, indented, stderr included.
        QVERIFY2(failedAt + 2 < lines.size(), qPrintable(output));
        QVERIFY2(lines[failedAt + 1].startsWith(QStringLiteral("    | ")), qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("    | error: pathspec 'v9.9.9' did not match any file(s) known to git")), qPrintable(output));
        // The secret the step echoed never reaches the terminal.
        QVERIFY2(!output.contains(QStringLiteral("s3cr3t-t0ken")), qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("    | fetching with ")), qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestCliStepFailure)
#include "tst_clistepfailure.moc"
