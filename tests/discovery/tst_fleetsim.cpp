#include "tests/support/FleetSim.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using lockstep::test::FleetSim;

// lockstep-fleetsim itself: the behaviour runbooks, gates and the demo rely on.
class TestFleetSim : public QObject
{
    Q_OBJECT

private:
    FleetSim m_sim;

    // Metric samples of one scrape: "name{labels}" -> value.
    QHash<QString, double> scrape(const QString &instance) const
    {
        const FleetSim::Response r = m_sim.get(QStringLiteral("/i/%1/metrics").arg(instance));
        QHash<QString, double> samples;
        for (const QByteArray &line : r.body.split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const qsizetype space = line.lastIndexOf(' ');
            samples.insert(QString::fromUtf8(line.left(space)), line.mid(space + 1).toDouble());
        }
        return samples;
    }

    // Error fraction, fraction of requests under 0.5 s and the queue depth over a window of at
    // least 60 simulated requests (a few seconds); NaN fractions if the window never filled.
    std::tuple<double, double, double> window(const QString &name) const
    {
        const QString count = QStringLiteral("http_request_duration_seconds_count");
        const QString errors = QStringLiteral("http_requests_total{code=\"500\"}");
        const QString fast = QStringLiteral("http_request_duration_seconds_bucket{le=\"0.5\"}");
        const auto a = scrape(name);
        auto b = a;
        for (int i = 0; i < 100 && b.value(count) - a.value(count) < 60; ++i) {
            QTest::qWait(200);
            b = scrape(name);
        }
        const double n = b.value(count) - a.value(count) >= 60 ? b.value(count) - a.value(count) : qQNaN();
        return {(b.value(errors) - a.value(errors)) / n, (b.value(fast) - a.value(fast)) / n,
                b.value(QStringLiteral("queue_depth"))};
    }

    QJsonObject instance(const QString &name) const
    {
        return m_sim.get(QStringLiteral("/api/instances/%1").arg(name)).json().toObject();
    }

private slots:
    void initTestCase()
    {
        const QString failure = m_sim.start({QStringLiteral("--demo"), QStringLiteral("--seed"), QStringLiteral("7"),
                                             QStringLiteral("--upgrade-ms"), QStringLiteral("200"),
                                             QStringLiteral("--backup-ms"), QStringLiteral("100")});
        if (!failure.isEmpty())
            QFAIL(qPrintable(failure));
    }

    void demoFleetCoversThePolicyCases()
    {
        const QJsonArray all = m_sim.get(QStringLiteral("/api/instances")).json().toArray();
        QCOMPARE(all.size(), 30);
        QSet<QString> products, channels, environments;
        int pinned = 0, frozenUnpinned = 0;
        for (const QJsonValue &v : all) {
            const QJsonObject i = v.toObject();
            products.insert(i[QStringLiteral("product")].toString());
            channels.insert(i[QStringLiteral("updateChannel")].toString());
            environments.insert(i[QStringLiteral("environment")].toString());
            if (i[QStringLiteral("updateChannel")] == QStringLiteral("frozen"))
                (i[QStringLiteral("pinnedVersion")].toString().isEmpty() ? frozenUnpinned : pinned)++;
        }
        QCOMPARE(products, (QSet<QString>{QStringLiteral("webwaka-platform"), QStringLiteral("graph-api"),
                                          QStringLiteral("realtime-server"), QStringLiteral("message-center"),
                                          QStringLiteral("whispa")}));
        QCOMPARE(channels.size(), 3);
        QCOMPARE(environments, (QSet<QString>{QStringLiteral("staging"), QStringLiteral("prod")}));
        QVERIFY(pinned >= 1);
        QVERIFY(frozenUnpinned >= 1);
        QCOMPARE(m_sim.get(QStringLiteral("/i/msgcenter-prod-3/health")).status, 503);

        for (const QString &product : products) {
            const QJsonArray releases = m_sim.get(QStringLiteral("/feeds/%1/releases.json").arg(product))
                                            .json()[QStringLiteral("releases")].toArray();
            int security = 0, breaking = 0, bad = 0;
            for (const QJsonValue &r : releases) {
                security += r[QStringLiteral("security")].toBool();
                breaking += r[QStringLiteral("breaking")].toBool();
                bad += r[QStringLiteral("bad")].toBool();
            }
            QVERIFY2(security && breaking && bad, qPrintable(product));
        }
    }

    void inventoryIsImportableYaml()
    {
        const FleetSim::Response r = m_sim.get(QStringLiteral("/inventory.yaml"));
        QCOMPARE(r.status, 200);
        const QString yaml = QString::fromUtf8(r.body);
        QCOMPARE(yaml.count(QRegularExpression(QStringLiteral("^  - name: "), QRegularExpression::MultilineOption)), 30);
        QCOMPARE(yaml.count(QRegularExpression(QStringLiteral("^  - id: "), QRegularExpression::MultilineOption)), 5);
        const QString base = m_sim.baseUrl().toString();
        QVERIFY(yaml.contains(QStringLiteral("    url: %1/i/platform-prod-1\n    api: %1/api\n").arg(base)));
        QVERIFY(yaml.contains(QStringLiteral("    releases: %1/feeds/whispa/releases.json\n").arg(base)));
        QVERIFY(yaml.contains(QStringLiteral("    channel: frozen\n    pinned: \"1.8.3\"\n")));
    }

    void badInputIsRefusedWith400()
    {
        const auto hostile = m_sim.post(QStringLiteral("/api/instances/platform-prod-2/upgrade"),
                                        {{QStringLiteral("version"), QStringLiteral("1.5.0 && reboot")}});
        QCOMPARE(hostile.status, 400);
        QVERIFY(hostile.json()[QStringLiteral("error")].toString().contains(QLatin1String("not a semantic version")));
        QCOMPARE(m_sim.post(QStringLiteral("/api/instances/platform-prod-2/upgrade"),
                            {{QStringLiteral("version"), QStringLiteral("9.9.9")}}).status, 400);
        QCOMPARE(m_sim.post(QStringLiteral("/api/instances/platform-prod-2/maintenance"),
                            {{QStringLiteral("enabled"), QStringLiteral("yes")}}).status, 400);
        QCOMPARE(m_sim.post(QStringLiteral("/api/instances/nobody/maintenance"),
                            {{QStringLiteral("enabled"), true}}).status, 404);
        QCOMPARE(instance(QStringLiteral("platform-prod-2"))[QStringLiteral("status")].toString(), QStringLiteral("active"));
    }

    void upgradeProcedureEndToEnd()
    {
        const QString name = QStringLiteral("platform-staging-1");
        const QString api = QStringLiteral("/api/instances/") + name;
        QCOMPARE(m_sim.post(api + QStringLiteral("/maintenance"), {{QStringLiteral("enabled"), true}}).status, 200);
        QVERIFY(instance(name)[QStringLiteral("maintenanceMode")].toBool());

        const auto backup = m_sim.post(api + QStringLiteral("/backup"));
        QCOMPARE(backup.status, 202);
        const QString backupId = backup.json()[QStringLiteral("id")].toString();
        QTRY_COMPARE_WITH_TIMEOUT(m_sim.get(api + QStringLiteral("/backups")).json()[0][QStringLiteral("status")].toString(),
                                  QStringLiteral("completed"), 10000);

        const qint64 startBefore = scrape(name).value(QStringLiteral("process_start_time_seconds"));
        QCOMPARE(m_sim.post(api + QStringLiteral("/upgrade"), {{QStringLiteral("version"), QStringLiteral("1.5.0")}}).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(instance(name)[QStringLiteral("version")].toString(), QStringLiteral("1.5.0"), 10000);
        QCOMPARE(instance(name)[QStringLiteral("previousVersion")].toString(), QStringLiteral("1.4.2"));
        QVERIFY(scrape(name).value(QStringLiteral("process_start_time_seconds")) > startBefore);

        // New code on the old schema until migrations run (message-center procedure).
        QVERIFY(m_sim.get(QStringLiteral("/api/diagnostics/") + name).json()[QStringLiteral("coreApi")].toString()
                    .startsWith(QLatin1String("error")));
        QCOMPARE(m_sim.post(api + QStringLiteral("/migrate")).json()[QStringLiteral("schemaVersion")].toInt(), 8);
        const QJsonObject diagnostics = m_sim.get(QStringLiteral("/api/diagnostics/") + name).json().toObject();
        QCOMPARE(diagnostics[QStringLiteral("coreApi")].toString(), QStringLiteral("ok"));
        QCOMPARE(diagnostics[QStringLiteral("auditFallbackFileSize")].toInt(), 0);

        // Roll back: app first, then the schema from the backup.
        QCOMPARE(m_sim.post(api + QStringLiteral("/rollback")).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(instance(name)[QStringLiteral("version")].toString(), QStringLiteral("1.4.2"), 10000);
        QCOMPARE(m_sim.post(api + QStringLiteral("/restore"), {{QStringLiteral("backup"), backupId}}).status, 200);
        QCOMPARE(instance(name)[QStringLiteral("schemaVersion")].toInt(), 7);
        QCOMPARE(m_sim.post(api + QStringLiteral("/maintenance"), {{QStringLiteral("enabled"), false}}).status, 200);
        QCOMPARE(m_sim.get(QStringLiteral("/i/%1/health").arg(name)).json()[QStringLiteral("status")].toString(),
                 QStringLiteral("ok"));
    }

    void emergencyRollbackRestoresAndLeavesMaintenance()
    {
        const QString name = QStringLiteral("graph-staging-1");
        const QString api = QStringLiteral("/api/instances/") + name;
        QCOMPARE(m_sim.post(api + QStringLiteral("/backup")).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(m_sim.get(api + QStringLiteral("/backups")).json()[0][QStringLiteral("status")].toString(),
                                  QStringLiteral("completed"), 10000);
        QCOMPARE(m_sim.post(api + QStringLiteral("/upgrade"), {{QStringLiteral("version"), QStringLiteral("3.8.0")}}).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(instance(name)[QStringLiteral("status")].toString(), QStringLiteral("active"), 10000);
        m_sim.post(api + QStringLiteral("/migrate"));
        QCOMPARE(instance(name)[QStringLiteral("schemaVersion")].toInt(), 13);

        QCOMPARE(m_sim.post(api + QStringLiteral("/rollback/emergency")).status, 202);
        QVERIFY(instance(name)[QStringLiteral("maintenanceMode")].toBool());
        QTRY_COMPARE_WITH_TIMEOUT(instance(name)[QStringLiteral("status")].toString(), QStringLiteral("active"), 10000);
        const QJsonObject after = instance(name);
        QCOMPARE(after[QStringLiteral("version")].toString(), QStringLiteral("3.7.0"));
        QCOMPARE(after[QStringLiteral("schemaVersion")].toInt(), 12);
        QVERIFY(!after[QStringLiteral("maintenanceMode")].toBool());
    }

    void countersGrowAndHistogramIsConsistent()
    {
        const QString name = QStringLiteral("realtime-prod-1");
        const auto first = scrape(name);
        QTRY_VERIFY_WITH_TIMEOUT(scrape(name).value(QStringLiteral("http_request_duration_seconds_count"))
                                     > first.value(QStringLiteral("http_request_duration_seconds_count")), 10000);
        const auto second = scrape(name);
        for (auto it = first.cbegin(); it != first.cend(); ++it) {
            if (it.key().startsWith(QLatin1String("http_")))
                QVERIFY2(second.value(it.key()) >= it.value(), qPrintable(it.key()));
        }
        QCOMPARE(second.value(QStringLiteral("http_request_duration_seconds_bucket{le=\"+Inf\"}")),
                 second.value(QStringLiteral("http_request_duration_seconds_count")));
        double previous = 0;
        for (const char *le : {"0.01", "0.05", "0.1", "0.125", "0.2", "0.5", "1", "5", "+Inf"}) {
            const double v = second.value(QStringLiteral("http_request_duration_seconds_bucket{le=\"%1\"}").arg(QLatin1String(le)));
            QVERIFY2(v >= previous, le);
            previous = v;
        }
    }

    void badReleaseRaisesErrorsLatencyAndQueue()
    {
        const QString name = QStringLiteral("whispa-staging-1");
        const auto [goodErrors, goodFast, goodQueue] = window(name);
        QVERIFY2(goodErrors < 0.02, qPrintable(QString::number(goodErrors)));
        QVERIFY2(goodFast > 0.95, qPrintable(QString::number(goodFast)));
        QVERIFY(goodQueue <= 7);

        QVERIFY(m_sim.setReleaseBad(QStringLiteral("whispa"), QStringLiteral("1.8.3")));
        const auto [badErrors, badFast, badQueue] = window(name);
        QVERIFY2(badErrors > 0.04, qPrintable(QString::number(badErrors)));
        QVERIFY2(badFast < 0.85, qPrintable(QString::number(badFast)));
        QVERIFY(badQueue >= 5);
        // Work piles up on a bad release: the queue grows past anything a good release shows.
        QTRY_VERIFY_WITH_TIMEOUT(scrape(name).value(QStringLiteral("queue_depth")) > 10, 15000);
        QVERIFY(m_sim.setReleaseBad(QStringLiteral("whispa"), QStringLiteral("1.8.3"), false));
    }

    void channelPolicyAndAuditLogFollowTheReference()
    {
        const QString path = QStringLiteral("/api/superadmin/instances/realtime-prod-2");
        auto patch = [&](const QJsonObject &body) {
            const auto reply = m_sim.request("PATCH", path, QJsonDocument(body).toJson(), 10000);
            return std::pair{reply.status, reply.json().toObject()};
        };
        auto [status, pinned] = patch({{QStringLiteral("updateChannel"), QStringLiteral("frozen")},
                                       {QStringLiteral("pinnedVersion"), QStringLiteral("2.11.0")}});
        QCOMPARE(status, 200);
        QCOMPARE(pinned[QStringLiteral("pinnedVersion")].toString(), QStringLiteral("2.11.0"));
        QCOMPARE(patch({{QStringLiteral("pinnedVersion"), QStringLiteral("2.x")}}).first, 400);
        QCOMPARE(patch({{QStringLiteral("updateChannel"), QStringLiteral("sometimes")}}).first, 400);
        auto [status2, manual] = patch({{QStringLiteral("updateChannel"), QStringLiteral("manual-approval")}});
        QCOMPARE(status2, 200);
        QVERIFY(manual[QStringLiteral("pinnedVersion")].toString().isEmpty());   // unpinned with the freeze
        QCOMPARE(patch({{QStringLiteral("pinnedVersion"), QStringLiteral("2.11.0")}}).first, 400);

        QCOMPARE(m_sim.post(QStringLiteral("/api/audit-logs"), {{QStringLiteral("result"), QStringLiteral("success")}}).status, 400);
        QCOMPARE(m_sim.post(QStringLiteral("/api/superadmin/audit-logs"),
                            {{QStringLiteral("action"), QStringLiteral("instance.upgrade.rollback")}}).status, 201);
        const QJsonArray logs = m_sim.get(QStringLiteral("/api/audit-logs")).json().toArray();
        QCOMPARE(logs.size(), 1);
        QCOMPARE(logs.at(0)[QStringLiteral("action")].toString(), QStringLiteral("instance.upgrade.rollback"));
    }

    void servedInventoryFeedsBackAsAFleetFile()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("fleet.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(m_sim.get(QStringLiteral("/inventory.yaml")).body);
        file.close();
        FleetSim copy;
        if (const QString failure = copy.start({QStringLiteral("--fleet"), file.fileName()}); !failure.isEmpty())
            QFAIL(qPrintable(failure));
        const QJsonArray instances = copy.get(QStringLiteral("/api/instances")).json().toArray();
        QCOMPARE(instances.size(), 30);
        const QJsonObject pinned = copy.get(QStringLiteral("/api/instances/whispa-prod-4")).json().toObject();
        QCOMPARE(pinned[QStringLiteral("updateChannel")].toString(), QStringLiteral("frozen"));
        QCOMPARE(pinned[QStringLiteral("pinnedVersion")].toString(), QStringLiteral("1.8.3"));
    }

    void fleetFileDescribesCustomProductsAndFaults()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("fleet.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("products:\n"
                   "  - id: billing\n"
                   "    releases:\n"
                   "      - {version: 1.0.0, schema: 1}\n"
                   "      - {version: 1.1.0, schema: 2, security: true}\n"
                   "instances:\n"
                   "  - {name: billing-1, product: billing, version: 1.1.0}\n"
                   "  - {name: billing-2, product: billing, fault: error500}\n");
        file.close();
        FleetSim custom;
        if (const QString failure = custom.start({QStringLiteral("--fleet"), file.fileName()}); !failure.isEmpty())
            QFAIL(qPrintable(failure));
        QCOMPARE(custom.get(QStringLiteral("/i/billing-1/version")).json()[QStringLiteral("schema")].toInt(), 2);
        QCOMPARE(custom.get(QStringLiteral("/i/billing-2/health")).status, 500);
        QVERIFY(custom.get(QStringLiteral("/feeds/billing/releases.json")).json()[QStringLiteral("releases")][1]
                    [QStringLiteral("security")].toBool());
    }

    void malformedFleetFileIsRefusedWithItsLine()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("fleet.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("products:\n  - id: billing\n    releases: [{version: 1.0.0}]\n"
                   "instances:\n  - {name: b-1, product: billing, version: \"1.0.0; reboot\"}\n");
        file.close();
        FleetSim broken;
        const QString failure = broken.start({QStringLiteral("--fleet"), file.fileName()});
        QVERIFY2(failure.contains(file.fileName() + QStringLiteral(":5:")), qPrintable(failure));
        QVERIFY2(failure.contains(QLatin1String("has no release")), qPrintable(failure));
    }

    void faultsCanBeInjectedAndCleared()
    {
        QVERIFY(m_sim.inject(QStringLiteral("graph-prod-1"), QStringLiteral("error500")));
        QCOMPARE(m_sim.get(QStringLiteral("/i/graph-prod-1/version")).status, 500);
        QVERIFY(m_sim.inject(QStringLiteral("graph-prod-1"), QStringLiteral("down")));
        QCOMPARE(m_sim.get(QStringLiteral("/i/graph-prod-1/health")).status, 0);
        QCOMPARE(m_sim.get(QStringLiteral("/api/instances/graph-prod-1")).status, 200);   // the control plane stays up
        QVERIFY(m_sim.inject(QStringLiteral("graph-prod-1"), QStringLiteral("none")));
        QCOMPARE(m_sim.get(QStringLiteral("/i/graph-prod-1/health")).status, 200);
        QVERIFY(!m_sim.inject(QStringLiteral("graph-prod-1"), QStringLiteral("meltdown")));
    }
};

QTEST_GUILESS_MAIN(TestFleetSim)
#include "tst_fleetsim.moc"
