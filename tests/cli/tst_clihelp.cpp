#include "tests/support/TestPaths.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace lockstep;

// What a newcomer types first: lockstep-cli alone, help, --help, --version, and a command's help.
class TestCliHelp : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run cli(const QStringList &args)
    {
        QProcess p;
        p.start(test::cliPath(), args);
        Run run;
        if (!p.waitForFinished(60000)) {
            p.kill();
            run.err = QStringLiteral("lockstep-cli did not finish");
            return run;
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        run.out = QString::fromUtf8(p.readAllStandardOutput());
        run.err = QString::fromUtf8(p.readAllStandardError());
        return run;
    }

    static QStringList commands()
    {
        return {QStringLiteral("lint"), QStringLiteral("plan"), QStringLiteral("run"), QStringLiteral("runs"),
                QStringLiteral("status"), QStringLiteral("signoff"), QStringLiteral("watch"), QStringLiteral("audit"),
                QStringLiteral("hosts"), QStringLiteral("completion"), QStringLiteral("help")};
    }

    // Every command on a line of its own, followed by a sentence.
    static void verifyCommandList(const QString &text)
    {
        QVERIFY2(text.startsWith(QLatin1String("Usage: lockstep-cli COMMAND")), qPrintable(text));
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (const QString &command : commands()) {
            const QRegularExpression line(QStringLiteral("^  %1 +[A-Z]\\S* .+").arg(command));
            const bool listed = std::any_of(lines.cbegin(), lines.cend(), [&](const QString &l) {
                return line.match(l).hasMatch();
            });
            QVERIFY2(listed, qPrintable(QStringLiteral("no line for %1 in:\n%2").arg(command, text)));
        }
    }

private slots:
    void helpListsTheCommands_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("help") << QStringList{QStringLiteral("help")};
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
        QTest::newRow("-h") << QStringList{QStringLiteral("-h")};
    }

    void helpListsTheCommands()
    {
        QFETCH(QStringList, args);
        const Run run = cli(args);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.err, QString());
        verifyCommandList(run.out);
    }

    void noArgumentsListsTheCommandsAndExits2()
    {
        const Run run = cli({});
        QCOMPARE(run.exitCode, 2);   // like git: the list, but a usage error for a script
        verifyCommandList(run.out);
    }

    void versionPrintsTheVersion()
    {
        for (const QString &flag : {QStringLiteral("--version"), QStringLiteral("-v")}) {
            const Run run = cli({flag});
            QCOMPARE(run.exitCode, 0);
            QCOMPARE(run.out, QStringLiteral("lockstep-cli " LOCKSTEP_VERSION "\n"));
        }
    }

    void commandHelp_data()
    {
        QTest::addColumn<QString>("command");
        for (const QString &command : commands())
            QTest::newRow(qPrintable(command)) << command;
    }

    // `help COMMAND`, `COMMAND --help` and `COMMAND -h` print the same usage, named as typed, ending with an example.
    void commandHelp()
    {
        QFETCH(QString, command);
        const Run help = cli({QStringLiteral("help"), command});
        QCOMPARE(help.exitCode, 0);
        QCOMPARE(help.err, QString());
        QVERIFY2(help.out.startsWith(QStringLiteral("Usage: lockstep-cli %1 ").arg(command)), qPrintable(help.out));
        QVERIFY2(!help.out.contains(test::cliPath()), qPrintable(help.out));
        QVERIFY2(help.out.contains(QLatin1String("\nOptions:\n")), qPrintable(help.out));

        const qsizetype example = std::max(help.out.lastIndexOf(QLatin1String("\nExample:\n")),
                                           help.out.lastIndexOf(QLatin1String("\nExamples:\n")));
        QVERIFY2(example > 0, qPrintable(help.out));
        const QString examples = help.out.mid(help.out.indexOf(QLatin1Char('\n'), example + 1) + 1);
        QVERIFY2(!examples.trimmed().isEmpty(), qPrintable(help.out));
        for (const QString &line : examples.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            // Each example is a command line of this command (continuation lines go on with its options).
            QVERIFY2(line.startsWith(QLatin1String("  ")), qPrintable(help.out));
            if (!line.startsWith(QLatin1String("    ")))
                QVERIFY2(line.contains(QStringLiteral("lockstep-cli %1").arg(command)), qPrintable(help.out));
        }

        for (const QString &flag : {QStringLiteral("--help"), QStringLiteral("-h")}) {
            const Run asked = cli({command, flag});
            QCOMPARE(asked.exitCode, 0);
            QCOMPARE(asked.out, help.out);
        }
    }

    void runHelpNamesItsOptions()
    {
        const Run run = cli({QStringLiteral("help"), QStringLiteral("run")});
        QCOMPARE(run.exitCode, 0);
        for (const char *option : {"--runbook <file>", "--version <semver>", "--resume <run>", "--approve-waves",
                                   "--signoff <item=comment>", "--database <path>", "-h, --help"})
            QVERIFY2(run.out.contains(QLatin1String(option)), option);
        QVERIFY(run.out.contains(QLatin1String("Exit status: 0 succeeded")));
    }

    void helpAfterOtherOptionsStillHelps()
    {
        const Run run = cli({QStringLiteral("run"), QStringLiteral("--version"), QStringLiteral("1.5.0"), QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(QLatin1String("Usage: lockstep-cli run ")), qPrintable(run.out));
    }

    void unknownCommandPointsToHelp()
    {
        const Run run = cli({QStringLiteral("upgrade")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("'upgrade' is not a command")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QLatin1String("lockstep-cli --help")), qPrintable(run.err));

        const Run help = cli({QStringLiteral("help"), QStringLiteral("upgrade")});
        QCOMPARE(help.exitCode, 2);
    }

    void usageErrorShowsTheUsageAndWhereHelpIs()
    {
        const Run run = cli({QStringLiteral("status")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("usage: lockstep-cli status RUN")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QLatin1String("'lockstep-cli help status'")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_clihelp.moc"
