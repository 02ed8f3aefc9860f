#include "models/store/Database.h"
#include "models/store/InstanceRepository.h"
#include "models/store/ProductRepository.h"
#include "models/store/ReleaseRepository.h"
#include "models/store/Transaction.h"

#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;

class TestRepositories : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Database m_db;

    static Product product(const QString &id)
    {
        Product p;
        p.id = id;
        p.displayName = id.toUpper();
        p.releaseSource = QUrl(QStringLiteral("http://127.0.0.1:9/feeds/%1/releases.json").arg(id));
        return p;
    }

    static Instance instance(const QString &name, const QString &productId = QStringLiteral("platform"))
    {
        Instance i;
        i.name = name;
        i.product = productId;
        i.environment = QStringLiteral("prod");
        i.tags = {QStringLiteral("eu"), QStringLiteral("canary")};
        i.sshTarget = QStringLiteral("deploy@127.0.0.1:2222");
        i.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080/i/") + name);
        i.apiUrl = QUrl(QStringLiteral("http://127.0.0.1:8080/api"));
        i.metricsSource = QStringLiteral("scrape");
        i.currentVersion = QStringLiteral("1.4.2");
        i.channel = UpdateChannel::Frozen;
        i.pinnedVersion = QStringLiteral("1.4.0");
        return i;
    }

    static Release release(const QString &version, bool breaking = false, bool security = false)
    {
        Release r;
        r.version = version;
        r.breaking = breaking;
        r.security = security;
        r.notesUrl = QUrl(QStringLiteral("http://127.0.0.1:9/notes/") + version);
        r.published = QDateTime(QDate(2026, 3, 1), QTime(12, 0, 0, 250), Qt::UTC);
        return r;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("%1.db").arg(QString::fromLatin1(QTest::currentTestFunction())));
        const Status s = m_db.open(path, QStringLiteral("repositories"));
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
        QVERIFY(ProductRepository(m_db).add(product(QStringLiteral("platform"))).ok());
    }

    void cleanup() { m_db.close(); }

    void productsRoundTrip()
    {
        ProductRepository products(m_db);
        Product p = product(QStringLiteral("graph-api"));
        p.releaseSourceKind = QStringLiteral("registry");
        QVERIFY(products.add(p).ok());
        const auto read = products.get(QStringLiteral("graph-api"));
        QVERIFY(read.ok());
        QCOMPARE(read->displayName, QStringLiteral("GRAPH-API"));
        QCOMPARE(read->releaseSourceKind, QStringLiteral("registry"));
        QCOMPARE(read->releaseSource, p.releaseSource);

        p.displayName = QStringLiteral("Graph API");
        QVERIFY(products.save(p).ok());
        QCOMPARE(products.get(QStringLiteral("graph-api"))->displayName, QStringLiteral("Graph API"));
        QCOMPARE(products.list()->size(), 2);

        const Status duplicate = products.add(p);
        QVERIFY(!duplicate.ok());
        QVERIFY2(duplicate.error().message.contains(QStringLiteral("graph-api")), qPrintable(duplicate.error().message));

        QVERIFY(products.remove(QStringLiteral("graph-api")).ok());
        const auto gone = products.get(QStringLiteral("graph-api"));
        QVERIFY(!gone.ok());
        QVERIFY(gone.error().message.contains(QStringLiteral("graph-api")));
    }

    void instancesRoundTripEveryStoredField()
    {
        InstanceRepository instances(m_db);
        const auto added = instances.add(instance(QStringLiteral("platform-prod-1")));
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().toString()));
        QVERIFY(added->id > 0);

        const auto read = instances.get(QStringLiteral("platform-prod-1"));
        QVERIFY(read.ok());
        const Instance expected = instance(QStringLiteral("platform-prod-1"));
        QCOMPARE(read->id, added->id);
        QCOMPARE(read->product, expected.product);
        QCOMPARE(read->environment, expected.environment);
        QCOMPARE(read->tags, expected.tags);
        QCOMPARE(read->sshTarget, expected.sshTarget);
        QCOMPARE(read->baseUrl, expected.baseUrl);
        QCOMPARE(read->apiUrl, expected.apiUrl);
        QCOMPARE(read->metricsSource, expected.metricsSource);
        QCOMPARE(read->currentVersion, expected.currentVersion);
        QCOMPARE(read->channel, UpdateChannel::Frozen);
        QCOMPARE(read->pinnedVersion, expected.pinnedVersion);
        QCOMPARE(read->state, QStringLiteral("active"));
    }

    void listFindUpdateRemove()
    {
        InstanceRepository instances(m_db);
        QVERIFY(ProductRepository(m_db).add(product(QStringLiteral("graph-api"))).ok());
        QVERIFY(instances.add(instance(QStringLiteral("b-node"))).ok());
        QVERIFY(instances.add(instance(QStringLiteral("a-node"))).ok());
        QVERIFY(instances.add(instance(QStringLiteral("graph-1"), QStringLiteral("graph-api"))).ok());

        const auto all = instances.list();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 3);
        QCOMPARE(all->first().name, QStringLiteral("a-node"));
        QCOMPARE(instances.list(QStringLiteral("graph-api"))->size(), 1);

        QVERIFY(!instances.findByName(QStringLiteral("nope"))->has_value());
        QVERIFY(instances.findByName(QStringLiteral("a-node"))->has_value());

        Instance changed = instances.get(QStringLiteral("a-node")).value();
        changed.environment = QStringLiteral("staging");
        changed.channel = UpdateChannel::AutoUpdate;
        changed.pinnedVersion.clear();
        changed.tags = {QStringLiteral("us")};
        const Status updated = instances.update(changed);
        QVERIFY2(updated.ok(), qPrintable(updated.ok() ? QString() : updated.error().toString()));
        const Instance reread = instances.get(QStringLiteral("a-node")).value();
        QCOMPARE(reread.environment, QStringLiteral("staging"));
        QCOMPARE(reread.channel, UpdateChannel::AutoUpdate);
        QCOMPARE(reread.tags, QStringList{QStringLiteral("us")});

        QVERIFY(instances.updateVersion(QStringLiteral("a-node"), QStringLiteral("1.5.0")).ok());
        QVERIFY(instances.updateState(QStringLiteral("a-node"), QStringLiteral("maintenance")).ok());
        QCOMPARE(instances.get(QStringLiteral("a-node"))->currentVersion, QStringLiteral("1.5.0"));
        QCOMPARE(instances.get(QStringLiteral("a-node"))->state, QStringLiteral("maintenance"));

        QVERIFY(instances.remove(QStringLiteral("a-node")).ok());
        QCOMPARE(instances.list()->size(), 2);
        const Status again = instances.remove(QStringLiteral("a-node"));
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains(QStringLiteral("a-node")));
    }

    void saveUpdatesByName()
    {
        InstanceRepository instances(m_db);
        const auto first = instances.save(instance(QStringLiteral("node")));
        QVERIFY(first.ok());
        Instance second = instance(QStringLiteral("node"));
        second.environment = QStringLiteral("staging");
        const auto saved = instances.save(second);
        QVERIFY(saved.ok());
        QCOMPARE(saved->id, first->id);
        QCOMPARE(instances.list()->size(), 1);
        QCOMPARE(instances.get(QStringLiteral("node"))->environment, QStringLiteral("staging"));
    }

    void refusesBadValuesWithNamedErrors()
    {
        InstanceRepository instances(m_db);
        QVERIFY(instances.add(instance(QStringLiteral("node"))).ok());

        const Status badVersion = instances.updateVersion(QStringLiteral("node"), QStringLiteral("1.2.3;rm -rf /"));
        QVERIFY(!badVersion.ok());
        QCOMPARE(badVersion.error().where, QStringLiteral("node"));
        QCOMPARE(instances.get(QStringLiteral("node"))->currentVersion, QStringLiteral("1.4.2"));

        const auto duplicate = instances.add(instance(QStringLiteral("node")));
        QVERIFY(!duplicate.ok());
        QVERIFY(duplicate.error().message.contains(QStringLiteral("\"node\"")));

        const auto orphan = instances.add(instance(QStringLiteral("orphan"), QStringLiteral("no-such-product")));
        QVERIFY2(!orphan.ok(), "an instance of an unknown product must be refused (foreign key)");

        QVERIFY(!instances.updateState(QStringLiteral("missing"), QStringLiteral("active")).ok());
    }

    void releasesReplaceAndNewer()
    {
        ReleaseRepository releases(m_db);
        QVERIFY(releases.replace(QStringLiteral("platform"),
                                 {release(QStringLiteral("1.4.2")), release(QStringLiteral("1.10.0"), true),
                                  release(QStringLiteral("1.5.0"), false, true), release(QStringLiteral("2.0.0-rc.1"))})
                    .ok());
        const auto all = releases.list(QStringLiteral("platform"));
        QVERIFY(all.ok());
        QStringList versions;
        for (const Release &r : *all)
            versions << r.version;
        QCOMPARE(versions, (QStringList{QStringLiteral("2.0.0-rc.1"), QStringLiteral("1.10.0"), QStringLiteral("1.5.0"),
                                        QStringLiteral("1.4.2")}));
        QVERIFY(all->at(1).breaking);
        QVERIFY(all->at(2).security);
        QCOMPARE(all->at(2).published, release(QStringLiteral("1.5.0")).published);
        QCOMPARE(all->at(2).notesUrl, release(QStringLiteral("1.5.0")).notesUrl);

        const auto newer = releases.newerThan(QStringLiteral("platform"), QStringLiteral("1.5.0"));
        QVERIFY(newer.ok());
        QCOMPARE(newer->size(), 2);
        QCOMPARE(newer->last().version, QStringLiteral("1.10.0"));

        QVERIFY(releases.replace(QStringLiteral("platform"), {release(QStringLiteral("3.0.0"))}).ok());
        QCOMPARE(releases.list(QStringLiteral("platform"))->size(), 1);
    }

    void failedReleaseReplaceKeepsTheOldList()
    {
        ReleaseRepository releases(m_db);
        QVERIFY(releases.replace(QStringLiteral("platform"), {release(QStringLiteral("1.0.0"))}).ok());
        const Status bad = releases.replace(QStringLiteral("platform"),
                                            {release(QStringLiteral("1.1.0")), release(QStringLiteral("latest"))});
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QStringLiteral("latest")));
        // Duplicate versions fail inside the transaction, after the delete: the old list must survive.
        const Status duplicate = releases.replace(QStringLiteral("platform"),
                                                  {release(QStringLiteral("1.1.0")), release(QStringLiteral("1.1.0"))});
        QVERIFY(!duplicate.ok());
        const auto kept = releases.list(QStringLiteral("platform"));
        QCOMPARE(kept->size(), 1);
        QCOMPARE(kept->first().version, QStringLiteral("1.0.0"));
    }

    void repositoryCallsComposeIntoOneTransaction()
    {
        InstanceRepository instances(m_db);
        {
            Transaction tx(m_db);
            QVERIFY(tx.begin().ok());
            QVERIFY(instances.add(instance(QStringLiteral("one"))).ok());
            QVERIFY(ReleaseRepository(m_db).replace(QStringLiteral("platform"), {release(QStringLiteral("1.0.0"))}).ok());
            QCOMPARE(m_db.transactionDepth(), 1);
            // Leaving the scope without commit() rolls everything back, nested savepoint included.
        }
        QCOMPARE(m_db.transactionDepth(), 0);
        QCOMPARE(instances.list()->size(), 0);
        QCOMPARE(ReleaseRepository(m_db).list(QStringLiteral("platform"))->size(), 0);

        Transaction tx(m_db);
        QVERIFY(tx.begin().ok());
        QVERIFY(instances.add(instance(QStringLiteral("one"))).ok());
        QVERIFY(tx.commit().ok());
        QCOMPARE(instances.list()->size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
