// Anchoring the audit chain's head outside the store (docs/audit.md): the witnesses (a file outside the
// data directory, the system log), what `verify` finds against them (records cut from the end, a chain
// rewritten and re-hashed), an export checked against its own head, and a witness that fails being
// reported and audited instead of breaking anything.
#include "app/audit/AuditAnchoring.h"
#include "app/audit/AuditChain.h"
#include "app/audit/AuditLog.h"
#include "app/audit/FileWitness.h"
#include "app/audit/SyslogWitness.h"
#include "models/store/Database.h"
#include "tests/store/AuditTampering.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// A store with `count` records in <dir>/data/NAME.db; witnesses live in <dir>/state, outside it.
struct Store
{
    QString path;
    Database db;
    std::unique_ptr<AuditLog> log;

    Store(const QTemporaryDir &dir, const QString &name, int count)
        : path(dir.filePath(QStringLiteral("data/") + name))
    {
        QDir().mkpath(dir.filePath(QStringLiteral("data")));
        if (!db.open(path, name).ok())
            qFatal("cannot open %s", qPrintable(path));
        log = std::make_unique<AuditLog>(db);
        append(count);
    }

    void append(int count)
    {
        for (int i = 0; i < count; ++i) {
            AuditEvent e;
            e.operatorName = QStringLiteral("alice");
            e.action = QStringLiteral("step.finished");
            e.reason = QStringLiteral("step %1").arg(i);
            if (!log->append(e).ok())
                qFatal("cannot append");
        }
    }
};

AuditAnchoring::Options fileOnly(const QString &witnessFile)
{
    return {witnessFile, QStringLiteral("off")};
}

QList<QJsonObject> lines(const QString &path)
{
    QFile f(path);
    QList<QJsonObject> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd())
        out << QJsonDocument::fromJson(f.readLine()).object();
    return out;
}

} // namespace

class TestAuditAnchor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString witness(const QString &name) const { return m_dir.filePath(QStringLiteral("state/") + name); }

private slots:
    void anchorAppendsTheHeadToTheWitnessFile()
    {
        Store store(m_dir, QStringLiteral("anchor.db"), 3);
        AuditAnchoring anchoring(store.db, *store.log, fileOnly(witness(QStringLiteral("anchor.jsonl"))));
        const auto report = anchoring.anchor(QStringLiteral("run 1 succeeded"), QStringLiteral("alice"));
        QVERIFY(report.ok());
        QVERIFY2(report->ok(), qPrintable(report->failures().join(QLatin1Char('\n'))));
        store.append(2);
        QVERIFY(anchoring.anchor(QStringLiteral("on demand"), QStringLiteral("alice")).ok());

        const auto written = lines(witness(QStringLiteral("anchor.jsonl")));
        QCOMPARE(written.size(), 2);
        QCOMPARE(written.at(0).value(QStringLiteral("seq")).toInteger(), 3);
        QCOMPARE(written.at(0).value(QStringLiteral("hash")).toString(), store.log->query()->at(2).hash);
        QCOMPARE(written.at(0).value(QStringLiteral("origin")).toString(), QStringLiteral("run 1 succeeded"));
        QCOMPARE(written.at(1).value(QStringLiteral("seq")).toInteger(), 5);
        QCOMPARE(written.at(1).value(QStringLiteral("store")).toString(), AuditAnchoring::storeIdentity(store.db));
        QCOMPARE(written.at(1).value(QStringLiteral("first")).toString(), store.log->query()->at(0).hash);
        // Nothing is added to the chain when every witness took the head: the head stays the anchored one.
        QCOMPARE(store.log->query()->size(), 5);

        const auto verified = anchoring.verify();
        QVERIFY(verified.ok());
        QVERIFY2(verified->ok(), qPrintable(verified->reason));
        QCOMPARE(verified->anchorsChecked, 2);
        QCOMPARE(verified->anchoredSeq, qint64(5));
        QVERIFY2(verified->anchorNote.contains(QStringLiteral("head anchored by")), qPrintable(verified->anchorNote));
    }

    void aTruncatedStoreIsFoundAgainstTheWitness()
    {
        Store store(m_dir, QStringLiteral("truncated.db"), 6);
        AuditAnchoring anchoring(store.db, *store.log, fileOnly(witness(QStringLiteral("truncated.jsonl"))));
        QVERIFY(anchoring.anchor(QStringLiteral("run 1 succeeded"), QStringLiteral("alice"))->ok());
        QVERIFY(AuditTampering::truncate(store.db, 2));

        // The chain alone still links: only the witness shows the missing end.
        const auto alone = store.log->verify();
        QVERIFY(alone.ok() && alone->ok());
        const auto verified = anchoring.verify();
        QVERIFY(verified.ok());
        QCOMPARE(verified->problem, AuditVerifyReport::Problem::Deleted);
        QCOMPARE(verified->firstBrokenSeq, qint64(5));
        QVERIFY2(verified->reason.contains(QStringLiteral("the log ends at record 4")), qPrintable(verified->reason));
        QVERIFY2(verified->reason.contains(QStringLiteral("records 5 to 6 were deleted")), qPrintable(verified->reason));
    }

    void aRechainedStoreIsFoundAgainstTheWitness()
    {
        Store store(m_dir, QStringLiteral("rechained.db"), 3);
        AuditAnchoring anchoring(store.db, *store.log, fileOnly(witness(QStringLiteral("rechained.jsonl"))));
        QVERIFY(anchoring.anchor(QStringLiteral("run 1 succeeded"), QStringLiteral("alice"))->ok());
        store.append(3);
        QVERIFY(anchoring.anchor(QStringLiteral("run 2 succeeded"), QStringLiteral("alice"))->ok());
        store.append(1);
        QVERIFY(AuditTampering::rechain(store.db, 5, QStringLiteral("nothing happened here")));

        const auto alone = store.log->verify();
        QVERIFY(alone.ok());
        QVERIFY2(alone->ok(), "a re-chained log links by construction");
        const auto verified = anchoring.verify();
        QVERIFY(verified.ok());
        QCOMPARE(verified->problem, AuditVerifyReport::Problem::Rechained);
        // Record 3 still matches the first anchor, record 6 not the second: the rewrite is in 4..6.
        QCOMPARE(verified->firstBrokenSeq, qint64(4));
        QVERIFY2(verified->reason.contains(QStringLiteral("records 4 to 6 were rewritten")), qPrintable(verified->reason));
        QVERIFY2(verified->reason.contains(QStringLiteral("record 3 still matches")), qPrintable(verified->reason));
    }

    void aTruncatedExportFailsAgainstItsOwnHead()
    {
        Store store(m_dir, QStringLiteral("export.db"), 5);
        const QString path = m_dir.filePath(QStringLiteral("export.json"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(store.log->exportJson(f).ok());
        }
        const QString noWitness = witness(QStringLiteral("none.jsonl"));
        const auto intact = AuditAnchoring::verifyExport(path, {}, noWitness);
        QVERIFY(intact.ok());
        QVERIFY2(intact->ok(), qPrintable(intact->reason));

        // Cut the last two events, keep the rest of the file as it was.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonArray events = root.value(QStringLiteral("events")).toArray();
        events.removeLast();
        events.removeLast();
        root.insert(QStringLiteral("events"), events);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(root).toJson());
        f.close();

        const auto truncated = AuditAnchoring::verifyExport(path, {}, noWitness);
        QVERIFY(truncated.ok());
        QCOMPARE(truncated->problem, AuditVerifyReport::Problem::Deleted);
        QVERIFY2(truncated->reason.contains(QStringLiteral("cut from the end of the export")), qPrintable(truncated->reason));
        QVERIFY2(truncated->reason.contains(QStringLiteral("ends at record 3")), qPrintable(truncated->reason));

        // Its head dropped as well: an export without a head cannot show a cut end, so it does not verify.
        root.remove(QStringLiteral("head"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(root).toJson());
        f.close();
        const auto headless = AuditAnchoring::verifyExport(path, {}, noWitness);
        QVERIFY(headless.ok());
        QVERIFY(!headless->ok());
    }

    void anExportWhoseHeadWasMovedIsFoundAgainstTheWitness()
    {
        Store store(m_dir, QStringLiteral("export-witness.db"), 5);
        const QString witnessFile = witness(QStringLiteral("export-witness.jsonl"));
        AuditAnchoring anchoring(store.db, *store.log, fileOnly(witnessFile));
        QVERIFY(anchoring.anchor(QStringLiteral("run 1 succeeded"), QStringLiteral("alice"))->ok());
        const QString path = m_dir.filePath(QStringLiteral("export-witness.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(store.log->exportJson(f).ok());
        f.close();
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonArray events = root.value(QStringLiteral("events")).toArray();
        events.removeLast();
        root.insert(QStringLiteral("events"), events);
        root.insert(QStringLiteral("head"), events.last().toObject().value(QStringLiteral("hash")));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(root).toJson());
        f.close();

        const auto verified = AuditAnchoring::verifyExport(path, {}, witnessFile);
        QVERIFY(verified.ok());
        QCOMPARE(verified->problem, AuditVerifyReport::Problem::Deleted);
        QVERIFY2(verified->reason.contains(QStringLiteral("recorded record 5 as the head")), qPrintable(verified->reason));
    }

    void theSystemLogReceivesTheHead()
    {
        // A datagram socket where a syslog daemon's /dev/log would be.
        const QString socketPath = m_dir.filePath(QStringLiteral("log.sock"));
        const int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray encoded = QFile::encodeName(socketPath);
        QVERIFY(std::size_t(encoded.size()) < sizeof address.sun_path);
        std::memcpy(address.sun_path, encoded.constData(), std::size_t(encoded.size()));
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);

        Store store(m_dir, QStringLiteral("syslog.db"), 2);
        AuditAnchoring anchoring(store.db, *store.log, {witness(QStringLiteral("syslog.jsonl")), socketPath});
        const auto report = anchoring.anchor(QStringLiteral("run 1 succeeded"), QStringLiteral("alice"));
        QVERIFY(report.ok());
        QVERIFY2(report->ok(), qPrintable(report->failures().join(QLatin1Char('\n'))));
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        ::close(fd);
        QVERIFY(n > 0);
        const QByteArray message(buffer, int(n));
        QVERIFY2(message.startsWith("<37>"), message.constData());   // auth.notice
        QVERIFY2(message.contains(" lockstep["), message.constData());
        QVERIFY2(message.contains("lockstep-audit-anchor {"), message.constData());
        QVERIFY2(message.contains(store.log->query()->at(1).hash.toLatin1()), message.constData());
    }

    void aWitnessThatFailsIsReportedAuditedAndTheRestStillAnchor()
    {
        // No syslog daemon: the socket does not exist (as on a machine without one).
        Store store(m_dir, QStringLiteral("nosyslog.db"), 2);
        const QString witnessFile = witness(QStringLiteral("nosyslog.jsonl"));
        AuditAnchoring anchoring(store.db, *store.log, {witnessFile, m_dir.filePath(QStringLiteral("no-such.sock"))});
        const auto report = anchoring.anchor(QStringLiteral("run 1 succeeded"), QStringLiteral("alice"));
        QVERIFY2(report.ok(), "a failing witness does not fail the anchoring");
        QVERIFY(!report->ok());
        QCOMPARE(report->failures().size(), 1);
        QVERIFY2(report->failures().first().startsWith(QStringLiteral("syslog ")), qPrintable(report->failures().first()));

        // The failure is an audit record, and that record is the head the file witness holds now.
        const auto events = store.log->query();
        QCOMPARE(events->size(), 3);
        QCOMPARE(report->failureRecordSeq, qint64(3));
        QCOMPARE(events->last().action, QStringLiteral("audit.anchor"));
        QCOMPARE(events->last().result, QStringLiteral("failed"));
        QVERIFY2(events->last().reason.contains(QStringLiteral("syslog")), qPrintable(events->last().reason));
        const QJsonObject evidence = QJsonDocument::fromJson(events->last().evidence.toUtf8()).object();
        QCOMPARE(evidence.value(QStringLiteral("seq")).toInteger(), 2);
        const auto written = lines(witnessFile);
        QCOMPARE(written.size(), 2);
        QCOMPARE(written.last().value(QStringLiteral("seq")).toInteger(), 3);
        QCOMPARE(report->anchor.seq, qint64(3));
        const auto verified = anchoring.verify();
        QVERIFY(verified.ok() && verified->ok());
        QCOMPARE(verified->anchoredSeq, qint64(3));
    }

    void aWitnessFileInTheStoresDirectoryIsRefused()
    {
        Store store(m_dir, QStringLiteral("inside.db"), 1);
        const QString inside = m_dir.filePath(QStringLiteral("data/anchors.jsonl"));
        AuditAnchoring anchoring(store.db, *store.log, fileOnly(inside));
        const auto report = anchoring.anchor(QStringLiteral("on demand"), QStringLiteral("alice"));
        QVERIFY(report.ok());
        QVERIFY(!report->ok());
        QVERIFY2(report->failures().first().contains(QStringLiteral("store's directory")), qPrintable(report->failures().first()));
        QVERIFY(!QFile::exists(inside));
        QCOMPARE(store.log->query()->last().action, QStringLiteral("audit.anchor"));
    }

    void aVerifyWithoutWitnessSaysSo()
    {
        Store store(m_dir, QStringLiteral("unanchored.db"), 2);
        AuditAnchoring anchoring(store.db, *store.log, fileOnly(witness(QStringLiteral("unanchored.jsonl"))));
        const auto verified = anchoring.verify();
        QVERIFY(verified.ok() && verified->ok());
        QCOMPARE(verified->anchorsChecked, 0);
        QVERIFY2(verified->anchorNote.contains(QStringLiteral("no witness")), qPrintable(verified->anchorNote));
    }
};

QTEST_GUILESS_MAIN(TestAuditAnchor)
#include "tst_auditanchor.moc"
