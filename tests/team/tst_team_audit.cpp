// The audit chain with concurrent writers on both backends: several connections in this process and
// several processes (this executable started again as a writer) append at once; the chain stays linear
// and `lockstep-cli audit verify` passes.
#include "app/audit/AuditLog.h"
#include "models/store/Database.h"
#include "tests/support/TestPaths.h"
#include "tests/team/StoreBackends.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlQuery>
#include <QTest>

#include <memory>
#include <thread>
#include <vector>

using namespace lockstep;
using namespace lockstep::test;

namespace {

constexpr int kThreads = 3;
constexpr int kProcesses = 3;
constexpr int kAppends = 25;
const char *kWriterUrl = "LOCKSTEP_TEAM_AUDIT_WRITER";

// Appends kAppends events on `threads` connections of its own; returns the failures.
QStringList burst(const QString &location, const QString &tag, int threads)
{
    std::vector<QString> failures(threads);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            Database db;
            if (Status s = db.open(location, QStringLiteral("audit-%1-%2").arg(tag).arg(t)); !s) {
                failures[t] = s.error().toString();
                return;
            }
            AuditLog log(db);
            for (int i = 0; i < kAppends; ++i) {
                AuditEvent e;
                e.operatorName = tag;
                e.action = QStringLiteral("test.burst");
                e.runId = QString::number(t + 1);
                e.result = QStringLiteral("ok");
                e.evidence = QStringLiteral("{\"i\":%1}").arg(i);
                if (auto appended = log.append(e); !appended) {
                    failures[t] = appended.error().toString();
                    return;
                }
            }
        });
    for (std::thread &w : workers)
        w.join();
    QStringList out;
    for (const QString &f : failures)
        if (!f.isEmpty())
            out << f;
    return out;
}

} // namespace

class TestTeamAudit : public QObject
{
    Q_OBJECT

private:
    StoreBackends m_backends;

private slots:
    void initTestCase()
    {
        // Started again as a writer process: append and report, nothing else.
        const QString writer = QProcessEnvironment::systemEnvironment().value(QLatin1String(kWriterUrl));
        if (!writer.isEmpty())
            return;
        if (const QString failure = m_backends.start(); !failure.isEmpty())
            QFAIL(qPrintable(failure));
    }

    void concurrentWritersKeepOneChain_data() { StoreBackends::addColumn(); StoreBackends::addRows(); }
    void concurrentWritersKeepOneChain()
    {
        const QString writer = QProcessEnvironment::systemEnvironment().value(QLatin1String(kWriterUrl));
        if (!writer.isEmpty()) {
            // The child's only job; it passes the same data row once.
            QFETCH(QString, backend);
            if (backend == QLatin1String("sqlite")) {
                const QStringList failures = burst(writer, QStringLiteral("process-%1").arg(QCoreApplication::applicationPid()), kThreads);
                QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
            }
            return;
        }
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        QVERIFY(!location.isEmpty());
        {
            Database db;   // migrated once before the burst
            QVERIFY(db.open(location, QStringLiteral("audit-setup-") + backend).ok());
        }

        std::vector<std::unique_ptr<QProcess>> processes;
        for (int p = 0; p < kProcesses; ++p) {
            auto process = std::make_unique<QProcess>();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QLatin1String(kWriterUrl), location);
            process->setProcessEnvironment(env);
            process->setProcessChannelMode(QProcess::MergedChannels);
            process->start(QCoreApplication::applicationFilePath(),
                           {QStringLiteral("concurrentWritersKeepOneChain:sqlite")});
            processes.push_back(std::move(process));
        }
        const QStringList failures = burst(location, QStringLiteral("in-process"), kThreads);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        for (auto &process : processes) {
            QVERIFY(process->waitForFinished(120000));
            QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0,
                     qPrintable(QString::fromUtf8(process->readAll())));
        }

        const int expected = (kProcesses + 1) * kThreads * kAppends;
        Database db;
        QVERIFY(db.open(location, QStringLiteral("audit-check-") + backend).ok());
        const auto report = AuditLog(db).verify();
        QVERIFY(report.ok());
        QVERIFY2(report->ok(), qPrintable(report->reason));
        QCOMPARE(report->records, qint64(expected));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT min(seq), max(seq), count(DISTINCT prev_hash) FROM audit_events")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(q.value(1).toInt(), expected);
        QCOMPARE(q.value(2).toInt(), expected);

        // And the command an auditor runs agrees.
        QProcess verify;
        verify.setProcessChannelMode(QProcess::MergedChannels);
        verify.start(cliPath(), {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"), location});
        QVERIFY(verify.waitForFinished(60000));
        const QString output = QString::fromUtf8(verify.readAll());
        QVERIFY2(verify.exitCode() == 0, qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("audit log intact: %1 records").arg(expected)), qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestTeamAudit)
#include "tst_team_audit.moc"
