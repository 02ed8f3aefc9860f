#include "app/audit/AuditChain.h"
#include "app/audit/AuditExport.h"
#include "app/audit/AuditLog.h"
#include "models/store/Database.h"
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;

// `lockstep-cli audit ...` as a pipeline or an auditor would run it.
class TestAuditCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run cli(const QStringList &args)
    {
        QProcess p;
        p.start(test::cliPath(), args);
        Run run;
        if (!p.waitForFinished(30000)) {
            p.kill();
            run.err = QStringLiteral("lockstep-cli did not finish");
            return run;
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        run.out = QString::fromUtf8(p.readAllStandardOutput());
        run.err = QString::fromUtf8(p.readAllStandardError());
        return run;
    }

    QString makeDatabase(const QString &name, int events)
    {
        const QString path = m_dir.filePath(name);
        Database db;
        if (!db.open(path, name).ok())
            return {};
        AuditLog log(db);
        for (int i = 0; i < events; ++i) {
            AuditEvent e;
            e.operatorName = QStringLiteral("alice");
            e.action = i % 2 ? QStringLiteral("step.finished") : QStringLiteral("signoff");
            e.reason = QStringLiteral("reason, with \"quotes\" %1").arg(i);
            if (!log.append(e).ok())
                return {};
        }
        return path;
    }

private slots:
    void verifyIntactExitsZero()
    {
        const QString db = makeDatabase(QStringLiteral("intact.db"), 4);
        QVERIFY(!db.isEmpty());
        const Run run = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"), db});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(QStringLiteral("intact")));
        QVERIFY(run.out.contains(QStringLiteral("4 records")));
    }

    void verifyBrokenExitsOneAndNamesTheRecord()
    {
        const QString path = makeDatabase(QStringLiteral("broken.db"), 5);
        {
            Database db;
            QVERIFY(db.open(path, QStringLiteral("tamper")).ok());
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("UPDATE audit_events SET operator = 'mallory' WHERE seq = 3")));
        }
        const Run run = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"), path});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("broken at record 3")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("edited")));
    }

    void exportJsonToFileAndCsvToStdout()
    {
        const QString db = makeDatabase(QStringLiteral("export.db"), 3);
        const QString jsonPath = m_dir.filePath(QStringLiteral("audit.json"));
        const Run json = cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--database"), db,
                              QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--output"), jsonPath});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        QFile file(jsonPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto events = AuditExport::readJson(file);
        QVERIFY(events.ok());
        QCOMPARE(events->size(), 3);
        QCOMPARE(events->at(2).reason, QStringLiteral("reason, with \"quotes\" 2"));
        QVERIFY(AuditChain::verify(*events).ok());

        const Run csv = cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--database"), db,
                             QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(csv.exitCode == 0, qPrintable(csv.err));
        const QStringList lines = csv.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.first().startsWith(QStringLiteral("seq,time,operator,action")));
        QVERIFY(lines.at(1).contains(QStringLiteral("\"reason, with \"\"quotes\"\" 0\"")));

        // The export alone verifies, and an edited export does not.
        QVERIFY(cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--export"), jsonPath}).exitCode == 0);
        file.close();
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray edited = file.readAll().replace("quotes\\\" 1", "quotes\\\" 7");
        file.close();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(edited);
        file.close();
        const Run tampered = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--export"), jsonPath});
        QCOMPARE(tampered.exitCode, 1);
        QVERIFY2(tampered.out.contains(QStringLiteral("record 2")), qPrintable(tampered.out));
    }

    void errorsExitTwoWithoutCreatingADatabase()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing.db"));
        const Run run = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"), missing});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(missing));
        QVERIFY(!QFile::exists(missing));

        QCOMPARE(cli({QStringLiteral("audit")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("audit"), QStringLiteral("shred")}).exitCode, 2);
        const QString db = makeDatabase(QStringLiteral("format.db"), 1);
        const Run badFormat = cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--database"), db,
                                   QStringLiteral("--format"), QStringLiteral("xml")});
        QCOMPARE(badFormat.exitCode, 2);
        QVERIFY(badFormat.err.contains(QStringLiteral("xml")));
        QCOMPARE(cli({QStringLiteral("no-such-command")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestAuditCli)
#include "tst_auditcli.moc"
