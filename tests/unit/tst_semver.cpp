#include "models/SemVer.h"

#include <QTest>

using lockstep::ChangeClass;
using lockstep::SemVer;

class TestSemVer : public QObject
{
    Q_OBJECT
private slots:
    void parsesValidVersions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("plain") << "1.2.3" << "1.2.3";
        QTest::newRow("v prefix") << "v1.2.0" << "1.2.0";
        QTest::newRow("pre-release") << "1.0.0-alpha.1" << "1.0.0-alpha.1";
        QTest::newRow("build") << "1.0.0+20130313144700" << "1.0.0+20130313144700";
        QTest::newRow("both") << "1.0.0-beta+exp.sha.5114f85" << "1.0.0-beta+exp.sha.5114f85";
        QTest::newRow("zeros") << "0.0.0" << "0.0.0";
    }
    void parsesValidVersions()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalized);
        const auto v = SemVer::parse(text);
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.error().toString()));
        QCOMPARE(v->toString(), normalized);
    }

    void rejectsInvalidAndHostileVersions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("two parts") << "1.2";
        QTest::newRow("leading zero") << "01.2.3";
        QTest::newRow("leading zero pre") << "1.2.3-01";
        QTest::newRow("command substitution") << "1.2.3$(touch /tmp/x)";
        QTest::newRow("backticks") << "`id`";
        QTest::newRow("semicolon") << "1.2.3;rm -rf /";
        QTest::newRow("quote") << "1.2.3'";
        QTest::newRow("newline") << "1.2.3\nrm";
        QTest::newRow("space") << "1.2.3 ";
        QTest::newRow("empty pre") << "1.2.3-";
        QTest::newRow("huge") << QString(300, QLatin1Char('1')) + QStringLiteral(".0.0");
        QTest::newRow("overflow") << "99999999999999999999999.0.0";
    }
    void rejectsInvalidAndHostileVersions()
    {
        QFETCH(QString, text);
        const auto v = SemVer::parse(text);
        QVERIFY(!v.ok());
        QVERIFY(!v.error().message.isEmpty());
        QVERIFY(!v.error().message.contains(QLatin1Char('\n')));
    }

    // The precedence chain from semver.org section 11.
    void precedenceFollowsSemverOrg()
    {
        const QStringList ordered = {
            QStringLiteral("1.0.0-alpha"), QStringLiteral("1.0.0-alpha.1"), QStringLiteral("1.0.0-alpha.beta"),
            QStringLiteral("1.0.0-beta"), QStringLiteral("1.0.0-beta.2"), QStringLiteral("1.0.0-beta.11"),
            QStringLiteral("1.0.0-rc.1"), QStringLiteral("1.0.0"), QStringLiteral("2.0.0"),
            QStringLiteral("2.1.0"), QStringLiteral("2.1.1"),
        };
        for (int i = 0; i + 1 < ordered.size(); ++i) {
            const SemVer a = *SemVer::parse(ordered.at(i));
            const SemVer b = *SemVer::parse(ordered.at(i + 1));
            QVERIFY2(a < b, qPrintable(ordered.at(i) + QStringLiteral(" < ") + ordered.at(i + 1)));
            QVERIFY(b > a);
        }
    }

    void buildMetadataIsIgnoredForPrecedence()
    {
        QVERIFY(*SemVer::parse(QStringLiteral("1.0.0+a")) == *SemVer::parse(QStringLiteral("1.0.0+b")));
    }

    void classifiesChanges_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<ChangeClass>("expected");
        QTest::newRow("patch") << "1.2.3" << "1.2.4" << ChangeClass::Patch;
        QTest::newRow("minor") << "1.2.3" << "1.3.0" << ChangeClass::Minor;
        QTest::newRow("major") << "1.2.3" << "2.0.0" << ChangeClass::Major;
        QTest::newRow("same") << "1.2.3" << "1.2.3" << ChangeClass::None;
        QTest::newRow("downgrade") << "1.2.3" << "1.2.2" << ChangeClass::Downgrade;
        QTest::newRow("pre to release") << "2.0.0-rc.1" << "2.0.0" << ChangeClass::Patch;
    }
    void classifiesChanges()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(ChangeClass, expected);
        QCOMPARE(SemVer::parse(from)->classify(*SemVer::parse(to)), expected);
    }
};

QTEST_GUILESS_MAIN(TestSemVer)
#include "tst_semver.moc"
