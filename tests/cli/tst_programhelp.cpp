#include "tests/support/TestPaths.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

using namespace lockstep;

// `lockstep --help` and `--version` on a terminal with no display (a server, ssh, the build writing the
// manual pages), and the same for the fleet simulator.
class TestProgramHelp : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run start(const QString &program, const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QLatin1String(name));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(program, args);
        Run run;
        if (!p.waitForFinished(60000)) {
            p.kill();
            run.err = QStringLiteral("%1 did not finish").arg(program);
            return run;
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        run.out = QString::fromUtf8(p.readAllStandardOutput());
        run.err = QString::fromUtf8(p.readAllStandardError());
        return run;
    }

private slots:
    void consoleHelpWithoutDisplay()
    {
        const Run run = start(QStringLiteral(LOCKSTEP_GUI_PATH), {QStringLiteral("--help")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.startsWith(QLatin1String("Usage: lockstep [options]\n")), qPrintable(run.out));
        for (const char *option : {"--data-dir <dir>", "--demo <url>", "--database <url>", "--version"})
            QVERIFY2(run.out.contains(QLatin1String(option)), option);
    }

    void consoleVersionWithoutDisplay()
    {
        const Run run = start(QStringLiteral(LOCKSTEP_GUI_PATH), {QStringLiteral("--version")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out, QStringLiteral("lockstep " LOCKSTEP_VERSION "\n"));
    }

    void fleetsimHelpAndVersion()
    {
        const Run help = start(test::fleetsimPath(), {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.startsWith(QLatin1String("Usage: lockstep-fleetsim [options]\n")), qPrintable(help.out));
        QVERIFY(help.out.contains(QLatin1String("--demo")));
        const Run version = start(test::fleetsimPath(), {QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, QStringLiteral("lockstep-fleetsim " LOCKSTEP_VERSION "\n"));
    }
};

QTEST_GUILESS_MAIN(TestProgramHelp)
#include "tst_programhelp.moc"
