#include "tests/support/TestPaths.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace lockstep;

namespace {

struct Lint
{
    int exitCode = -1;
    QStringList lines;
    QString err;
};

Lint lint(const QStringList &files)
{
    QProcess p;
    p.start(test::cliPath(), QStringList{QStringLiteral("lint")} + files);
    Lint out;
    if (!p.waitForFinished(30000))
        return out;
    out.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    out.lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    out.err = QString::fromUtf8(p.readAllStandardError());
    return out;
}

QString data(const QString &rel)
{
    return test::sourceDir() + QStringLiteral("/tests/runbook/") + rel;
}

} // namespace

class TestLintCli : public QObject
{
    Q_OBJECT

private slots:
    void validFilesExitZero()
    {
        const Lint l = lint({data(QStringLiteral("valid/design-example.yaml")), data(QStringLiteral("valid/platform-instance-upgrade.yaml"))});
        QCOMPARE(l.exitCode, 0);
        QVERIFY(l.lines.isEmpty());
    }

    void problemsArePrintedOnePerLine()
    {
        const QString bad = data(QStringLiteral("malformed/02-unknown-step-key.yaml"));
        const Lint l = lint({data(QStringLiteral("valid/design-example.yaml")), bad});
        QCOMPARE(l.exitCode, 1);
        QCOMPARE(l.lines, QStringList{bad + QStringLiteral(":7:5: error: unknown key 'timout'; did you mean 'timeout'? (steps[0].timout)")});
        QVERIFY(l.err.contains(QLatin1String("1 of 2 file(s) invalid")));
    }

    void everyLineHasTheCompilerFormat()
    {
        const Lint l = lint({data(QStringLiteral("malformed/12-undeclared-param.yaml")), data(QStringLiteral("malformed/19-yaml-syntax.yaml")),
                             data(QStringLiteral("malformed/no-such-file.yaml"))});
        QCOMPARE(l.exitCode, 1);
        QCOMPARE(l.lines.size(), 3);
        static const QRegularExpression format(QStringLiteral("^[^:]+:\\d+:\\d+: error: .+$"));
        QVERIFY2(format.match(l.lines[0]).hasMatch(), qPrintable(l.lines[0]));
        QVERIFY2(format.match(l.lines[1]).hasMatch(), qPrintable(l.lines[1]));
        QVERIFY(l.lines[2].contains(QLatin1String("no-such-file.yaml: error: cannot open")));
    }

    void warningsAloneExitZero()
    {
        const QString file = data(QStringLiteral("lint/unused-rollback-step.yaml"));
        const Lint l = lint({file});
        QCOMPARE(l.exitCode, 0);
        QCOMPARE(l.lines.size(), 1);
        QVERIFY(l.lines[0].startsWith(file + QStringLiteral(":7:9: warning: rollback step 'restore-prevoius' never runs")));
    }

    void usage()
    {
        QCOMPARE(lint({}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestLintCli)
#include "tst_lintcli.moc"
