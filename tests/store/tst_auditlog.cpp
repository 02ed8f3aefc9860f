#include "app/audit/AuditChain.h"
#include "app/audit/AuditExport.h"
#include "app/audit/AuditLog.h"
#include "app/audit/AuditLogSink.h"
#include "models/Clock.h"
#include "models/store/Database.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace lockstep;

class TestAuditLog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Database m_db;
    const QDateTime m_start{QDate(2026, 11, 21), QTime(9, 0, 0, 123), Qt::UTC};
    ManualClock m_clock{m_start};

    QString path() const
    {
        QString name = QString::fromLatin1(QTest::currentTestFunction());
        if (QTest::currentDataTag())
            name += QLatin1Char('-') + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_'));
        return m_dir.filePath(name + QStringLiteral(".db"));
    }

    static AuditEvent event(const QString &action, const QString &reason = {})
    {
        AuditEvent e;
        e.operatorName = QStringLiteral("alice");
        e.action = action;
        e.runId = QStringLiteral("run-7");
        e.instance = QStringLiteral("platform-prod-1");
        e.fromVersion = QStringLiteral("1.4.2");
        e.toVersion = QStringLiteral("1.5.0");
        e.result = QStringLiteral("ok");
        e.reason = reason;
        e.evidence = QStringLiteral("{\"status\":200}");
        return e;
    }

    void appendFive(AuditLog &log)
    {
        for (const char *action : {"run.started", "step.finished", "signoff", "override", "run.finished"}) {
            m_clock.advance(1500);
            const auto appended = log.append(event(QLatin1String(action)));
            QVERIFY2(appended.ok(), qPrintable(appended.ok() ? QString() : appended.error().toString()));
        }
    }

    void exec(const QString &sql)
    {
        QSqlQuery q(m_db.connection());
        QVERIFY2(q.exec(sql), qPrintable(sql));
    }

private slots:
    void init()
    {
        m_clock.set(m_start);
        Clock::setInstance(&m_clock);
        const Status s = m_db.open(path(), QStringLiteral("audit"));
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
    }

    void cleanup()
    {
        m_db.close();
        Clock::setInstance(nullptr);
    }

    void appendBuildsTheChain()
    {
        AuditLog log(m_db);
        QCOMPARE(log.headHash().value(), AuditChain::genesisHash());
        const auto first = log.append(event(QStringLiteral("run.started")));
        QVERIFY(first.ok());
        m_clock.advance(250);
        const auto second = log.append(event(QStringLiteral("step.finished")));
        QVERIFY(second.ok());

        QCOMPARE(first->seq, 1);
        QCOMPARE(second->seq, 2);
        QCOMPARE(first->prevHash, AuditChain::genesisHash());
        QCOMPARE(second->prevHash, first->hash);
        QCOMPARE(first->time, m_clock.now().addMSecs(-250));
        QCOMPARE(log.headHash().value(), second->hash);

        // The documented canonical form, rebuilt by hand, gives the stored hash.
        const QByteArray canonical = "lockstep-audit-v1\n"
                                     "seq:1:1\n"
                                     "time:24:2026-11-21T09:00:00.123Z\n"
                                     "operator:5:alice\n"
                                     "action:11:run.started\n"
                                     "run_id:5:run-7\n"
                                     "instance:15:platform-prod-1\n"
                                     "from_version:5:1.4.2\n"
                                     "to_version:5:1.5.0\n"
                                     "result:2:ok\n"
                                     "reason:0:\n"
                                     "evidence:14:{\"status\":200}\n"
                                     "prev_hash:64:" + AuditChain::genesisHash().toLatin1() + "\n";
        QCOMPARE(AuditChain::canonicalForm(*first), canonical);
        QCOMPARE(first->hash,
                 QString::fromLatin1(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex()));

        const auto stored = log.query();
        QVERIFY(stored.ok());
        QCOMPARE(stored->size(), 2);
        QCOMPARE(stored->at(0), *first);
        QCOMPARE(stored->at(1), *second);
    }

    void refusesEventsWithoutActionOrWithBadEvidence()
    {
        AuditLog log(m_db);
        QVERIFY(!log.append(event(QString())).ok());
        AuditEvent bad = event(QStringLiteral("signoff"));
        bad.evidence = QStringLiteral("{not json");
        const auto refused = log.append(bad);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QStringLiteral("JSON")));
        QCOMPARE(log.query()->size(), 0);
    }

    void redactsRegisteredSecrets()
    {
        AuditLog log(m_db);
        log.redact({QStringLiteral("hunter2-token"), QString()});
        AuditEvent e = event(QStringLiteral("step.finished"), QStringLiteral("curl -H 'Authorization: hunter2-token'"));
        e.evidence = QStringLiteral("{\"output\":\"token=hunter2-token\"}");
        QVERIFY(log.append(e).ok());
        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QVERIFY(log.exportJson(buffer).ok());
        QVERIFY(!buffer.data().contains("hunter2"));
        QVERIFY(buffer.data().contains("[redacted]"));
        QVERIFY(log.verify()->ok());
    }

    void intactChainVerifies()
    {
        AuditLog log(m_db);
        appendFive(log);
        const auto report = log.verify();
        QVERIFY(report.ok());
        QVERIFY2(report->ok(), qPrintable(report->reason));
        QCOMPARE(report->records, 5);
        QCOMPARE(report->headHash, log.headHash().value());
        QVERIFY(log.verify(log.headHash().value())->ok());
    }

    void tamperingNamesTheFirstBrokenRecord_data()
    {
        QTest::addColumn<QStringList>("sql");
        QTest::addColumn<int>("problem");
        QTest::addColumn<qint64>("seq");
        QTest::newRow("edited reason") << QStringList{QStringLiteral("UPDATE audit_events SET reason = 'nothing to see' WHERE seq = 3")}
                                       << int(AuditVerifyReport::Problem::Edited) << qint64(3);
        QTest::newRow("edited time") << QStringList{QStringLiteral("UPDATE audit_events SET at = '2026-11-21T08:00:00.000Z' WHERE seq = 4")}
                                     << int(AuditVerifyReport::Problem::Edited) << qint64(4);
        QTest::newRow("deleted") << QStringList{QStringLiteral("DELETE FROM audit_events WHERE seq = 3")}
                                 << int(AuditVerifyReport::Problem::Deleted) << qint64(3);
        QTest::newRow("deleted first") << QStringList{QStringLiteral("DELETE FROM audit_events WHERE seq = 1")}
                                       << int(AuditVerifyReport::Problem::Deleted) << qint64(1);
        QTest::newRow("reordered") << QStringList{QStringLiteral("UPDATE audit_events SET seq = -1 WHERE seq = 3"),
                                                  QStringLiteral("UPDATE audit_events SET seq = 3 WHERE seq = 4"),
                                                  QStringLiteral("UPDATE audit_events SET seq = 4 WHERE seq = -1")}
                                   << int(AuditVerifyReport::Problem::Reordered) << qint64(3);
    }
    void tamperingNamesTheFirstBrokenRecord()
    {
        QFETCH(QStringList, sql);
        QFETCH(int, problem);
        QFETCH(qint64, seq);
        AuditLog log(m_db);
        appendFive(log);
        for (const QString &statement : sql)
            exec(statement);
        const auto report = log.verify();
        QVERIFY(report.ok());
        QVERIFY(!report->ok());
        QCOMPARE(int(report->problem), problem);
        QCOMPARE(report->firstBrokenSeq, seq);
        QVERIFY2(report->reason.contains(QStringLiteral("record %1").arg(seq)), qPrintable(report->reason));
    }

    void rewritingARecordWithARecomputedHashIsStillCaught()
    {
        AuditLog log(m_db);
        appendFive(log);
        AuditEvent forged = log.query()->at(1);
        forged.result = QStringLiteral("failed");
        forged.hash = AuditChain::hashOf(forged);
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("UPDATE audit_events SET result = ?, hash = ? WHERE seq = 2"));
        q.addBindValue(forged.result);
        q.addBindValue(forged.hash);
        QVERIFY(q.exec());
        const auto report = log.verify();
        QCOMPARE(report->problem, AuditVerifyReport::Problem::Edited);
        QCOMPARE(report->firstBrokenSeq, 2);
    }

    void deletingTheTailIsCaughtAgainstAKeptHead()
    {
        AuditLog log(m_db);
        appendFive(log);
        const QString head = log.headHash().value();
        exec(QStringLiteral("DELETE FROM audit_events WHERE seq >= 4"));
        QVERIFY(log.verify()->ok());  // the chain alone cannot show a shortened tail
        const auto report = log.verify(head);
        QCOMPARE(report->problem, AuditVerifyReport::Problem::Deleted);
        QCOMPARE(report->firstBrokenSeq, 4);
    }

    void appendsAfterTamperingDoNotHideIt()
    {
        AuditLog log(m_db);
        appendFive(log);
        exec(QStringLiteral("UPDATE audit_events SET operator = 'mallory' WHERE seq = 2"));
        QVERIFY(log.append(event(QStringLiteral("run.started"))).ok());
        QCOMPARE(log.verify()->firstBrokenSeq, 2);
    }

    void exportRoundTrips_data()
    {
        QTest::addColumn<bool>("csv");
        QTest::newRow("json") << false;
        QTest::newRow("csv") << true;
    }
    void exportRoundTrips()
    {
        QFETCH(bool, csv);
        AuditLog log(m_db);
        appendFive(log);
        AuditEvent awkward = event(QStringLiteral("override"),
                                   QStringLiteral("frozen, but \"CVE-2026-1\" is critical;\nsee ticket\r\nOPS-1 — ünïcode"));
        awkward.evidence = QStringLiteral("{\"lines\":[\"a,b\",\"c\\\"d\"],\"n\":1.5}");
        QVERIFY(log.append(awkward).ok());
        QVERIFY(log.append(event(QStringLiteral("run.finished"))).ok());

        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QVERIFY(csv ? log.exportCsv(buffer).ok() : log.exportJson(buffer).ok());
        buffer.seek(0);
        const auto read = csv ? AuditExport::readCsv(buffer) : AuditExport::readJson(buffer);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
        QCOMPARE(*read, log.query().value());
        QVERIFY(AuditChain::verify(*read, {}, log.headHash().value()).ok());

        // An export edited afterwards fails verification at the edited record.
        QByteArray edited = buffer.data();
        edited.replace("CVE-2026-1", "CVE-2026-9");
        QBuffer tampered(&edited);
        tampered.open(QIODevice::ReadOnly);
        const auto reread = csv ? AuditExport::readCsv(tampered) : AuditExport::readJson(tampered);
        QVERIFY(reread.ok());
        const auto report = AuditChain::verify(*reread);
        QCOMPARE(report.problem, AuditVerifyReport::Problem::Edited);
        QCOMPARE(report.firstBrokenSeq, 6);
    }

    void queryFilters()
    {
        AuditLog log(m_db);
        appendFive(log);
        AuditEvent other = event(QStringLiteral("signoff"));
        other.runId = QStringLiteral("run-8");
        other.operatorName = QStringLiteral("bob");
        QVERIFY(log.append(other).ok());

        AuditFilter byRun;
        byRun.runId = QStringLiteral("run-8");
        QCOMPARE(log.query(byRun)->size(), 1);
        AuditFilter byAction;
        byAction.action = QStringLiteral("signoff");
        QCOMPARE(log.query(byAction)->size(), 2);
        AuditFilter newest;
        newest.newestFirst = true;
        newest.limit = 2;
        const auto latest = log.query(newest);
        QCOMPARE(latest->size(), 2);
        QCOMPARE(latest->first().seq, 6);
        AuditFilter window;
        window.from = QDateTime(QDate(2026, 11, 21), QTime(9, 0, 3), Qt::UTC);
        window.to = QDateTime(QDate(2026, 11, 21), QTime(9, 0, 6), Qt::UTC);
        const auto inWindow = log.query(window);
        QCOMPARE(inWindow->size(), 2);  // 09:00:03.123 and 09:00:04.623
        QCOMPARE(inWindow->first().seq, 2);
    }

    void engineEntriesLandInTheChain()
    {
        AuditLog log(m_db);
        log.redact({QStringLiteral("s3cret-token")});
        AuditLogSink sink(log);
        EngineAuditEntry entry;
        entry.runId = 42;
        entry.operatorName = QStringLiteral("bob");
        entry.action = QStringLiteral("override");
        entry.instance = QStringLiteral("platform-prod-2");
        entry.fromVersion = QStringLiteral("1.4.2");
        entry.toVersion = QStringLiteral("1.4.3");
        entry.result = QStringLiteral("frozen");
        entry.reason = QStringLiteral("CVE fix");
        entry.evidence = QJsonObject{{QStringLiteral("output"), QStringLiteral("token s3cret-token ok")}};
        QVERIFY(sink.record(entry).ok());
        const AuditEvent stored = log.query()->first();
        QCOMPARE(stored.runId, QStringLiteral("42"));
        QCOMPARE(stored.operatorName, QStringLiteral("bob"));
        QCOMPARE(stored.toVersion, QStringLiteral("1.4.3"));
        QCOMPARE(stored.evidence, QStringLiteral("{\"output\":\"token [redacted] ok\"}"));
        entry.action.clear();
        QVERIFY2(!sink.record(entry).ok(), "an entry without an action is refused, not silently dropped");
        QVERIFY(log.verify()->ok());
    }

    void appendsAreDurable()
    {
        QSqlQuery q(m_db.connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);  // FULL
    }

    void concurrentWritersDoNotForkTheChain()
    {
        const QString file = path();
        constexpr int kPerWriter = 40;
        auto writer = [file](int id) {
            Database db;
            if (!db.open(file, QStringLiteral("writer-%1").arg(id)).ok())
                return;
            AuditLog log(db);
            for (int i = 0; i < kPerWriter; ++i) {
                AuditEvent e;
                e.action = QStringLiteral("step.finished");
                e.operatorName = QStringLiteral("writer-%1").arg(id);
                if (!log.append(e).ok())
                    return;
            }
        };
        QThread *a = QThread::create(writer, 1);
        QThread *b = QThread::create(writer, 2);
        a->start();
        b->start();
        QVERIFY(a->wait(60000));
        QVERIFY(b->wait(60000));
        delete a;
        delete b;
        AuditLog log(m_db);
        const auto report = log.verify();
        QVERIFY2(report->ok(), qPrintable(report->reason));
        QCOMPARE(report->records, 2 * kPerWriter);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
