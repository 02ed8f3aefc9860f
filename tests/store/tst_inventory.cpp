#include "app/audit/AuditLog.h"
#include "app/inventory/AnsibleInventoryReader.h"
#include "app/inventory/InventoryImporter.h"
#include "app/inventory/YamlInventoryReader.h"
#include "models/store/Database.h"
#include "models/store/InstanceRepository.h"
#include "models/store/ProductRepository.h"
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;

class TestInventory : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Database m_db;

    static QString fixture(const QString &name) { return test::sourceDir() + QStringLiteral("/tests/store/data/") + name; }

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(content);
        return path;
    }

    static QString describe(const Error &e) { return e.toString(); }

    int count(const QString &table)
    {
        QSqlQuery q(m_db.connection());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    static QByteArray yamlWith(const QByteArray &instanceLines)
    {
        return "products:\n"
               "  - id: webwaka-platform\n"
               "    name: WebWaka Platform\n"
               "    releases: http://127.0.0.1:8080/feed.json\n"
               "instances:\n"
               "  - name: good-1\n"
               "    product: webwaka-platform\n"
               "  - name: bad\n"
               "    product: webwaka-platform\n"
               + instanceLines;
    }

private slots:
    void init()
    {
        const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction())
                                            + QString::fromLatin1(QTest::currentDataTag() ? QTest::currentDataTag() : "")
                                                  .replace(QLatin1Char(' '), QLatin1Char('_'))
                                            + QStringLiteral(".db"));
        const Status s = m_db.open(path, QStringLiteral("inventory"));
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
    }

    void cleanup() { m_db.close(); }

    void importsTheYamlFormat()
    {
        InventoryImporter importer(m_db);
        const auto summary = importer.importFile(fixture(QStringLiteral("inventory-good.yaml")));
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : describe(summary.error())));
        QCOMPARE(summary->productsAdded, 2);
        QCOMPARE(summary->instancesAdded, 3);

        const auto graph = ProductRepository(m_db).get(QStringLiteral("graph-api"));
        QVERIFY(graph.ok());
        QCOMPARE(graph->displayName, QStringLiteral("Graph API"));
        QCOMPARE(graph->releaseSourceKind, QStringLiteral("registry"));
        QCOMPARE(graph->releaseSource, QUrl(QStringLiteral("http://127.0.0.1:8080/v2/graph-api/tags/list")));

        InstanceRepository instances(m_db);
        const Instance one = instances.get(QStringLiteral("platform-prod-1")).value();
        QCOMPARE(one.product, QStringLiteral("webwaka-platform"));
        QCOMPARE(one.environment, QStringLiteral("prod"));
        QCOMPARE(one.tags, (QStringList{QStringLiteral("eu"), QStringLiteral("canary")}));
        QCOMPARE(one.baseUrl, QUrl(QStringLiteral("http://127.0.0.1:8080/i/platform-prod-1")));
        QCOMPARE(one.apiUrl, QUrl(QStringLiteral("http://127.0.0.1:8080/api")));
        QCOMPARE(one.sshTarget, QStringLiteral("deploy@127.0.0.1:2222"));
        QCOMPARE(one.channel, UpdateChannel::ManualApproval);
        QCOMPARE(one.currentVersion, QStringLiteral("1.4.2"));
        QCOMPARE(one.metricsSource, QStringLiteral("scrape"));

        const Instance two = instances.get(QStringLiteral("platform-prod-2")).value();
        QCOMPARE(two.sshTarget, QStringLiteral("platform-prod-2"));
        QCOMPARE(two.channel, UpdateChannel::Frozen);
        QCOMPARE(two.pinnedVersion, QStringLiteral("1.4.0"));  // "v1.4.0" normalized
        QCOMPARE(two.currentVersion, QString());

        const Instance graphStaging = instances.get(QStringLiteral("graph-staging")).value();
        QCOMPARE(graphStaging.channel, UpdateChannel::AutoUpdate);
        QCOMPARE(graphStaging.metricsSource, QStringLiteral("{job=\"graph\",env=\"staging\"}"));
    }

    void reimportUpdatesByNameAndKeepsLiveFacts()
    {
        InventoryImporter importer(m_db);
        QVERIFY(importer.importFile(fixture(QStringLiteral("inventory-good.yaml"))).ok());
        InstanceRepository instances(m_db);
        const qint64 id = instances.get(QStringLiteral("platform-prod-2"))->id;
        // Discovery learnt a version, an operator put the instance in maintenance.
        QVERIFY(instances.updateVersion(QStringLiteral("platform-prod-2"), QStringLiteral("1.4.1")).ok());
        QVERIFY(instances.updateState(QStringLiteral("platform-prod-2"), QStringLiteral("maintenance")).ok());

        QFile f(fixture(QStringLiteral("inventory-good.yaml")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray changed = f.readAll();
        changed.replace("tags: [eu]\n", "tags: [eu, moved]\n");
        const auto summary = importer.importFile(write(QStringLiteral("changed.yaml"), changed));
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : describe(summary.error())));
        QCOMPARE(summary->instancesAdded, 0);
        QCOMPARE(summary->instancesUpdated, 3);
        QCOMPARE(summary->productsUpdated, 2);

        const Instance two = instances.get(QStringLiteral("platform-prod-2")).value();
        QCOMPARE(two.id, id);
        QCOMPARE(two.tags, (QStringList{QStringLiteral("eu"), QStringLiteral("moved")}));
        QCOMPARE(two.currentVersion, QStringLiteral("1.4.1"));
        QCOMPARE(two.state, QStringLiteral("maintenance"));
        QCOMPARE(count(QStringLiteral("instances")), 3);
    }

    void badYamlNamesFileLineAndImportsNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("hostile version") << yamlWith("    version: \"1.2.3;rm -rf /\"\n") << 10 << "not a semantic version";
        QTest::newRow("javascript url") << yamlWith("    url: javascript:alert(1)\n") << 10 << "not an http(s) URL";
        QTest::newRow("url with credentials") << yamlWith("    api: http://admin:hunter2@127.0.0.1/api\n") << 10 << "credentials";
        QTest::newRow("url with spaces") << yamlWith("    url: \"http://127.0.0.1/a b\"\n") << 10 << "not a valid URL";
        QTest::newRow("ssh option injection") << yamlWith("    ssh: \"-oProxyCommand=touch /tmp/x\"\n") << 10 << "ssh target";
        QTest::newRow("ssh port out of range") << yamlWith("    ssh: deploy@127.0.0.1:70000\n") << 10 << "out of range";
        QTest::newRow("unknown channel") << yamlWith("    channel: yolo\n") << 10 << "channel \"yolo\"";
        QTest::newRow("pin without frozen") << yamlWith("    pinned: 1.2.3\n") << 10 << "only used with channel frozen";
        QTest::newRow("tag with comma") << yamlWith("    tags: [\"eu,us\"]\n") << 10 << "tag";
        QTest::newRow("unknown key") << yamlWith("    enviroment: prod\n") << 10 << "unknown key \"enviroment\"";
        QTest::newRow("bad metrics") << yamlWith("    metrics: \"rm -rf /\"\n") << 10 << "label selector";
        QTest::newRow("path in name") << yamlWith("  - name: ../../etc/passwd\n    product: webwaka-platform\n") << 10 << "instance name";
        QTest::newRow("duplicate name") << yamlWith("  - name: good-1\n    product: webwaka-platform\n") << 10 << "declared twice (first at";
        QTest::newRow("unknown product") << yamlWith("  - name: other\n    product: not-declared\n") << 10 << "unknown product \"not-declared\"";
        QTest::newRow("ansible yaml") << QByteArray("all:\n  hosts:\n    a: {}\n") << 2 << "Ansible YAML";
        QTest::newRow("instances not a list") << QByteArray("products: []\ninstances:\n  name: x\n") << 3 << "must be a list";
    }
    void badYamlNamesFileLineAndImportsNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, mentions);
        const QString path = write(QStringLiteral("bad.yaml"), content);
        const auto result = InventoryImporter(m_db).importFile(path);
        QVERIFY(!result.ok());
        const Error &e = result.error();
        QVERIFY2(e.where.startsWith(path + QStringLiteral(":%1").arg(line)), qPrintable(describe(e)));
        QVERIFY2(e.message.contains(mentions), qPrintable(describe(e)));
        QCOMPARE(count(QStringLiteral("instances")), 0);
        QCOMPARE(count(QStringLiteral("products")), 0);
    }

    void badFixturesNameTheLine_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("version") << "inventory-bad-version.yaml" << ":13:" << "not a semantic version";
        QTest::newRow("syntax") << "inventory-bad-syntax.yaml" << ":8:" << "not valid YAML";
        QTest::newRow("ansible port") << "inventory-bad-port.ini" << ":10" << "ssh target";
    }
    void badFixturesNameTheLine()
    {
        QFETCH(QString, file);
        QFETCH(QString, where);
        QFETCH(QString, mentions);
        QVERIFY(ProductRepository(m_db).add(Product{QStringLiteral("webwaka-platform"), QStringLiteral("W"),
                                                    QStringLiteral("feed"), QUrl()}).ok());
        const auto result = InventoryImporter(m_db).importFile(fixture(file));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().where.startsWith(fixture(file) + where), qPrintable(describe(result.error())));
        QVERIFY2(result.error().message.contains(mentions), qPrintable(describe(result.error())));
        QCOMPARE(count(QStringLiteral("instances")), 0);
    }

    void aFailureWhileWritingRollsEverythingBack()
    {
        // The store itself refuses the third instance: the two before it and the products must not stay.
        QSqlQuery q(m_db.connection());
        QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER refuse_graph BEFORE INSERT ON instances "
                                      "WHEN NEW.name = 'graph-staging' BEGIN SELECT RAISE(ABORT, 'refused by test'); END")));
        const auto result = InventoryImporter(m_db).importFile(fixture(QStringLiteral("inventory-good.yaml")));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(QStringLiteral("refused by test")), qPrintable(describe(result.error())));
        QVERIFY2(result.error().where.contains(QStringLiteral("inventory-good.yaml:")), qPrintable(describe(result.error())));
        QCOMPARE(count(QStringLiteral("instances")), 0);
        QCOMPARE(count(QStringLiteral("products")), 0);
        QCOMPARE(m_db.transactionDepth(), 0);
    }

    void importsAnsibleIni()
    {
        const auto summary = InventoryImporter(m_db).importFile(
            fixture(QStringLiteral("inventory-good.ini")), {},
            InventoryImporter::Format::Detect);
        // The product is named by [all:vars] but declared nowhere yet.
        QVERIFY(!summary.ok());
        QVERIFY2(summary.error().message.contains(QStringLiteral("unknown product")), qPrintable(describe(summary.error())));
        QVERIFY2(summary.error().where.endsWith(QStringLiteral("inventory-good.ini:7")), qPrintable(summary.error().where));

        QVERIFY(ProductRepository(m_db).add(Product{QStringLiteral("webwaka-platform"), QStringLiteral("WebWaka Platform"),
                                                    QStringLiteral("feed"), QUrl()}).ok());
        const auto imported = InventoryImporter(m_db).importFile(fixture(QStringLiteral("inventory-good.ini")));
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : describe(imported.error())));
        QCOMPARE(imported->instancesAdded, 6);

        InstanceRepository instances(m_db);
        const Instance eu1 = instances.get(QStringLiteral("platform-eu-01")).value();
        QCOMPARE(eu1.tags, (QStringList{QStringLiteral("eu"), QStringLiteral("canary"), QStringLiteral("prod")}));
        QCOMPARE(eu1.sshTarget, QStringLiteral("ops@127.0.0.1:2201"));
        QCOMPARE(eu1.environment, QStringLiteral("prod"));
        QCOMPARE(eu1.channel, UpdateChannel::ManualApproval);
        QCOMPARE(eu1.apiUrl, QUrl(QStringLiteral("http://127.0.0.1:8080/api")));
        QVERIFY(instances.get(QStringLiteral("platform-eu-03")).ok());

        // The more specific group wins over its parent; host variables win over groups.
        const Instance us1 = instances.get(QStringLiteral("platform-us-1")).value();
        QCOMPARE(us1.channel, UpdateChannel::AutoUpdate);
        QCOMPARE(us1.sshTarget, QStringLiteral("deploy@127.0.0.1:2210"));
        QCOMPARE(us1.currentVersion, QStringLiteral("1.4.2"));
        QCOMPARE(instances.get(QStringLiteral("platform-us-2"))->sshTarget, QStringLiteral("ops@127.0.0.1:2211"));

        const Instance lab = instances.get(QStringLiteral("lab-box")).value();
        QCOMPARE(lab.sshTarget, QStringLiteral("ops@[::1]"));
        QCOMPARE(lab.environment, QStringLiteral("lab"));
        QCOMPARE(lab.channel, UpdateChannel::Frozen);
        QCOMPARE(lab.pinnedVersion, QStringLiteral("1.3.9"));
        QCOMPARE(lab.tags, QStringList{QStringLiteral("lab")});
    }

    void ansibleDefaultsComeFromTheCaller()
    {
        const QByteArray ini = "[web]\nweb-1 ansible_host=127.0.0.1\nweb-2 lockstep_environment=qa\n";
        const auto inventory = AnsibleInventoryReader::parse(ini, QStringLiteral("hosts"),
                                                             {QStringLiteral("graph-api"), QStringLiteral("staging")});
        QVERIFY2(inventory.ok(), qPrintable(inventory.ok() ? QString() : describe(inventory.error())));
        QCOMPARE(inventory->instances.size(), 2);
        QCOMPARE(inventory->instances.at(0).product, QStringLiteral("graph-api"));
        QCOMPARE(inventory->instances.at(0).environment, QStringLiteral("staging"));
        QCOMPARE(inventory->instances.at(0).sshTarget, QStringLiteral("127.0.0.1"));
        QCOMPARE(inventory->instances.at(1).environment, QStringLiteral("qa"));
        QCOMPARE(inventory->instances.at(1).sshTarget, QStringLiteral("web-2"));

        const auto noProduct = AnsibleInventoryReader::parse(ini, QStringLiteral("hosts"));
        QVERIFY(!noProduct.ok());
        QCOMPARE(noProduct.error().where, QStringLiteral("hosts:2"));
        QVERIFY(noProduct.error().hint.contains(QStringLiteral("lockstep_product")));
    }

    // Per-instance SSH settings: YAML's ssh_identity / ssh_known_hosts / ssh_config, Ansible's key file.
    void readsPerInstanceSshSettings()
    {
        const QByteArray yaml = "instances:\n  - name: web-1\n    product: p\n    ssh: deploy@10.0.0.5:2222\n"
                                "    ssh_identity: ~/.ssh/deploy\n    ssh_known_hosts: /etc/lockstep/known_hosts\n"
                                "    ssh_config: none\n  - name: web-2\n    product: p\n    ssh: web-2\n";
        const auto fromYaml = YamlInventoryReader::parse(yaml, QStringLiteral("inventory.yaml"), {QStringLiteral("p"), {}});
        QVERIFY2(fromYaml.ok(), qPrintable(fromYaml.ok() ? QString() : describe(fromYaml.error())));
        const SshSettings first = fromYaml->instances.at(0).ssh;
        QCOMPARE(first.identityFile, QStringLiteral("~/.ssh/deploy"));
        QCOMPARE(first.knownHostsFile, QStringLiteral("/etc/lockstep/known_hosts"));
        QVERIFY(!first.readConfig);
        QVERIFY(fromYaml->instances.at(1).ssh.isDefault());

        const auto bad = YamlInventoryReader::parse("instances:\n  - name: w\n    product: p\n    ssh_identity: -oProxyCommand=x\n",
                                                    QStringLiteral("bad.yaml"), {QStringLiteral("p"), {}});
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().where.startsWith(QLatin1String("bad.yaml:4")), qPrintable(describe(bad.error())));

        const auto fromIni = AnsibleInventoryReader::parse("[web]\nweb-1 ansible_host=10.0.0.5 ansible_ssh_private_key_file=~/.ssh/ops\n",
                                                           QStringLiteral("hosts"), {QStringLiteral("p"), {}});
        QVERIFY2(fromIni.ok(), qPrintable(fromIni.ok() ? QString() : describe(fromIni.error())));
        QCOMPARE(fromIni->instances.at(0).ssh.identityFile, QStringLiteral("~/.ssh/ops"));
    }

    // Per-instance values for runbook templates ({{instance.vars.NAME}}): YAML's vars: map, Ansible's
    // host and group variables (connection and lockstep_ keys excluded); stored and read back by the import.
    void readsAndStoresInstanceVariables()
    {
        const QString yaml = write(QStringLiteral("vars.yaml"),
                                   "products:\n  - id: p\n    releases: http://127.0.0.1:8080/feed.json\n"
                                   "instances:\n  - name: web-1\n    product: p\n"
                                   "    vars: {db_host: db-1.internal, kube_context: prod-eu, backup_dir: /srv/backups/web 1}\n"
                                   "  - name: web-2\n    product: p\n");
        InventoryImporter importer(m_db);
        const auto summary = importer.importFile(yaml);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : describe(summary.error())));
        InstanceRepository instances(m_db);
        const Instance one = instances.get(QStringLiteral("web-1")).value();
        QCOMPARE(one.vars.value(QStringLiteral("db_host")), QStringLiteral("db-1.internal"));
        QCOMPARE(one.vars.value(QStringLiteral("kube_context")), QStringLiteral("prod-eu"));
        QCOMPARE(one.vars.value(QStringLiteral("backup_dir")), QStringLiteral("/srv/backups/web 1"));
        QVERIFY(instances.get(QStringLiteral("web-2")).value().vars.isEmpty());

        const QString ini = write(QStringLiteral("hosts"),
                                  "[all:vars]\nlockstep_product=p\nbackup_dir=/var/backups\n"
                                  "[eu]\nweb-1 ansible_host=10.0.0.5 db_host=db-eu-1 kube_context=prod-eu\n"
                                  "[eu:vars]\nbackup_dir=/var/backups/eu\nansible_user=ops\n");
        QVERIFY(importer.importFile(ini).ok());
        const Instance fromIni = instances.get(QStringLiteral("web-1")).value();
        QCOMPARE(fromIni.vars, (QMap<QString, QString>{{QStringLiteral("db_host"), QStringLiteral("db-eu-1")},
                                                       {QStringLiteral("kube_context"), QStringLiteral("prod-eu")},
                                                       {QStringLiteral("backup_dir"), QStringLiteral("/var/backups/eu")}}));

        const auto badName = YamlInventoryReader::parse("instances:\n  - name: w\n    product: p\n    vars: {db-host: x}\n",
                                                        QStringLiteral("bad.yaml"), {QStringLiteral("p"), {}});
        QVERIFY(!badName.ok());
        QVERIFY2(badName.error().where.startsWith(QLatin1String("bad.yaml:4")), qPrintable(describe(badName.error())));
        QVERIFY2(badName.error().message.contains(QLatin1String("db-host")), qPrintable(describe(badName.error())));
        const auto notMap = YamlInventoryReader::parse("instances:\n  - name: w\n    product: p\n    vars: [a, b]\n",
                                                       QStringLiteral("bad.yaml"), {QStringLiteral("p"), {}});
        QVERIFY(!notMap.ok());
        QVERIFY2(notMap.error().message.contains(QLatin1String("vars must be a map")), qPrintable(describe(notMap.error())));
        const auto badIni = AnsibleInventoryReader::parse("[web]\nweb-1\n[web:vars]\nkube-context=x\n", QStringLiteral("hosts"),
                                                          {QStringLiteral("p"), {}});
        QVERIFY(!badIni.ok());
        QCOMPARE(badIni.error().where, QStringLiteral("hosts:4"));
    }

    void badAnsibleNamesTheLine_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("malformed header") << QByteArray("[web]\nweb-1\n[web\n") << "hosts:3" << "malformed section header";
        QTest::newRow("unknown section kind") << QByteArray("[web:hosts]\n") << "hosts:1" << "unknown section kind";
        QTest::newRow("not key=value") << QByteArray("[web]\nweb-1 ansible_host\n") << "hosts:2" << "key=value";
        QTest::newRow("vars line") << QByteArray("[web]\nweb-1\n[web:vars]\njust words\n") << "hosts:4" << "key=value";
        QTest::newRow("hostile host var") << QByteArray("[web]\nweb-1 ansible_user='x;id'\n") << "hosts:2" << "ssh target";
        QTest::newRow("hostile url") << QByteArray("[web]\nweb-1\n[web:vars]\nlockstep_url=file:///etc/passwd\n") << "hosts:4" << "lockstep_url";
        QTest::newRow("hostile version") << QByteArray("[web]\nweb-1 lockstep_version=`id`\n") << "hosts:2" << "not a semantic version";
        QTest::newRow("bad host name") << QByteArray("[web]\n$(reboot)\n") << "hosts:2" << "host name";
        QTest::newRow("unsupported pattern") << QByteArray("[web]\nweb-[a:c]\n") << "hosts:2" << "not supported";
        QTest::newRow("unterminated quote") << QByteArray("[web]\nweb-1 lockstep_url='http://x\n") << "hosts:2" << "unterminated";
        QTest::newRow("cycle") << QByteArray("[a:children]\nb\n[b:children]\na\n[a]\nh\n") << "hosts" << "cycle";
        QTest::newRow("no hosts") << QByteArray("# nothing\n") << "hosts" << "no hosts";
    }
    void badAnsibleNamesTheLine()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, where);
        QFETCH(QString, mentions);
        const auto result = AnsibleInventoryReader::parse(content, QStringLiteral("hosts"), {QStringLiteral("p"), {}});
        QVERIFY(!result.ok());
        QCOMPARE(result.error().where, where);
        QVERIFY2(result.error().message.contains(mentions), qPrintable(describe(result.error())));
    }

    void importIsAudited()
    {
        AuditLog audit(m_db);
        InventoryImporter importer(m_db, &audit, QStringLiteral("alice"));
        QVERIFY(importer.importFile(fixture(QStringLiteral("inventory-good.yaml"))).ok());
        const auto events = audit.query();
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->first().action, QStringLiteral("inventory.imported"));
        QCOMPARE(events->first().operatorName, QStringLiteral("alice"));
        QVERIFY(events->first().evidence.contains(QStringLiteral("\"instancesAdded\":3")));
        QVERIFY(audit.verify()->ok());

        // A refused import leaves no audit record claiming it happened.
        QVERIFY(!importer.importFile(fixture(QStringLiteral("inventory-bad-version.yaml"))).ok());
        QCOMPARE(audit.query()->size(), 1);
    }

    void acceptsTheInventoryFleetsimServes()
    {
        // The shape lockstep-fleetsim serves at /inventory.yaml.
        const QByteArray served = "# Generated by lockstep-fleetsim (seed 1)\nproducts:\n"
                                  "  - id: webwaka-platform\n    name: WebWaka Platform\n"
                                  "    releases: http://127.0.0.1:40000/feeds/webwaka-platform/releases.json\n"
                                  "instances:\n"
                                  "  - name: platform-prod-1\n    product: webwaka-platform\n    environment: prod\n"
                                  "    tags: [eu, canary]\n    url: http://127.0.0.1:40000/i/platform-prod-1\n"
                                  "    api: http://127.0.0.1:40000/api\n    ssh: \"\"\n    channel: manual-approval\n"
                                  "    pinned: \"\"\n";
        const auto inventory = YamlInventoryReader::parse(served, QStringLiteral("inventory.yaml"));
        QVERIFY2(inventory.ok(), qPrintable(inventory.ok() ? QString() : describe(inventory.error())));
        QCOMPARE(inventory->instances.size(), 1);
        QCOMPARE(inventory->instances.first().sshTarget, QString());
    }
};

QTEST_GUILESS_MAIN(TestInventory)
#include "tst_inventory.moc"
