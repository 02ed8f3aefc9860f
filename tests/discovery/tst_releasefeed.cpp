#include "app/discovery/ReleaseFeedClient.h"
#include "tests/support/FleetSim.h"
#include "tests/support/HostileHttpServer.h"

#include <QSignalSpy>
#include <QTest>

using namespace lockstep;
using lockstep::test::FleetSim;

// The releases the console offers as upgrade targets, read from fleetsim's feeds.
class TestReleaseFeed : public QObject
{
    Q_OBJECT

private:
    FleetSim m_sim;

private slots:
    void initTestCase()
    {
        if (const QString failure = m_sim.start({QStringLiteral("--demo")}); !failure.isEmpty())
            QFAIL(qPrintable(failure));
    }

    void feedListsReleasesNewestFirstWithFlags()
    {
        ReleaseFeedClient client;
        QSignalSpy fetched(&client, &ReleaseFeedClient::releasesFetched);
        QSignalSpy failed(&client, &ReleaseFeedClient::fetchFailed);
        client.fetch(QStringLiteral("webwaka-platform"), m_sim.feedUrl(QStringLiteral("webwaka-platform")));
        QVERIFY(fetched.wait(10000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(fetched.first().at(0).toString(), QStringLiteral("webwaka-platform"));
        const auto releases = fetched.first().at(1).value<QList<Release>>();
        QStringList versions;
        for (const Release &r : releases)
            versions.append(r.version);
        QCOMPARE(versions, (QStringList{QStringLiteral("2.0.0"), QStringLiteral("1.5.1"), QStringLiteral("1.5.0"),
                                        QStringLiteral("1.4.3"), QStringLiteral("1.4.2"), QStringLiteral("1.4.1")}));
        QVERIFY(releases.at(0).breaking);
        QVERIFY(!releases.at(0).security);
        QVERIFY(releases.at(3).security);
        QVERIFY(releases.at(0).published.isValid());
        QVERIFY(releases.at(0).published > releases.at(1).published);
        QCOMPARE(releases.at(2).notesUrl.scheme(), QStringLiteral("https"));
        QVERIFY(fetched.first().at(2).value<QList<Error>>().isEmpty());
    }

    void hostileEntryIsDroppedAndNamed()
    {
        const QString hostile = QStringLiteral("1.9.2$(reboot)");
        QVERIFY(m_sim.addHostileRelease(QStringLiteral("whispa"), hostile));
        ReleaseFeedClient client;
        QSignalSpy fetched(&client, &ReleaseFeedClient::releasesFetched);
        client.fetch(QStringLiteral("whispa"), m_sim.feedUrl(QStringLiteral("whispa")));
        QVERIFY(fetched.wait(10000));
        const auto releases = fetched.first().at(1).value<QList<Release>>();
        QCOMPARE(releases.size(), 6);
        for (const Release &r : releases)
            QVERIFY2(!r.version.contains(QLatin1Char('$')), qPrintable(r.version));
        const auto dropped = fetched.first().at(2).value<QList<Error>>();
        QCOMPARE(dropped.size(), 1);
        QVERIFY2(dropped.first().message.contains(hostile), qPrintable(dropped.first().toString()));
        QVERIFY2(dropped.first().where.startsWith(QLatin1String("whispa")), qPrintable(dropped.first().toString()));
    }

    void unknownProductFailsWithTheHttpStatus()
    {
        ReleaseFeedClient client;
        QSignalSpy failed(&client, &ReleaseFeedClient::fetchFailed);
        client.fetch(QStringLiteral("nope"), m_sim.feedUrl(QStringLiteral("nope")));
        QVERIFY(failed.wait(10000));
        const auto error = failed.first().at(1).value<Error>();
        QVERIFY2(error.message.contains(QLatin1String("HTTP 404")), qPrintable(error.toString()));
    }

    void malformedFeedsAreRefusedWithAReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("<html>") << QStringLiteral("not JSON");
        QTest::newRow("no releases") << QByteArray(R"({"product":"p"})") << QStringLiteral("no \"releases\" array");
        QTest::newRow("other product") << QByteArray(R"({"product":"q","releases":[]})")
                                       << QStringLiteral("for product \"q\"");
    }

    void malformedFeedsAreRefusedWithAReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto parsed = ReleaseFeedClient::parse(QStringLiteral("p"), json);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.contains(expected), qPrintable(parsed.error().toString()));
    }

    void hostileFeedServersAreBounded_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<QString>("expected");
        QTest::newRow("gzip bomb") << QStringLiteral("gzipbomb")
                                   << QStringLiteral("release feed larger than 8 MiB after gzip decoding");
        QTest::newRow("broken gzip") << QStringLiteral("badgzip")
                                     << QStringLiteral("release feed could not be gzip-decoded: incorrect header check");
        QTest::newRow("200 MB") << QStringLiteral("stream") << QStringLiteral("release feed larger than 8 MiB");
        QTest::newRow("a byte a second") << QStringLiteral("trickle")
                                         << QStringLiteral("release feed did not arrive within 2 s");
    }

    void hostileFeedServersAreBounded()
    {
        QFETCH(QString, behaviour);
        QFETCH(QString, expected);
        test::HostileHttpServer server;
        ReleaseFeedClient client;
        client.setTimeout(std::chrono::seconds(2));
        QSignalSpy failed(&client, &ReleaseFeedClient::fetchFailed);
        QUrl url = server.base(behaviour);
        url.setPath(url.path() + QStringLiteral("releases.json"));
        client.fetch(QStringLiteral("p"), url);
        QVERIFY(failed.wait(30000));
        const auto error = failed.first().at(1).value<Error>();
        QVERIFY2(error.message.startsWith(expected), qPrintable(error.toString()));
    }

    void badEntriesAreDroppedOneByOne()
    {
        const auto parsed = ReleaseFeedClient::parse(QStringLiteral("p"), R"json({"releases":[
            {"version":"1.0.0","notes":"javascript:alert(1)"}, 7, {"version":12}, {"version":"v1.1.0"},
            {"version":"1.0.0\nrm -rf /"}]})json");
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->releases.size(), 2);
        QCOMPARE(parsed->releases.at(0).version, QStringLiteral("1.1.0"));   // "v" dropped, newest first
        QVERIFY(parsed->releases.at(1).notesUrl.isEmpty());                  // only http(s) links kept
        QCOMPARE(parsed->dropped.size(), 3);
        QVERIFY(parsed->dropped.at(2).message.contains(QLatin1String("\\n")));   // shown escaped, on one line
    }
};

QTEST_GUILESS_MAIN(TestReleaseFeed)
#include "tst_releasefeed.moc"
