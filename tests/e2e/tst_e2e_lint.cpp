#include "tests/e2e/FastRunbook.h"
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace lockstep;
using namespace lockstep::test;

namespace {

const QStringList kBundled{
    QStringLiteral("platform-instance-upgrade"), QStringLiteral("graph-api-version-bump"),
    QStringLiteral("realtime-server-canary-upgrade"), QStringLiteral("message-center-k8s-upgrade"),
    QStringLiteral("selfhosted-semver-upgrade")};

struct Lint
{
    int exitCode = -1;
    QString output;
};

Lint lint(const QString &file)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(cliPath(), {QStringLiteral("lint"), file});
    Lint out;
    if (p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit)
        out.exitCode = p.exitCode();
    out.output = QString::fromUtf8(p.readAll());
    return out;
}

} // namespace

// Every bundled runbook lints clean, as does the shortened copy the end-to-end tests run, and each one
// is offered to the GUI through the resource file.
class TestE2eLint : public QObject
{
    Q_OBJECT

private slots:
    void bundled_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("product");
        const QStringList products{QStringLiteral("webwaka-platform"), QStringLiteral("graph-api"),
                                   QStringLiteral("realtime-server"), QStringLiteral("message-center"),
                                   QStringLiteral("whispa")};
        for (int i = 0; i < kBundled.size(); ++i)
            QTest::newRow(qPrintable(kBundled[i])) << kBundled[i] << products[i];
    }

    void bundled()
    {
        QFETCH(QString, name);
        QFETCH(QString, product);
        const QString path = FastRunbook::bundledPath(name);
        const Lint l = lint(path);
        QVERIFY2(l.exitCode == 0, qPrintable(l.output));
        // Clean: nothing but the notes on steps that cannot be undone.
        for (const QString &line : l.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            QVERIFY2(line.contains(QLatin1String(": note: step '")), qPrintable(l.output));

        const YAML::Node root = YAML::LoadFile(path.toStdString());
        QCOMPARE(QString::fromStdString(root["runbook"].as<std::string>()), name);
        QCOMPARE(QString::fromStdString(root["product"].as<std::string>()), product);

        QTemporaryDir dir;
        QString error;
        const QString fast = FastRunbook::write(name, dir.path(), &error);
        QVERIFY2(!fast.isEmpty(), qPrintable(error));
        const Lint f = lint(fast);
        QVERIFY2(f.exitCode == 0, qPrintable(f.output));
    }

    void offeredToTheGui()
    {
        QFile qrc(sourceDir() + QStringLiteral("/resources/lockstep.qrc"));
        QVERIFY(qrc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(qrc.readAll());
        for (const QString &name : kBundled)
            QVERIFY2(text.contains(QStringLiteral("<file>runbooks/%1.yaml</file>").arg(name)), qPrintable(name));
    }
};

QTEST_GUILESS_MAIN(TestE2eLint)
#include "tst_e2e_lint.moc"
