#include "tests/support/TestPaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace lockstep;

// packaging/install-deps.sh is what a new machine runs before the first build (README, dev.sh). Every
// CMake package the configure step of this build loaded must come from a Debian package the script names
// itself: one that arrives only as a dependency of another (Qt6WebSockets behind qt6-httpserver-dev) is
// missing on a clean Debian 12 the day that dependency changes, and configure fails there, not here.
class TestInstallDeps : public QObject
{
    Q_OBJECT

private:
    struct Loaded
    {
        QString package;      // the CMake package, e.g. Qt6WebSockets
        QString configFile;   // its <Name>Config.cmake / <name>-config.cmake
    };

    // <Name>_DIR:PATH=<dir> entries of the build's cache whose directory holds a package config file:
    // every find_package() in config mode leaves one, also those Qt's own configs make (find_dependency).
    static QList<Loaded> loadedPackages(QString *problem)
    {
        const QString cachePath = QDir(QStringLiteral(LOCKSTEP_BINARY_DIR)).filePath(QStringLiteral("CMakeCache.txt"));
        QFile cache(cachePath);
        if (!cache.open(QIODevice::ReadOnly | QIODevice::Text)) {
            *problem = QStringLiteral("cannot read %1: %2").arg(cachePath, cache.errorString());
            return {};
        }
        static const QRegularExpression entry(QStringLiteral("^([A-Za-z0-9_.+-]+)_DIR:PATH=(/.+)$"));
        QList<Loaded> loaded;
        while (!cache.atEnd()) {
            const QString line = QString::fromUtf8(cache.readLine()).trimmed();
            const QRegularExpressionMatch m = entry.match(line);
            if (!m.hasMatch())
                continue;
            const QString name = m.captured(1);
            const QDir dir(m.captured(2));
            const QStringList configFiles{name + QStringLiteral("Config.cmake"), name.toLower() + QStringLiteral("-config.cmake")};
            for (const QString &file : configFiles) {
                if (QFileInfo::exists(dir.filePath(file))) {
                    loaded << Loaded{name, QFileInfo(dir.filePath(file)).canonicalFilePath()};
                    break;
                }
            }
        }
        return loaded;
    }

    // The Debian package that ships each file, from one `dpkg -S` (each call reads every package's file list):
    // "qt6-base-dev:amd64: /usr/lib/.../Qt6CoreConfig.cmake" -> "qt6-base-dev".
    static QHash<QString, QString> owningPackages(const QStringList &files, QString *problem)
    {
        QProcess dpkg;
        dpkg.start(QStringLiteral("dpkg"), QStringList{QStringLiteral("-S")} + files);
        if (!dpkg.waitForFinished(120000) || dpkg.exitStatus() != QProcess::NormalExit) {
            *problem = QStringLiteral("dpkg -S did not finish (dpkg is part of every Debian system)");
            return {};
        }
        QHash<QString, QString> owners;
        for (const QString &line : QString::fromUtf8(dpkg.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const qsizetype separator = line.indexOf(QLatin1String(": "));
            if (separator < 0 || line.startsWith(QLatin1String("diversion by")))
                continue;
            const QString package = line.left(separator).section(QLatin1Char(','), 0, 0).section(QLatin1Char(':'), 0, 0).trimmed();
            owners.insert(line.mid(separator + 2).trimmed(), package);
        }
        QStringList strays;
        for (const QString &file : files)
            if (!owners.contains(file))
                strays << file;
        if (!strays.isEmpty())
            *problem = QStringLiteral("not from a Debian package, so install-deps.sh cannot provide them: %1 (%2)")
                           .arg(strays.join(QStringLiteral(", ")), QString::fromUtf8(dpkg.readAllStandardError()).trimmed());
        return owners;
    }

    static QSet<QString> listedPackages(QString *problem)
    {
        const QString script = QDir(test::sourceDir()).filePath(QStringLiteral("packaging/install-deps.sh"));
        QProcess list;
        list.start(script, {QStringLiteral("--list")});
        if (!list.waitForFinished(60000) || list.exitStatus() != QProcess::NormalExit || list.exitCode() != 0) {
            *problem = QStringLiteral("%1 --list failed: %2").arg(script, QString::fromUtf8(list.readAllStandardError()));
            return {};
        }
        QSet<QString> names;
        for (const QString &name : QString::fromUtf8(list.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            names.insert(name.trimmed());
        return names;
    }

private slots:
    void everyLoadedCMakePackageIsInstalledByName()
    {
        QString problem;
        const QList<Loaded> loaded = loadedPackages(&problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // Lockstep's own find_package(Qt6 ...) is always among them; none found means the cache was misread.
        const bool sawQt = std::any_of(loaded.cbegin(), loaded.cend(), [](const Loaded &l) {
            return l.package == QLatin1String("Qt6Core");
        });
        QVERIFY2(sawQt, "no Qt6Core_DIR in the build's CMakeCache.txt");

        const QSet<QString> listed = listedPackages(&problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        QStringList configFiles;
        for (const Loaded &l : loaded)
            configFiles << l.configFile;
        const QHash<QString, QString> owners = owningPackages(configFiles, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        QMap<QString, QStringList> unlisted;   // Debian package -> the CMake packages it provided
        for (const Loaded &l : loaded) {
            const QString package = owners.value(l.configFile);
            if (!listed.contains(package))
                unlisted[package] << QStringLiteral("%1 (%2)").arg(l.package, l.configFile);
        }
        QStringList lines;
        for (auto it = unlisted.cbegin(); it != unlisted.cend(); ++it)
            lines << QStringLiteral("  %1: ships %2").arg(it.key(), it.value().join(QStringLiteral(", ")));
        QVERIFY2(unlisted.isEmpty(),
                 qPrintable(QStringLiteral("the build loaded CMake packages from Debian packages that "
                                           "packaging/install-deps.sh does not install (add them to packaging/deps.txt):\n%1")
                                .arg(lines.join(QLatin1Char('\n')))));
    }
};

QTEST_GUILESS_MAIN(TestInstallDeps)
#include "tst_installdeps.moc"
