#include "tests/support/TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;

// Tab completion as bash does it with the script the package installs (`lockstep-cli completion bash`,
// the same output the build writes to packaging/generated/lockstep-cli.bash).
class TestCliCompletion : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_script;

    // What bash offers after `words` (the last one being completed, possibly empty).
    QStringList complete(const QStringList &words)
    {
        QStringList quoted;
        for (const QString &word : words)
            quoted << QLatin1Char('\'') + word + QLatin1Char('\'');
        const QString command = QStringLiteral("source '%1'; cd '%2'; COMP_WORDS=(%3); COMP_CWORD=%4; _lockstep_cli; "
                                               "printf '%s\\n' \"${COMPREPLY[@]}\"")
                                    .arg(m_script, m_dir.path(), quoted.join(QLatin1Char(' ')), QString::number(words.size() - 1));
        QProcess bash;
        bash.start(QStringLiteral("bash"), {QStringLiteral("--norc"), QStringLiteral("-c"), command});
        if (!bash.waitForFinished(60000))
            return {QStringLiteral("bash did not finish")};
        const QString err = QString::fromUtf8(bash.readAllStandardError());
        if (!err.isEmpty())
            return {QStringLiteral("bash: ") + err};
        QStringList offered = QString::fromUtf8(bash.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        offered.sort();
        return offered;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcess cli;
        cli.start(test::cliPath(), {QStringLiteral("completion"), QStringLiteral("bash")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        m_script = m_dir.filePath(QStringLiteral("lockstep-cli.bash"));
        QFile file(m_script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(cli.readAllStandardOutput());
        file.close();
        // Files to complete in the directory bash runs in.
        for (const char *name : {"platform.yaml", "graph.yaml", "notes.txt"}) {
            QFile touch(m_dir.filePath(QLatin1String(name)));
            QVERIFY(touch.open(QIODevice::WriteOnly));
        }
    }

    void commands()
    {
        QCOMPARE(complete({QStringLiteral("lockstep-cli"), QStringLiteral("ru")}),
                 (QStringList{QStringLiteral("run"), QStringLiteral("runs")}));
        const QStringList all = complete({QStringLiteral("lockstep-cli"), QString()});
        for (const char *command : {"lint", "plan", "run", "runs", "status", "signoff", "watch", "audit", "hosts", "help"})
            QVERIFY2(all.contains(QLatin1String(command)), command);
    }

    void optionsOfTheCommand()
    {
        QCOMPARE(complete({QStringLiteral("lockstep-cli"), QStringLiteral("run"), QStringLiteral("--re")}),
                 (QStringList{QStringLiteral("--reason"), QStringLiteral("--resolve-interrupted"), QStringLiteral("--resume")}));
        // plan has no --resume: each command offers its own options only.
        QCOMPARE(complete({QStringLiteral("lockstep-cli"), QStringLiteral("plan"), QStringLiteral("--res")}), QStringList{});
        QCOMPARE(complete({QStringLiteral("lockstep-cli"), QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--exp")}),
                 (QStringList{QStringLiteral("--expect-head"), QStringLiteral("--export")}));
    }

    void actionsAndCommandNames()
    {
        QCOMPARE(complete({QStringLiteral("lockstep-cli"), QStringLiteral("audit"), QString()}),
                 (QStringList{QStringLiteral("anchor"), QStringLiteral("export"), QStringLiteral("verify")}));
        QCOMPARE(complete({QStringLiteral("lockstep-cli"), QStringLiteral("hosts"), QStringLiteral("t")}), QStringList{QStringLiteral("trust")});
        QCOMPARE(complete({QStringLiteral("lockstep-cli"), QStringLiteral("help"), QStringLiteral("si")}), QStringList{QStringLiteral("signoff")});
    }

    void filesWhereAFileGoes()
    {
        QCOMPARE(complete({QStringLiteral("lockstep-cli"), QStringLiteral("run"), QStringLiteral("--runbook"), QStringLiteral("p")}),
                 QStringList{QStringLiteral("platform.yaml")});
        QCOMPARE(complete({QStringLiteral("lockstep-cli"), QStringLiteral("lint"), QStringLiteral("g")}),
                 QStringList{QStringLiteral("graph.yaml")});
        // A version is not a file name.
        QCOMPARE(complete({QStringLiteral("lockstep-cli"), QStringLiteral("run"), QStringLiteral("--version"), QStringLiteral("p")}),
                 QStringList{});
    }
};

QTEST_GUILESS_MAIN(TestCliCompletion)
#include "tst_clicompletion.moc"
