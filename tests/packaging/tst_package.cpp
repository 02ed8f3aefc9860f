#include "tests/support/TestPaths.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;

// The .deb as README "Installing as a package" builds it (cpack, stripped binaries), checked as Debian
// checks packages: lintian, the desktop entry with desktop-file-validate, the AppStream metainfo with
// appstreamcli; and what a user gets from it: the three programs (they run), their manual pages and
// lockstep-cli's bash completion.
class TestPackage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_deb;
    QString m_root;   // the package's files, unpacked

    struct Run
    {
        bool finished = false;
        int exitCode = -1;
        QString out;
        QString err;
        QString text() const { return out + err; }
    };

    static Run run(const QString &program, const QStringList &args, const QString &workingDirectory = {},
                   int timeoutMs = 300000)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QLatin1String(name));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        p.setProcessEnvironment(env);
        if (!workingDirectory.isEmpty())
            p.setWorkingDirectory(workingDirectory);
        p.start(program, args);
        Run r;
        r.finished = p.waitForFinished(timeoutMs);
        if (!r.finished)
            p.kill();
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    // A checker the machine lacks fails the test naming the Debian package that brings it.
    static QString tool(const char *program, const char *package)
    {
        const QString path = QStandardPaths::findExecutable(QLatin1String(program));
        if (path.isEmpty())
            qWarning("%s not found: install the Debian package %s (packaging/install-deps.sh)", program, package);
        return path;
    }

    QString installed(const QString &path) const { return m_root + path; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString cpack = tool("cpack", "cmake");
        const QString dpkgDeb = tool("dpkg-deb", "dpkg");
        QVERIFY2(!cpack.isEmpty() && !dpkgDeb.isEmpty(), "cpack (cmake) and dpkg-deb (dpkg) are needed");
        const QString build = QStringLiteral(LOCKSTEP_BINARY_DIR);
        const Run packed = run(cpack, {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                                       QDir(build).filePath(QStringLiteral("CPackConfig.cmake")),
                                       QStringLiteral("-B"), m_dir.path()}, build, 600000);
        QVERIFY2(packed.finished && packed.exitCode == 0, qPrintable(packed.text()));
        const QStringList debs = QDir(m_dir.path()).entryList({QStringLiteral("lockstep_*.deb")}, QDir::Files);
        QVERIFY2(debs.size() == 1, qPrintable(packed.text()));
        m_deb = QDir(m_dir.path()).filePath(debs.first());
        m_root = m_dir.filePath(QStringLiteral("root"));
        const Run unpacked = run(dpkgDeb, {QStringLiteral("-x"), m_deb, m_root});
        QVERIFY2(unpacked.exitCode == 0, qPrintable(unpacked.text()));
    }

    void holdsTheProgramsTheirManualPagesAndCompletion()
    {
        for (const char *path : {"/usr/bin/lockstep", "/usr/bin/lockstep-cli", "/usr/bin/lockstep-fleetsim",
                                 "/usr/share/man/man1/lockstep.1.gz", "/usr/share/man/man1/lockstep-cli.1.gz",
                                 "/usr/share/man/man1/lockstep-fleetsim.1.gz",
                                 "/usr/share/bash-completion/completions/lockstep-cli",
                                 "/usr/share/applications/io.lockstep.Lockstep.desktop",
                                 "/usr/share/metainfo/io.lockstep.Lockstep.metainfo.xml",
                                 "/usr/share/icons/hicolor/scalable/apps/io.lockstep.Lockstep.svg",
                                 "/usr/share/doc/lockstep/copyright", "/usr/share/doc/lockstep/changelog.gz"})
            QVERIFY2(QFile::exists(installed(QLatin1String(path))), path);
        // Every program on PATH has a manual page, also one added later.
        const QStringList programs = QDir(installed(QStringLiteral("/usr/bin"))).entryList(QDir::Files);
        for (const QString &program : programs)
            QVERIFY2(QFile::exists(installed(QStringLiteral("/usr/share/man/man1/%1.1.gz").arg(program))), qPrintable(program));
    }

    void theProgramsRunFromThePackage()
    {
        // Stripped, as installed; no display needed for --version.
        for (const char *program : {"lockstep", "lockstep-cli", "lockstep-fleetsim"}) {
            const Run version = run(installed(QStringLiteral("/usr/bin/%1").arg(QLatin1String(program))), {QStringLiteral("--version")});
            QVERIFY2(version.exitCode == 0, qPrintable(version.text()));
            QCOMPARE(version.out, QStringLiteral("%1 " LOCKSTEP_VERSION "\n").arg(QLatin1String(program)));
        }
        // The completion installed is what this lockstep-cli writes (both come from its command table).
        const Run completion = run(installed(QStringLiteral("/usr/bin/lockstep-cli")), {QStringLiteral("completion"), QStringLiteral("bash")});
        QFile file(installed(QStringLiteral("/usr/share/bash-completion/completions/lockstep-cli")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), completion.out);
    }

    void passesLintian()
    {
        const QString lintian = tool("lintian", "lintian");
        QVERIFY2(!lintian.isEmpty(), "lintian is needed");
        // Errors and warnings fail. The package needs no override today; one for a rule that does not apply
        // would ship as /usr/share/lintian/overrides/lockstep with its reason (docs: README, "Installing as a package").
        const Run checked = run(lintian, {QStringLiteral("--fail-on"), QStringLiteral("error,warning"), m_deb});
        QVERIFY2(checked.finished, "lintian did not finish");
        QVERIFY2(checked.exitCode == 0, qPrintable(checked.out));
        const QStringList lines = checked.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &line : lines)
            QVERIFY2(!line.startsWith(QLatin1String("E: ")) && !line.startsWith(QLatin1String("W: ")), qPrintable(checked.out));
    }

    void desktopEntryValidates()
    {
        const QString validate = tool("desktop-file-validate", "desktop-file-utils");
        QVERIFY2(!validate.isEmpty(), "desktop-file-validate is needed");
        const Run checked = run(validate, {installed(QStringLiteral("/usr/share/applications/io.lockstep.Lockstep.desktop"))});
        QVERIFY2(checked.exitCode == 0 && checked.text().trimmed().isEmpty(), qPrintable(checked.text()));
    }

    void metainfoValidates()
    {
        const QString appstreamcli = tool("appstreamcli", "appstream");
        QVERIFY2(!appstreamcli.isEmpty(), "appstreamcli is needed");
        const Run file = run(appstreamcli, {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                            installed(QStringLiteral("/usr/share/metainfo/io.lockstep.Lockstep.metainfo.xml"))});
        QVERIFY2(file.exitCode == 0, qPrintable(file.text()));
        // The tree: the metainfo's launchable names a desktop entry the package really ships.
        const Run tree = run(appstreamcli, {QStringLiteral("validate-tree"), QStringLiteral("--no-net"), m_root});
        QVERIFY2(tree.exitCode == 0, qPrintable(tree.text()));
        for (const Run *r : {&file, &tree})
            QVERIFY2(!r->text().contains(QLatin1String("E: ")) && !r->text().contains(QLatin1String("W: ")), qPrintable(r->text()));
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
