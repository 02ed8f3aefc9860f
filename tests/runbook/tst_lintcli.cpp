#include "tests/support/TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
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

// A runbook with one PromQL gate, written to `dir`.
QString gateRunbook(const QTemporaryDir &dir, const QString &promql)
{
    const QString path = dir.filePath(QStringLiteral("gate.yaml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write("runbook: r\nproduct: p\nsteps:\n  - id: a\n    local: \"true\"\ngates:\n  - id: g\n    promql: '"
               + QString(promql).replace(QLatin1String("'"), QLatin1String("''")).toUtf8()
               + "'\n    below: 1\n    interval: 30s\n    count: 2\n    failure_limit: 1\n    no_data: fail\n");
    return path;
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

    void missingProductDoesNotHideOtherErrors()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("no-product.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("runbook: r\n"
                   "steps:\n"
                   "  - id: a\n"
                   "    local: \"echo {{params.missing}}\"\n"
                   "    undo: nowhere\n");
        file.close();
        const Lint l = lint({path});
        QCOMPARE(l.exitCode, 1);
        const QString all = l.lines.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("missing required key 'product'")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("parameter 'missing' is not declared under params:")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("undo names step 'nowhere'")), qPrintable(all));
        QCOMPARE(l.lines.size(), 3);
    }

    void brokenPromQlIsRejected_data()
    {
        QTest::addColumn<QString>("promql");
        QTest::addColumn<QString>("expected");   // empty: lints clean
        QTest::newRow("valid ratio") << QStringLiteral("sum(rate(a_total[5m])) / clamp_min(sum(rate(b_total[5m])), 1)") << QString();
        QTest::newRow("valid placeholders")
            << QStringLiteral("(sum(rate(x{{{selector}},code=~\"5..\"}[{{window}}])) or vector(0)) / sum(rate(x{{{selector}}}[{{window}}]))")
            << QString();
        QTest::newRow("valid by, subquery, offset")
            << QStringLiteral("histogram_quantile(0.95, sum by (le) (rate(h_bucket{job=\"a\"}[1h30m:1m] offset 5m)))") << QString();
        QTest::newRow("unclosed paren") << QStringLiteral("sum(rate(x[5m])") << QStringLiteral("character 4: '(' is never closed");
        QTest::newRow("crossed brackets") << QStringLiteral("sum(rate(x{a=\"b\")}[5m]))") << QStringLiteral("')' closes the '{'");
        QTest::newRow("extra close") << QStringLiteral("rate(x[5m]))") << QStringLiteral("character 12: ')' closes nothing");
        QTest::newRow("unterminated string") << QStringLiteral("x{a=\"b}") << QStringLiteral("string \" is not terminated");
        QTest::newRow("unknown function") << QStringLiteral("sum(rates(x[5m]))") << QStringLiteral("'rates' is not a PromQL function");
        QTest::newRow("bad range") << QStringLiteral("rate(x[5 minutes])") << QStringLiteral("[5 minutes] is not a range");
        QTest::newRow("bad offset") << QStringLiteral("x offset yesterday") << QStringLiteral("offset needs a duration");
        QTest::newRow("trailing operator") << QStringLiteral("rate(x[5m]) >") << QStringLiteral("ends with the operator '>'");
        QTest::newRow("foreign character") << QStringLiteral("rate(x[5m]); drop") << QStringLiteral("';' has no meaning in PromQL");
        QTest::newRow("unknown placeholder") << QStringLiteral("rate(x{{{instance}}}[5m])") << QStringLiteral("unknown placeholder {{instance}}");
    }

    void brokenPromQlIsRejected()
    {
        QFETCH(QString, promql);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = gateRunbook(dir, promql);
        const Lint l = lint({path});
        const QString all = l.lines.join(QLatin1Char('\n'));
        if (expected.isEmpty()) {
            QVERIFY2(l.exitCode == 0 && l.lines.isEmpty(), qPrintable(all));
            return;
        }
        QCOMPARE(l.exitCode, 1);
        QCOMPARE(l.lines.size(), 1);
        QVERIFY2(l.lines[0].contains(QLatin1String("error: PromQL: ")) && l.lines[0].contains(expected), qPrintable(all));
        QVERIFY2(l.lines[0].contains(QLatin1String("gates[0].promql")), qPrintable(all));
    }

    void usage()
    {
        QCOMPARE(lint({}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestLintCli)
#include "tst_lintcli.moc"
